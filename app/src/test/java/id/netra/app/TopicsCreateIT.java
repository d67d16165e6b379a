package id.netra.app;

import static id.netra.app.NetraCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import id.netra.embedded.EmbeddedKafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code netra topics create} takes partition counts and the replication factor from the configuration. */
class TopicsCreateIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void createsTopicsWithTheConfiguredPartitionsAndRefusesMoreReplicasThanBrokers(@TempDir Path dir) throws Exception {
        Path tooMany = Files.writeString(dir.resolve("three.properties"), "topics.replication-factor=3\n");
        NetraCliTest.Run refused = run("topics", "create", "-b", KAFKA.bootstrapServers(), "-c", tooMany.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("netra topics create: Cannot create Netra's topics").contains("eplication factor");

        Path props = Files.writeString(dir.resolve("topics.properties"), String.join("\n",
                "topics.partitions.posts=12", "topics.partitions.alerts=6", "topics.replication-factor=1") + "\n");
        NetraCliTest.Run r = run("topics", "create", "-b", KAFKA.bootstrapServers(), "-c", props.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("posts +created +12 partition\\(s\\), replication 1");
        Map<String, TopicDescription> topics = KAFKA.admin().describeTopics(List.of("posts", "alerts", "registry", "watchlist"))
                .allTopicNames().get();
        assertThat(topics.get("posts").partitions()).hasSize(12);
        assertThat(topics.get("alerts").partitions()).hasSize(6);
        assertThat(topics.get("registry").partitions()).hasSize(3);
        assertThat(topics.get("watchlist").partitions()).hasSize(1);

        Path more = Files.writeString(dir.resolve("more.properties"), "topics.partitions.posts=24\n");
        NetraCliTest.Run again = run("topics", "create", "-b", KAFKA.bootstrapServers(), "-c", more.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).containsPattern("posts +exists +12 partition").contains("configured 24 partitions");

        Path bad = Files.writeString(dir.resolve("bad.properties"), "topics.partitions.watchlist=4\n");
        NetraCliTest.Run wrong = run("topics", "create", "-b", KAFKA.bootstrapServers(), "-c", bad.toString());
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("topics.partitions.watchlist must stay 1");
    }
}
