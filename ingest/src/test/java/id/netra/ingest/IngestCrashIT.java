package id.netra.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Post;
import id.netra.model.SourceCursor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an ingest process with SIGKILL in the middle of its work, starts another, and compares the topic's contents:
 * every post exactly once. The ingest runs as a child JVM so the kill is real (no shutdown hook, no flush).
 */
class IngestCrashIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final int POSTS = 3000;

    @Test
    void aKilledAndRestartedIngestEmitsEveryPostExactlyOnce(@TempDir Path dir) throws Exception {
        IngestTopics topics = IngestTopics.defaults();
        for (var t : List.of(topics.posts(), topics.deadLetters(), topics.captures(), topics.cursors(), topics.seen())) {
            KAFKA.createTopic(t.name(), t.partitions(), t.configs());
        }
        Path file = dir.resolve("posts.jsonl");
        Files.writeString(file, IntStream.rangeClosed(1, POSTS).mapToObj(i -> JsonlSourceTest.line(String.valueOf(i))).collect(Collectors.joining()));
        Path props = Files.writeString(dir.resolve("ingest.properties"), String.join("\n",
                "kafka.bootstrap.servers=" + KAFKA.bootstrapServers(),
                "ingest.jsonl.path=" + file,
                "ingest.max-per-poll=10",
                "ingest.poll-interval=PT0.05S",
                "ingest.http.port=-1") + "\n");

        Process first = ingest(props, dir.resolve("first.log"));
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> IngestKit.readAll(KAFKA, topics.posts()).size() >= 300);
        } finally {
            first.destroyForcibly().waitFor();
        }
        int beforeRestart = IngestKit.readAll(KAFKA, topics.posts()).size();
        assertThat(beforeRestart).as("killed half-way").isLessThan(POSTS);

        Process second = ingest(props, dir.resolve("second.log"));
        try {
            long size = Files.size(file);
            await().atMost(Duration.ofSeconds(120)).until(() -> lastPosition(topics).equals(size + ":" + POSTS));
        } finally {
            second.destroyForcibly().waitFor();
        }

        List<ConsumerRecord<String, Post>> posts = IngestKit.readAll(KAFKA, topics.posts());
        Set<String> keys = posts.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        assertThat(keys).hasSize(POSTS);
        assertThat(posts).hasSize(POSTS);
        assertThat(IngestKit.readAll(KAFKA, topics.captures())).hasSize(POSTS);
        assertThat(IngestKit.readAll(KAFKA, topics.deadLetters())).isEmpty();
    }

    private static String lastPosition(IngestTopics topics) {
        List<ConsumerRecord<String, SourceCursor>> cursors = IngestKit.readAll(KAFKA, topics.cursors());
        if (cursors.isEmpty()) {
            return "";
        }
        Map<String, String> positions = cursors.getLast().value().positions();
        return positions.values().stream().findFirst().orElse("");
    }

    private static Process ingest(Path props, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), IngestApp.class.getName(), props.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
