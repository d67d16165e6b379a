package id.netra.app;

import static id.netra.app.NetraCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code netra topics retention} against a real broker: what the broker applies, checked against the five-year rule. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopicsRetentionIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    @Order(1)
    void showsEachTopicsRetentionAndFindsWhatFallsShort() throws Exception {
        String bootstrap = KAFKA.bootstrapServers();
        // Created by hand with the broker's default retention (seven days), as an auto-created topic would be.
        KAFKA.createTopic("audit-log", 1, Map.of());

        NetraCliTest.Run before = run("topics", "retention", "-b", bootstrap);

        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.out()).containsPattern("audit-log +delete +604800000 +-1 +SHORT: retention.ms=604800000 is less than five years")
                .containsPattern("posts +- +- +- +ABSENT");

        Topics.createMissing(KAFKA.admin());
        NetraCliTest.Run created = run("topics", "retention", "-b", bootstrap);

        assertThat(created.exitCode()).isEqualTo(1);
        assertThat(created.out()).containsPattern("posts +delete +-1 \\(unlimited\\) +-1 +ok").containsPattern("registry +compact .* ok")
                .contains("SHORT").doesNotContain("ABSENT");

        ConfigResource auditLog = new ConfigResource(ConfigResource.Type.TOPIC, "audit-log");
        KAFKA.admin().incrementalAlterConfigs(Map.of(auditLog, List.of(
                new AlterConfigOp(new ConfigEntry("retention.ms", "157788000000"), AlterConfigOp.OpType.SET)))).all().get();
        // The broker applies a config change asynchronously: wait until it describes the new value.
        await().atMost(Duration.ofSeconds(10)).until(() -> "157788000000".equals(
                KAFKA.admin().describeConfigs(List.of(auditLog)).all().get().get(auditLog).get("retention.ms").value()));
        NetraCliTest.Run fixed = run("topics", "retention", "-b", bootstrap);

        assertThat(fixed.exitCode()).as(fixed.out()).isZero();
        assertThat(fixed.out()).containsPattern("audit-log +delete +157788000000 +-1 +ok").doesNotContain("SHORT");
        assertThat(Topics.upgrade(KAFKA.admin())).as("nothing to upgrade in a catalog of this release").isEmpty();
    }

    @Test
    @Order(3)
    void waitsForAPartitionWhoseTopicTheBrokerDoesNotKnowYet() throws Exception {
        // The broker's metadata can lag the controller that created a topic; the admin client does not retry a partition
        // of an unknown topic. Here the topic is unknown at the first attempt and created only when told of the retry.
        NewTopic late = new NewTopic("late-topic", 3, (short) 1);
        List<Set<TopicPartition>> retries = new ArrayList<>();

        Topics.awaitLeaders(KAFKA.admin(), List.of(late), Duration.ofSeconds(30), pending -> {
            if (retries.isEmpty()) {
                KAFKA.createTopic(late.name(), late.numPartitions(), Map.of());
            }
            retries.add(pending);
        });

        assertThat(retries).isNotEmpty();
        assertThat(retries.getFirst()).containsExactlyInAnyOrder(
                new TopicPartition("late-topic", 0), new TopicPartition("late-topic", 1), new TopicPartition("late-topic", 2));
    }

    @Test
    @Order(4)
    void namesThePartitionsStillWithoutALeaderWhenTheWaitRunsOut() {
        NewTopic never = new NewTopic("never-created", 1, (short) 1);
        List<Set<TopicPartition>> retries = new ArrayList<>();

        assertThatThrownBy(() -> Topics.awaitLeaders(KAFKA.admin(), List.of(never), Duration.ofSeconds(1), retries::add))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("never-created-0")
                .hasMessageContaining("1 s after the topics were created");
        assertThat(retries).as("asked again before giving up").isNotEmpty();
    }

    @Test
    @Order(2)
    void keepsEveryRecordOfARegistryAccountsTopicAnEarlierReleaseCompacted() throws Exception {
        // As an earlier release created it (the first test created the catalog of this release).
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "registry-accounts");
        KAFKA.admin().incrementalAlterConfigs(Map.of(topic, List.of(
                new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry("retention.ms", "604800000"), AlterConfigOp.OpType.SET)))).all().get();
        await().atMost(Duration.ofSeconds(10)).until(() -> "compact".equals(
                KAFKA.admin().describeConfigs(List.of(topic)).all().get().get(topic).get("cleanup.policy").value()));

        NetraCliTest.Run create = run("topics", "create", "-b", KAFKA.bootstrapServers());

        assertThat(create.exitCode()).isZero();
        assertThat(create.out()).contains("registry-accounts: was compacted, now keeps every record");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var configs = KAFKA.admin().describeConfigs(List.of(topic)).all().get().get(topic);
            assertThat(configs.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(configs.get("retention.ms").value()).isEqualTo("-1");
            assertThat(configs.get("retention.bytes").value()).isEqualTo("-1");
        });
        assertThat(run("topics", "retention", "-b", KAFKA.bootstrapServers()).out()).containsPattern("registry-accounts +delete +-1 \\(unlimited\\) +-1 +ok");
    }
}
