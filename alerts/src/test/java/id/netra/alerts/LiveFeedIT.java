package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.alerts.auth.AuthConfig;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Alert;
import id.netra.model.JsonSerde;
import id.netra.model.Severity;
import id.netra.model.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;

/** A page listening at /api/live hears of a new alert and of the case it opens, without reloading; analysts act on cases. */
class LiveFeedIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path dir;

    private AlertsService start(String alerts) throws Exception {
        String events = KAFKA.uniqueName("alert-events");
        String audit = KAFKA.uniqueName("audit-log");
        KAFKA.createTopic(alerts, 3, Map.of());
        KAFKA.createTopic(events, 1, Map.of());
        KAFKA.createTopic(audit, 1, Map.of());
        AlertsService service = new AlertsService(new AlertsConfig("127.0.0.1", 0, Topics.ALERTS.withName(alerts),
                Topics.ALERT_EVENTS.withName(events), Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                AuthConfig.defaults().withUsersFile(TestUsers.write(dir)).withAuditTopic(Topics.AUDIT_LOG.withName(audit))));
        service.start();
        return service;
    }

    private static void produce(String topic, Alert alert) throws Exception {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(topic, alert.id(), new JsonSerde<>(Alert.class).serialize(topic, alert))).get();
        }
    }

    @Test
    void tellsListenersOfANewAlertAndItsCase() throws Exception {
        String alerts = KAFKA.uniqueName("alerts");
        try (AlertsService service = start(alerts)) {
            WebClient web = new WebClient(service).as("nasional");
            List<String> lines = new CopyOnWriteArrayList<>();
            web.http().sendAsync(HttpRequest.newBuilder(URI.create(web.base() + "/api/live")).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines()).thenAcceptAsync(r -> r.body().forEach(lines::add));
            await().atMost(Duration.ofSeconds(10)).until(() -> service.liveListeners() == 1);

            Alert alert = TestAlerts.alert("21", "2024-11-12T19:05:00+07:00", Severity.HIGH);
            produce(alerts, alert);

            await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("event: case"));
            assertThat(lines).contains("event: alert");
            assertThat(lines).anyMatch(l -> l.startsWith("data:") && l.contains(alert.id()));
            assertThat(lines).anyMatch(l -> l.startsWith("data:") && l.contains("NTR-2024-000001") && l.contains("opened"));
        }
    }

    @Test
    void tellsHistoryReadAtStartApartFromAlertsCommittedAfterIt() throws Exception {
        String alerts = KAFKA.uniqueName("alerts");
        KAFKA.createTopic(alerts, 3, Map.of());
        Alert old = TestAlerts.alert("41", "2024-11-12T19:05:00+07:00", Severity.HIGH);
        Alert fresh = TestAlerts.alert("42", "2024-11-12T19:06:00+07:00", Severity.HIGH);
        produce(alerts, old);
        Map<String, Boolean> told = new java.util.concurrent.ConcurrentHashMap<>();
        AlertFeed feed = new AlertFeed();
        try (AlertConsumer consumer = new AlertConsumer(Map.of("bootstrap.servers", KAFKA.bootstrapServers()), Topics.ALERTS.withName(alerts),
                feed, (a, recent) -> told.put(a.id(), recent), () -> { })) {
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(consumer::caughtUp);
            produce(alerts, fresh);
            await().atMost(Duration.ofSeconds(30)).until(() -> told.size() == 2);
        }

        assertThat(told).containsEntry(old.id(), false).containsEntry(fresh.id(), true);
    }

    @Test
    void recordsAnAnalystsActionsWithTheirNameAndRefusesThoseThatDoNotFit() throws Exception {
        String alerts = KAFKA.uniqueName("alerts");
        try (AlertsService service = start(alerts)) {
            produce(alerts, TestAlerts.alert("31", "2024-11-12T19:05:00+07:00", Severity.HIGH));
            await().atMost(Duration.ofSeconds(30)).until(() -> service.cases().get("NTR-2024-000001").isPresent());
            WebClient ana = new WebClient(service).as("nasional");
            WebClient admin = new WebClient(service).as("admin");
            String path = "/api/cases/NTR-2024-000001/actions";

            assertThat(new WebClient(service).post(path, "{\"action\":\"confirmed\"}").statusCode()).isEqualTo(401);
            assertThat(ana.post(path, "{\"action\":\"assigned\",\"assignee\":\"admin\"}").statusCode()).isEqualTo(200);
            assertThat(admin.post(path, "{\"action\":\"confirmed\"}").statusCode()).isEqualTo(200);
            HttpResponse<String> again = admin.post(path, "{\"action\":\"confirmed\"}");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.body()).contains("reopen it first");
            assertThat(ana.post(path, "{\"action\":\"reopened\"}").statusCode()).isEqualTo(400);
            assertThat(ana.post(path, "{\"action\":\"opened\"}").statusCode()).isEqualTo(409);

            CaseFile c = service.cases().get("NTR-2024-000001").orElseThrow();
            assertThat(c.status()).isEqualTo(CaseFile.Status.CONFIRMED);
            assertThat(c.history()).extracting(e -> e.type().id() + " by " + e.actor())
                    .containsExactly("opened by system", "assigned by nasional", "confirmed by admin");
        }
    }
}
