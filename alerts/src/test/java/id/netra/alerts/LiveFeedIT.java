package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Alert;
import id.netra.model.JsonSerde;
import id.netra.model.Severity;
import id.netra.model.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A page listening at /api/live hears of a new alert and of the case it opens, without reloading. */
class LiveFeedIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void tellsListenersOfANewAlertAndItsCase() throws Exception {
        String alerts = KAFKA.uniqueName("alerts");
        String events = KAFKA.uniqueName("alert-events");
        KAFKA.createTopic(alerts, 3, Map.of());
        KAFKA.createTopic(events, 1, Map.of());
        Map<String, Object> kafka = Map.of("bootstrap.servers", KAFKA.bootstrapServers());
        try (AlertsService service = new AlertsService(new AlertsConfig("127.0.0.1", 0, Topics.ALERTS.withName(alerts),
                Topics.ALERT_EVENTS.withName(events), kafka))) {
            service.start();
            List<String> lines = new CopyOnWriteArrayList<>();
            HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/api/live"))
                            .header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body().forEach(lines::add));
            await().atMost(Duration.ofSeconds(10)).until(() -> service.liveListeners() == 1);

            Alert alert = TestAlerts.alert("21", "2024-11-12T19:05:00+07:00", Severity.HIGH);
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(kafka, new StringSerializer(), new ByteArraySerializer())) {
                p.send(new ProducerRecord<>(alerts, alert.id(), new JsonSerde<>(Alert.class).serialize(alerts, alert))).get();
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("event: case"));
            assertThat(lines).contains("event: alert");
            assertThat(lines).anyMatch(l -> l.startsWith("data:") && l.contains(alert.id()));
            assertThat(lines).anyMatch(l -> l.startsWith("data:") && l.contains("NTR-2024-000001") && l.contains("opened"));
        }
    }

    @Test
    void recordsAnAnalystsActionsWithTheirNameAndRefusesThoseThatDoNotFit() throws Exception {
        String alerts = KAFKA.uniqueName("alerts");
        String events = KAFKA.uniqueName("alert-events");
        KAFKA.createTopic(alerts, 3, Map.of());
        KAFKA.createTopic(events, 1, Map.of());
        Map<String, Object> kafka = Map.of("bootstrap.servers", KAFKA.bootstrapServers());
        Analysts byHeader = ctx -> java.util.Optional.ofNullable(ctx.header("X-Analyst"));
        try (AlertsService service = new AlertsService(new AlertsConfig("127.0.0.1", 0, Topics.ALERTS.withName(alerts),
                Topics.ALERT_EVENTS.withName(events), kafka), byHeader)) {
            service.start();
            Alert alert = TestAlerts.alert("31", "2024-11-12T19:05:00+07:00", Severity.HIGH);
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(kafka, new StringSerializer(), new ByteArraySerializer())) {
                p.send(new ProducerRecord<>(alerts, alert.id(), new JsonSerde<>(Alert.class).serialize(alerts, alert))).get();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> service.cases().get("NTR-2024-000001").isPresent());

            assertThat(act(service, null, "{\"action\":\"confirmed\"}").statusCode()).isEqualTo(401);
            assertThat(act(service, "ana", "{\"action\":\"assigned\",\"assignee\":\"budi\"}").statusCode()).isEqualTo(200);
            assertThat(act(service, "budi", "{\"action\":\"confirmed\"}").statusCode()).isEqualTo(200);
            HttpResponse<String> again = act(service, "budi", "{\"action\":\"confirmed\"}");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.body()).contains("reopen it first");
            assertThat(act(service, "ana", "{\"action\":\"reopened\"}").statusCode()).isEqualTo(400);
            assertThat(act(service, "ana", "{\"action\":\"opened\"}").statusCode()).isEqualTo(409);

            CaseFile c = service.cases().get("NTR-2024-000001").orElseThrow();
            assertThat(c.status()).isEqualTo(CaseFile.Status.CONFIRMED);
            assertThat(c.history()).extracting(e -> e.type().id() + " by " + e.actor())
                    .containsExactly("opened by system", "assigned by ana", "confirmed by budi");
        }
    }

    private static HttpResponse<String> act(AlertsService service, String analyst, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/api/cases/NTR-2024-000001/actions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (analyst != null) {
            b.header("X-Analyst", analyst);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
