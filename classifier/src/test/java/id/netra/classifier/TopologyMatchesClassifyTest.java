package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.Json;
import id.netra.model.JsonSerde;
import id.netra.model.Post;
import id.netra.model.PostLines;
import id.netra.model.RegistryCsv;
import id.netra.model.Severity;
import id.netra.model.Watchlist;
import id.netra.model.WatchlistFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live topology and {@code netra classify} decide alike: the second development set (interactions with targets,
 * media alt texts, hidden words, regional languages) goes through the production topology and through the offline
 * classifier, and both give the same alerts, byte for byte, in the same order (posts with pictures are decided without
 * the text in them, none being read here). Runs where the set is beside the checkout (required in CI, like the quality
 * gate).
 */
class TopologyMatchesClassifyTest {
    static final Path SET = DevSetEvaluationTest.DATA.resolve("dev2");

    @Test
    void theTopologyGivesTheAlertsOfClassifyForTheDevelopmentSet(@TempDir Path stateDir) throws IOException {
        if (System.getenv("NETRA_REQUIRE_DEV_SET") != null) {
            assertThat(SET).as("the development set (NETRA_REQUIRE_DEV_SET is set)").isDirectory();
        }
        assumeTrue(Files.isDirectory(SET), "no development set at " + SET.toAbsolutePath());
        List<String> offline = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(SET.resolve("posts.jsonl"))) {
            OfflineClassifier.run(SET.resolve("registry.csv"), SET.resolve("watchlist.json"), in, "posts.jsonl", Severity.LOW,
                    a -> offline.add(json(a)), e -> {
                        throw new AssertionError(e.toString());
                    });
        }

        ClassifierTopology.TopicNames topics = ClassifierTopology.TopicNames.defaults();
        ClassifierConfig config = new ClassifierConfig("dev2-classifier", stateDir, topics, Map.of("bootstrap.servers", "unused:9092"));
        List<String> live = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(ClassifierTopology.build(topics), config.streamsProperties())) {
            StringSerializer keys = new StringSerializer();
            TestInputTopic<String, Watchlist> watchlist = driver.createInputTopic(topics.watchlist(), keys, new JsonSerde<>(Watchlist.class));
            TestInputTopic<String, AsnRecord> registry = driver.createInputTopic(topics.registry(), keys, new JsonSerde<>(AsnRecord.class));
            TestInputTopic<String, Post> posts = driver.createInputTopic(topics.posts(), keys, new JsonSerde<>(Post.class));
            TestOutputTopic<String, Alert> alerts = driver.createOutputTopic(topics.alerts(), new StringDeserializer(), new JsonSerde<>(Alert.class));
            Watchlist w = WatchlistFiles.read(SET.resolve("watchlist.json"));
            watchlist.pipeInput(w.version(), w, Instant.parse("2024-01-01T00:00:00Z"));
            for (AsnRecord r : RegistryCsv.read(SET.resolve("registry.csv")).records()) {
                registry.pipeInput(r.nip(), r, Instant.parse("2024-01-01T00:00:00Z"));
            }
            for (String line : Files.readAllLines(SET.resolve("posts.jsonl"))) {
                Post p = PostLines.parse(line);
                posts.pipeInput(p.key(), p, p.publishedAt().toInstant());
                // No media stage runs here: a post with pictures is decided without their text once its wait is over,
                // as classify decides it.
                driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
            }
            alerts.readValuesToList().forEach(a -> live.add(json(a)));
        }

        assertThat(live).hasSizeGreaterThan(100).containsExactlyElementsOf(offline);
    }

    private static String json(Alert a) {
        try {
            return Json.mapper().writeValueAsString(a);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
