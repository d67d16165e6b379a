package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.embedded.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The leader election of the alerts services on a real broker. */
class LeaderElectionIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private final List<String> told = new CopyOnWriteArrayList<>();

    private LeaderElection election(String topic, String id) {
        return new LeaderElection(Map.of("bootstrap.servers", KAFKA.bootstrapServers()), topic, id, new LeaderElection.Listener() {
            @Override
            public void elected() {
                told.add(id + " elected");
            }

            @Override
            public void deposed() {
                told.add(id + " deposed");
            }
        });
    }

    private static int members(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(LeaderElection.GROUP + "-" + topic)).all().get()
                    .get(LeaderElection.GROUP + "-" + topic);
            return d.groupState() == GroupState.STABLE ? d.members().size() : -1;
        }
    }

    @Test
    void oneLeadsTheOtherTakesOverWhenItLeavesAndTheFirstComesBackAsAFollower() {
        String topic = KAFKA.uniqueName("alert-events-leader");
        LeaderElection a = election(topic, "a");
        a.start();
        await().atMost(Duration.ofSeconds(30)).until(a::leading);
        try (LeaderElection b = election(topic, "b")) {
            b.start();
            LeaderElection again;
            try (a) {
                await().atMost(Duration.ofSeconds(30)).until(() -> members(topic) == 2);
                assertThat(told).containsExactly("a elected");
            }
            await().atMost(Duration.ofSeconds(30)).until(b::leading);
            assertThat(told).containsExactly("a elected", "a deposed", "b elected");

            again = election(topic, "a2");
            try (again) {
                again.start();
                // Sticky: the partition stays with b once the returning instance has joined.
                await().atMost(Duration.ofSeconds(30)).until(() -> members(topic) == 2);
                assertThat(again.leading()).isFalse();
                assertThat(b.leading()).isTrue();
            }
            assertThat(b.leading()).isTrue();
        }
        assertThat(told).containsExactly("a elected", "a deposed", "b elected", "b deposed");
    }
}
