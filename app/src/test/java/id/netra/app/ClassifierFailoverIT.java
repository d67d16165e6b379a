package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.AsnRecord;
import id.netra.model.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two classifier instances share the posts; one is killed with SIGKILL (no leaving the group, a transaction left open)
 * and the other must take its partitions over within seconds, not after the 45 s a default session lasts. The figures
 * measured are printed (docs/BENCHMARKS.md (f)); the bound asserted has slack for a loaded 2-core machine.
 */
class ClassifierFailoverIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final String APP = "netra-classifier";
    private static final int REGISTRY = 2_000;

    @Test
    void theSurvivorTakesOverTheWorkOfAKilledInstanceWithinSeconds(@TempDir Path dir) throws Exception {
        List<AsnRecord> registry = FaultKit.registry(REGISTRY);
        FaultKit.publish(KAFKA, registry);
        Admin admin = KAFKA.admin();
        try (ClassifierProcess a = ClassifierProcess.start(FaultKit.classifier(KAFKA, APP, "classifier-a", dir), dir.resolve("a.log"));
             ClassifierProcess b = ClassifierProcess.start(FaultKit.classifier(KAFKA, APP, "classifier-b", dir), dir.resolve("b.log"));
             FaultKit.Feeder feeder = new FaultKit.Feeder(KAFKA, FaultKit.posts(200_000, REGISTRY), 300)) {
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> ownersOfPosts(admin).size() == 2
                    && FaultKit.committed(admin, APP, Topics.POSTS.name()).values().stream().allMatch(o -> o > 0));

            int killedPartitions = ownersOfPosts(admin).getOrDefault("classifier-a", List.of()).size();
            Map<Integer, Long> postsAtKill = FaultKit.committed(admin, APP, Topics.POSTS.name());
            Map<Integer, Long> alertsAtKill = FaultKit.stable(admin, Topics.ALERTS.name());
            long killed = System.nanoTime();
            a.kill();

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> ownersOfPosts(admin).keySet().equals(java.util.Set.of("classifier-b"))
                            && ownersOfPosts(admin).get("classifier-b").size() == 3);
            double reassigned = (System.nanoTime() - killed) / 1e9;
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> advanced(FaultKit.committed(admin, APP, Topics.POSTS.name()), postsAtKill));
            double postsResumed = (System.nanoTime() - killed) / 1e9;
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> advanced(FaultKit.stable(admin, Topics.ALERTS.name()), alertsAtKill));
            double alertsResumed = (System.nanoTime() - killed) / 1e9;
            System.out.printf("(f) failover: classifier-a (%d of 3 posts partitions) killed; its partitions reassigned after %.1f s, every posts "
                    + "partition processed again after %.1f s, alerts readable (read_committed) on every partition after %.1f s%n",
                    killedPartitions, reassigned, postsResumed, alertsResumed);

            assertThat(killedPartitions).isPositive();
            // The goal is 10 s (docs/BENCHMARKS.md); a default session alone lasts 45 s.
            assertThat(postsResumed).as("seconds until every partition is processed again").isLessThan(30);
            assertThat(alertsResumed).as("seconds until alerts are readable again").isLessThan(30);
        }
    }

    /** Whether every partition's offset moved past where it was. */
    private static boolean advanced(Map<Integer, Long> now, Map<Integer, Long> before) {
        return before.entrySet().stream().allMatch(e -> now.get(e.getKey()) > e.getValue());
    }

    /** Which instance (by client id) owns which partitions of posts. */
    private static Map<String, List<Integer>> ownersOfPosts(Admin admin) throws Exception {
        ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(APP)).all().get().get(APP);
        Map<String, List<Integer>> out = new java.util.TreeMap<>();
        g.members().forEach(m -> {
            List<Integer> posts = m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(Topics.POSTS.name()))
                    .map(org.apache.kafka.common.TopicPartition::partition).toList();
            if (!posts.isEmpty()) {
                out.merge(m.clientId().replaceAll("-StreamThread.*", ""), posts, (x, y) -> java.util.stream.Stream.concat(x.stream(), y.stream()).toList());
            }
        });
        return out;
    }
}
