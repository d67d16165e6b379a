package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.alerts.auth.AuthConfig;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Alert;
import id.netra.model.Severity;
import id.netra.model.Topics;
import id.netra.ops.MetricsAccess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code /health}, {@code /ready} and {@code /metrics} of the alerts service, and its fatal signal, on a real broker. */
class AlertsHealthIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "metrics-token-for-the-test";

    @TempDir
    Path dir;
    private String alerts;
    private String events;
    private String audit;
    private final List<AlertsService> open = new ArrayList<>();

    @BeforeEach
    void topics() {
        alerts = KAFKA.uniqueName("alerts");
        events = KAFKA.uniqueName("alert-events");
        audit = KAFKA.uniqueName("audit-log");
        KAFKA.createTopic(alerts, 3, Map.of());
        KAFKA.createTopic(events, 1, Map.of());
        KAFKA.createTopic(audit, 1, Map.of());
    }

    @AfterEach
    void close() {
        open.forEach(AlertsService::close);
    }

    @Test
    void healthTurnsDownAndTheServiceMustExitWhenItsConsumerThreadDies() throws Exception {
        Alert poison = TestAlerts.alert("666", "2024-11-10T09:00:00+07:00", Severity.HIGH);
        AlertsService service = start(MetricsAccess.loopbackOnly(), alert -> {
            if (alert.id().equals(poison.id())) {
                throw new OutOfMemoryError("simulated: the heap is exhausted while the feed takes an alert");
            }
        });
        produce(TestAlerts.alert("1", "2024-11-10T08:00:00+07:00", Severity.MEDIUM));
        await().atMost(Duration.ofSeconds(30)).until(() -> get(service, "/ready", null).statusCode() == 200);
        assertThat(get(service, "/health", null).body()).contains("\"status\":\"UP\"");
        assertThat(service.fatal().raised()).isFalse();

        produce(poison);

        await().atMost(Duration.ofSeconds(30)).until(() -> get(service, "/health", null).statusCode() == 503);
        assertThat(get(service, "/health", null).body())
                .isEqualTo("{\"status\":\"DOWN\",\"components\":{\"alerts-consumer\":\"DOWN\",\"case-log\":\"UP\"}}");
        assertThat(get(service, "/ready", null).statusCode()).isEqualTo(503);
        assertThat(service.fatal().reason()).hasValueSatisfying(r -> assertThat(r).contains("alert consumer thread died"));
    }

    @Test
    void isReadyOnlyOnceTheFeedHoldsEveryAlertCommittedBeforeTheStart() throws Exception {
        int n = 3000;
        Alert[] many = new Alert[n];
        for (int i = 0; i < n; i++) {
            many[i] = TestAlerts.alert(String.valueOf(10_000 + i), "2024-11-10T08:00:00+07:00", Severity.LOW);
        }
        produce(many);
        AlertsService service = start(MetricsAccess.loopbackOnly(), a -> { });

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> get(service, "/ready", null).statusCode() == 200);

        assertThat(service.feed().size()).as("alerts in the feed when it first said ready").isEqualTo(n);
    }

    @Test
    void servesMetricsToLoopbackClientsWithoutALogin() throws Exception {
        AlertsService service = start(MetricsAccess.loopbackOnly(), a -> { });
        produce(TestAlerts.alert("2", "2024-11-10T08:00:00+07:00", Severity.HIGH));
        await().atMost(Duration.ofSeconds(30)).until(() -> service.feed().size() == 1);
        get(service, "/api/alerts", null);
        get(service, "/health", null);

        await().atMost(Duration.ofSeconds(30)).until(() -> get(service, "/metrics", null).body().contains("kafka_consumer_fetch_manager_records_lag"));
        HttpResponse<String> scrape = get(service, "/metrics", null);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("netra_feed_alerts{service=\"alerts\",severity=\"HIGH\"} 1.0")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/health\",service=\"alerts\",status=\"200\"}")
                .as("a request the login gate refused is counted without its path")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"unrouted\",service=\"alerts\",status=\"401\"}");
    }

    @Test
    void refusesMetricsWithoutTheManagementTokenWhenOneIsSet() throws Exception {
        AlertsService service = start(MetricsAccess.token(TOKEN), a -> { });

        assertThat(get(service, "/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get(service, "/metrics", "Bearer wrong-token-wrong-token").statusCode()).isEqualTo(401);
        HttpResponse<String> ok = get(service, "/metrics", "Bearer " + TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("netra_feed_alerts{").doesNotContain("<html");
    }

    private AlertsService start(MetricsAccess access, Consumer<Alert> afterAlert) throws Exception {
        AlertsService service = new AlertsService(new AlertsConfig("127.0.0.1", 0, Topics.ALERTS.withName(alerts),
                Topics.ALERT_EVENTS.withName(events), Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                AuthConfig.defaults().withUsersFile(TestUsers.write(dir)).withAuditTopic(Topics.AUDIT_LOG.withName(audit)))
                .withManagement(access), afterAlert);
        open.add(service);
        service.start();
        return service;
    }

    private void produce(Alert... as) {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Alert a : as) {
                p.send(new ProducerRecord<>(alerts, a.id(), Topics.ALERTS.valueSerde().serializer().serialize(alerts, a)));
            }
        }
    }

    private static HttpResponse<String> get(AlertsService s, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
