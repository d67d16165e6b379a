package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.AsnRecord;
import id.netra.model.JsonSerde;
import id.netra.model.Watchlist;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classifier as ops run it: its own JVM ({@link ClassifierApp}), stopped by SIGTERM or by a failure. A service that
 * hangs on after its stream thread died is never restarted by its supervisor; one that takes longer than Docker's
 * 10 s to stop is killed mid-transaction.
 */
class ClassifierProcessIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void exitsNonZeroWhenItsStreamThreadDies(@TempDir Path dir) throws Exception {
        // The poison: the topic the classifier writes account changes to takes no record of this size, so the first
        // registry record makes its producer fail for good, and the stream thread dies with it.
        ClassifierTopology.TopicNames topics = topics(Map.of("max.message.bytes", "100"));
        Path props = properties(dir, topics, -1);

        try (ChildJvm classifier = ChildJvm.start(ClassifierApp.class, dir.resolve("classifier.log"), props.toString())) {
            publish(topics.registry(), Fixtures.RUDI.nip(), new JsonSerde<>(AsnRecord.class).serialize(topics.registry(), Fixtures.RUDI));

            int exit = classifier.awaitExit(Duration.ofSeconds(120));

            assertThat(exit).as("exit code; log:%n%s", classifier.log()).isEqualTo(1);
            assertThat(classifier.log()).contains("Fatal: Kafka Streams went from").contains("stopped in");
        }
    }

    @Test
    void servesHealthAndMetricsAndStopsWithinTenSecondsOfSigterm(@TempDir Path dir) throws Exception {
        ClassifierTopology.TopicNames topics = topics(Map.of());
        int port = ChildJvm.freePort();
        Path props = properties(dir, topics, port);
        publish(topics.watchlist(), Fixtures.WATCHLIST.version(), new JsonSerde<>(Watchlist.class).serialize(topics.watchlist(), Fixtures.WATCHLIST));

        try (ChildJvm classifier = ChildJvm.start(ClassifierApp.class, dir.resolve("classifier.log"), props.toString())) {
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> get(port, "/ready").statusCode() == 200);
            assertThat(get(port, "/health").body()).isEqualTo("{\"status\":\"UP\",\"components\":{\"streams\":\"UP\"}}");
            await().atMost(Duration.ofSeconds(30)).until(() -> get(port, "/metrics").body().contains("kafka_stream_thread_process_total"));
            assertThat(get(port, "/metrics").body()).contains("netra_alerts_total{").contains("severity=\"HIGH\"")
                    .contains("netra_dead_letters_total{").contains("kafka_consumer_fetch_manager_records_lag");

            Duration took = classifier.sigterm(Duration.ofSeconds(60));

            System.out.printf("ClassifierProcessIT: the classifier stopped %d ms after SIGTERM%n", took.toMillis());
            assertThat(classifier.process().isAlive()).isFalse();
            assertThat(classifier.process().exitValue()).as("a clean exit after SIGTERM (143 = terminated by the signal, hooks run)")
                    .isIn(0, 143);
            assertThat(took).as("stop time; Docker kills after its grace period").isLessThan(Duration.ofSeconds(20));
            assertThat(classifier.log()).contains("The classifier service stopped in");
        }
    }

    private static ClassifierTopology.TopicNames topics(Map<String, String> accountsConfigs) {
        String n = KAFKA.uniqueName("c");
        ClassifierTopology.TopicNames t = new ClassifierTopology.TopicNames("posts-" + n, "registry-" + n, "accounts-" + n,
                "watchlist-" + n, "alerts-" + n, "dlq-" + n, "media-text-" + n);
        for (String name : List.of(t.posts(), t.registry(), t.watchlist(), t.alerts(), t.deadLetters(), t.mediaText())) {
            KAFKA.createTopic(name, 1, Map.of());
        }
        KAFKA.createTopic(t.registryAccounts(), 1, accountsConfigs);
        return t;
    }

    private static Path properties(Path dir, ClassifierTopology.TopicNames t, int port) throws Exception {
        return Files.writeString(dir.resolve("classifier.properties"), String.join("\n",
                "kafka.bootstrap.servers=" + KAFKA.bootstrapServers(),
                "application.id=netra-classifier-" + t.posts(),
                "classifier.state-dir=" + dir.resolve("state"),
                "classifier.http.host=127.0.0.1",
                "classifier.http.port=" + port,
                "kafka.num.stream.threads=1",
                "classifier.posts-topic=" + t.posts(),
                "classifier.registry-topic=" + t.registry(),
                "classifier.registry-accounts-topic=" + t.registryAccounts(),
                "classifier.watchlist-topic=" + t.watchlist(),
                "classifier.alerts-topic=" + t.alerts(),
                "classifier.dlq-topic=" + t.deadLetters(),
                "classifier.media-text-topic=" + t.mediaText()) + "\n");
    }

    private static void publish(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
