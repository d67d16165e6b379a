package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.AsnRecord;
import id.netra.model.Post;
import id.netra.model.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once through faults: two classifier instances in child JVMs classify 21,000 posts that arrive as a steady
 * stream while one or the other is killed with SIGKILL three times (each restarted at once, as a supervisor would) and
 * the broker is restarted once. Every alert the offline classifier derives from the same posts must then be on
 * {@code alerts} exactly once: as many records as distinct ids, and the same ids.
 */
class ClassifierCrashIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final String APP = "netra-classifier";
    private static final int REGISTRY = 3_000;
    private static final int POSTS = 21_000;

    @Test
    void everyAlertIsWrittenExactlyOnceThroughThreeKillsAndABrokerRestart(@TempDir Path dir) throws Exception {
        List<AsnRecord> registry = FaultKit.registry(REGISTRY);
        List<Post> posts = FaultKit.posts(POSTS, REGISTRY);
        long t0 = System.nanoTime();
        List<String> expected = FaultKit.expectedAlertIds(registry, posts);
        FaultKit.publish(KAFKA, registry);
        long prepared = System.nanoTime();

        try (ClassifierProcess a = ClassifierProcess.start(FaultKit.classifier(KAFKA, APP, "classifier-a", dir), dir.resolve("a.log"));
             ClassifierProcess b = ClassifierProcess.start(FaultKit.classifier(KAFKA, APP, "classifier-b", dir), dir.resolve("b.log"))) {
            // Posts joined before their author's record reached the classifier are not flagged: the registry first.
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> FaultKit.caughtUp(KAFKA.admin(), APP, Topics.REGISTRY.name()));
            long started = System.nanoTime();
            try (FaultKit.Feeder feeder = new FaultKit.Feeder(KAFKA, posts, 1_000)) {
                killAndRestartAfter(feeder, 4_000, a);
                killAndRestartAfter(feeder, 9_000, b);
                await().atMost(Duration.ofSeconds(120)).until(() -> feeder.sent() >= 13_000);
                KAFKA.restart();
                killAndRestartAfter(feeder, 17_000, a);
                await().atMost(Duration.ofSeconds(180)).until(feeder::done);
            }
            long fed = System.nanoTime();
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> FaultKit.caughtUp(KAFKA.admin(), APP, Topics.POSTS.name())
                            && FaultKit.committedKeys(KAFKA, Topics.ALERTS.name()).size() >= expected.size());
            System.out.printf("crash test: %,d expected alerts; prepared in %.1f s, classifiers up in %.1f s, posts fed through the faults in %.1f s, "
                    + "caught up %.1f s later%n", expected.size(), (prepared - t0) / 1e9, (started - prepared) / 1e9, (fed - started) / 1e9,
                    (System.nanoTime() - fed) / 1e9);
        }

        List<String> written = FaultKit.committedKeys(KAFKA, Topics.ALERTS.name());
        assertThat(expected).hasSizeGreaterThan(POSTS / 10).doesNotHaveDuplicates();
        assertThat(new HashSet<>(written)).as("alert ids on the topic").isEqualTo(new HashSet<>(expected));
        assertThat(written).as("alert records on the topic").hasSameSizeAs(expected);
    }

    private static void killAndRestartAfter(FaultKit.Feeder feeder, int sent, ClassifierProcess instance) throws InterruptedException {
        await().atMost(Duration.ofSeconds(120)).until(() -> feeder.sent() >= sent);
        instance.kill();
        instance.restart();
    }
}
