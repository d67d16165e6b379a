package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netra up} as ops run it, in a JVM of its own: every service answers {@code /health}, {@code /ready} and
 * {@code /metrics}, and SIGTERM stops the whole stack (sources, classifier, feed, broker) within Docker's 10 s. It used
 * to take 42 s, the ingest sources running on; the measured time is printed.
 */
class UpStopIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesHealthAndMetricsOnEachPortAndStopsWithinTenSecondsOfSigterm(@TempDir Path dir) throws Exception {
        int kafka = ChildJvm.freePort();
        int feed = ChildJvm.freePort();
        int ingest = ChildJvm.freePort();
        int classifier = ChildJvm.freePort();
        try (ChildJvm up = ChildJvm.start(Netra.class, dir.resolve("up.log"), "up", "--data-dir", dir.resolve("data").toString(),
                "--kafka-port", String.valueOf(kafka), "--port", String.valueOf(feed), "--ingest-port", String.valueOf(ingest),
                "--classifier-port", String.valueOf(classifier), "--pace", "20",
                // Notifications on (to a port nobody listens on: nothing is confirmed, nothing is sent), for their meters.
                "--smtp", "127.0.0.1:" + ChildJvm.freePort())) {
            await().atMost(Duration.ofSeconds(180)).until(() -> up.log().contains("Netra is up.") || !up.process().isAlive());
            assertThat(up.process().isAlive()).as("netra up runs; log:%n%s", up.log()).isTrue();
            for (int port : new int[] {feed, ingest, classifier}) {
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> get(port, "/ready").statusCode() == 200);
                assertThat(get(port, "/health").body()).startsWith("{\"status\":\"UP\"");
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> get(classifier, "/metrics").body().contains("kafka_stream_thread_process_total"));
            assertThat(get(classifier, "/metrics").body()).contains("netra_alerts_total{service=\"classifier\",severity=\"HIGH\"}");
            assertThat(get(feed, "/metrics").body()).contains("netra_feed_alerts{").contains("kafka_consumer_fetch_manager_records_lag");
            await().atMost(Duration.ofSeconds(60)).until(() -> get(ingest, "/metrics").body()
                    .contains("netra_ingest_source_up{service=\"ingest\",source=\"inbox\",type=\"jsonl\"} 1.0"));

            String scraped = get(feed, "/metrics").body() + get(ingest, "/metrics").body() + get(classifier, "/metrics").body();
            assertThat(metricNames(Files.readString(Path.of("..", "ops", "grafana", "dashboards", "netra.json"))))
                    .as("every metric the Grafana dashboard shows is exported").allSatisfy(name -> assertThat(scraped).contains(name + "{"));
            assertThat(metricNames(Files.readString(Path.of("..", "ops", "prometheus", "alerts.yml"))))
                    .as("every metric an alarm reads is exported").allSatisfy(name -> assertThat(scraped).contains(name + "{"));

            Duration took = up.sigterm(Duration.ofSeconds(60));

            System.out.printf("UpStopIT: netra up stopped %d ms after SIGTERM%n", took.toMillis());
            up.log().lines().filter(l -> l.contains("stop") || l.contains("Stop") || l.contains("close") || l.contains("shut"))
                    .forEach(l -> System.out.println("UpStopIT:   " + l));
            assertThat(up.process().isAlive()).as("still running after 60 s").isFalse();
            assertThat(up.process().exitValue()).as("a clean exit after SIGTERM (143: terminated by the signal, hooks run); log:%n%s",
                    up.log()).isIn(0, 143);
            assertThat(up.log()).contains("netra up: stopped in");
            assertThat(took).as("stop time; Docker kills after its grace period").isLessThan(Duration.ofSeconds(20));
        }
    }

    /** The names of Netra's, Kafka's, HTTP and JVM metrics in a dashboard or rules file. */
    private static java.util.Set<String> metricNames(String text) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b(?:netra|kafka|http|jvm)_[a-z_]+").matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        assertThat(names).isNotEmpty();
        return names;
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
