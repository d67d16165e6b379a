package id.netra.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import id.netra.embedded.EmbeddedKafkaExtension;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Ingest's {@code /health}, {@code /ready}, {@code /metrics}, its fatal signal and its stop, on a real broker. */
class IngestHealthIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aSourceFencedByAnotherInstanceTurnsHealthDownAndTheServiceMustExit(@TempDir Path dir) throws Exception {
        IngestTopics topics = IngestKit.topics(KAFKA, "fenced");
        Path file = Files.writeString(dir.resolve("in.jsonl"), JsonlSourceTest.line("1"));
        IngestConfig config = IngestConfig.jsonl(file, Duration.ofMillis(100), 1000, topics, IngestKit.kafka(KAFKA)).withHttp("127.0.0.1", 0);

        try (IngestService service = new IngestService(config)) {
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> IngestKit.readAll(KAFKA, topics.posts()).size() == 1);
            assertThat(get(service, "/ready").statusCode()).isEqualTo(200);
            assertThat(get(service, "/health").body()).contains("\"source inbox\":\"UP\"");

            // Another ingest instance with the same source starts: its producer fences this one's.
            Map<String, Object> props = new HashMap<>(IngestKit.kafka(KAFKA));
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "netra-ingest-inbox");
            try (KafkaProducer<String, byte[]> other = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
                other.initTransactions();
                Files.writeString(file, JsonlSourceTest.line("2"), StandardOpenOption.APPEND);

                await().atMost(Duration.ofSeconds(30)).until(() -> get(service, "/health").statusCode() == 503);
            }
            assertThat(get(service, "/health").body()).contains("\"status\":\"DOWN\"").contains("\"source inbox\":\"DOWN\"")
                    .contains("\"source reports\":\"UP\"").doesNotContain("fenced");
            assertThat(service.fatal().reason()).hasValueSatisfying(r -> assertThat(r).contains("took over source inbox"));
        }
    }

    @Test
    void servesEachSourcesHealthAndDeadLettersByKindAsMetrics(@TempDir Path dir) throws Exception {
        IngestTopics topics = IngestKit.topics(KAFKA, "metrics");
        Path file = Files.writeString(dir.resolve("in.jsonl"), JsonlSourceTest.line("1") + "{\"platform\":\"x\",\"postId\":\n");
        IngestConfig config = IngestConfig.jsonl(file, Duration.ofMillis(100), 1000, topics, IngestKit.kafka(KAFKA)).withHttp("127.0.0.1", 0);

        try (IngestService service = new IngestService(config)) {
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> IngestKit.readAll(KAFKA, topics.deadLetters()).size() == 1);

            String scrape = get(service, "/metrics").body();

            assertThat(scrape).contains("netra_ingest_source_up{service=\"ingest\",source=\"inbox\",type=\"jsonl\"} 1.0")
                    .contains("netra_ingest_posts_total{kind=\"new\",service=\"ingest\",source=\"inbox\"} 1.0")
                    .contains("netra_dead_letters_total{reason=\"not-json\",service=\"ingest\",source=\"inbox\"} 1.0")
                    .contains("netra_ingest_source_last_success_seconds{")
                    .contains("kafka_producer_record_send_total{");
        }
    }

    @Test
    void stopsEverySourceAtOnceWithinSecondsWhileRunsAreStuck(@TempDir Path dir) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer stalling = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stalling.createContext("/", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        stalling.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        stalling.start();
        IngestTopics topics = IngestKit.topics(KAFKA, "stop");
        Path file = Files.writeString(dir.resolve("in.jsonl"), JsonlSourceTest.line("1"));
        IngestConfig base = IngestConfig.jsonl(file, Duration.ofMillis(100), 1000, topics, IngestKit.kafka(KAFKA));
        String feed = "http://127.0.0.1:" + stalling.getAddress().getPort() + "/feed.xml";
        List<SourceSpec> sources = List.of(base.sources().getFirst(),
                new SourceSpec("slow-a", "feed", Duration.ofMinutes(1), 10, Map.of("urls", feed, "allowPrivate", "true")),
                new SourceSpec("slow-b", "feed", Duration.ofMinutes(1), 10, Map.of("urls", feed + "?b", "allowPrivate", "true")),
                new SourceSpec("slow-c", "feed", Duration.ofMinutes(1), 10, Map.of("urls", feed + "?c", "allowPrivate", "true")));
        IngestConfig config = new IngestConfig(null, sources, Duration.ofSeconds(5), "127.0.0.1", -1, "news-article", false, base.http(),
                topics, base.kafka());
        try {
            IngestService service = new IngestService(config);
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> service.health().stream()
                    .filter(h -> h.id().startsWith("slow-")).allMatch(h -> h.state().equals("running")));

            long start = System.nanoTime();
            service.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            System.out.printf("IngestHealthIT: ingest with three stuck sources stopped in %d ms%n", took.toMillis());
            assertThat(service.health()).allMatch(h -> h.state().equals("stopped"));
            // One after the other, each stuck source used to take 10 s or more.
            assertThat(took).isLessThan(Duration.ofSeconds(15));
        } finally {
            release.countDown();
            stalling.stop(0);
        }
    }

    private static HttpResponse<String> get(IngestService s, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.httpPort() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
