package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.alerts.auth.AuthConfig;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Alert;
import id.netra.model.Json;
import id.netra.model.JsonSerde;
import id.netra.model.Severity;
import id.netra.model.Topics;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AlertsIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    static Path dir;
    private static final Alert OLD = TestAlerts.alert("11", "2024-11-01T10:00:00+07:00", Severity.HIGH);
    private static final Alert NEW = TestAlerts.alert("12", "2024-11-03T10:00:00+07:00", Severity.MEDIUM);
    private static final Alert LOW = TestAlerts.alert("13", "2024-11-04T10:00:00+07:00", Severity.LOW);
    private static final Alert ABORTED = TestAlerts.alert("14", "2024-11-05T10:00:00+07:00", Severity.HIGH);
    private static String topic;
    private static String events;
    private static String audit;

    @BeforeAll
    static void produceCommittedAbortedAndCorruptAlerts() {
        topic = KAFKA.uniqueName("alerts");
        KAFKA.createTopic(topic, 3, Map.of());
        events = KAFKA.uniqueName("alert-events");
        KAFKA.createTopic(events, 1, Map.of());
        audit = KAFKA.uniqueName("audit-log");
        KAFKA.createTopic(audit, 1, Map.of());
        JsonSerde<Alert> serde = new JsonSerde<>(Alert.class);
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, KAFKA.uniqueName("tx")), new StringSerializer(), new ByteArraySerializer())) {
            p.initTransactions();
            p.beginTransaction();
            for (Alert a : List.of(OLD, NEW, LOW, OLD)) {
                p.send(new ProducerRecord<>(topic, a.id(), serde.serialize(topic, a)));
            }
            p.send(new ProducerRecord<>(topic, "corrupt", "{\"id\":".getBytes(StandardCharsets.UTF_8)));
            p.commitTransaction();
            p.beginTransaction();
            p.send(new ProducerRecord<>(topic, ABORTED.id(), serde.serialize(topic, ABORTED)));
            p.flush();
            p.abortTransaction();
        }
    }

    private static AlertsService start() throws IOException {
        AlertsService service = new AlertsService(new AlertsConfig("127.0.0.1", 0, Topics.ALERTS.withName(topic),
                Topics.ALERT_EVENTS.withName(events), Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                AuthConfig.defaults().withUsersFile(TestUsers.write(dir)).withAuditTopic(Topics.AUDIT_LOG.withName(audit))));
        service.start();
        return service;
    }

    /** GET as the national analyst. */
    private static HttpResponse<String> get(AlertsService s, String path) throws IOException, InterruptedException {
        return new WebClient(s).as("nasional").get(path);
    }

    @Test
    void writesTheCaseEventsOfABatchOfAlertsInOneTransaction() throws Exception {
        String batchAlerts = KAFKA.uniqueName("alerts");
        KAFKA.createTopic(batchAlerts, 3, Map.of());
        String batchEvents = KAFKA.uniqueName("alert-events");
        KAFKA.createTopic(batchEvents, 1, Map.of());
        int alerts = 40;
        JsonSerde<Alert> serde = new JsonSerde<>(Alert.class);
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, KAFKA.uniqueName("tx")), new StringSerializer(), new ByteArraySerializer())) {
            p.initTransactions();
            p.beginTransaction();
            for (int i = 0; i < alerts; i++) {
                Alert a = TestAlerts.alert("batch-" + i, "2024-11-02T10:00:00+07:00", Severity.HIGH, "Ayo coblos nomor 3! hari " + i,
                        java.net.URI.create("https://x.com/rudi_h/status/b" + i), TestAlerts.ASN, List.of());
                p.send(new ProducerRecord<>(batchAlerts, a.id(), serde.serialize(batchAlerts, a)));
            }
            p.commitTransaction();
        }
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        try (AlertsService service = new AlertsService(new AlertsConfig("127.0.0.1", 0, Topics.ALERTS.withName(batchAlerts),
                Topics.ALERT_EVENTS.withName(batchEvents), Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                AuthConfig.defaults().withUsersFile(TestUsers.write(dir)).withAuditTopic(Topics.AUDIT_LOG.withName(audit))))) {
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                written.set(0);
                id.netra.model.TopicReader.readToEnd(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                        Topics.ALERT_EVENTS.withName(batchEvents), (k, e) -> written.incrementAndGet());
                return written.get() == alerts;
            });
        }

        // Each transaction ends with a commit marker, which takes an offset of its own.
        long end = KAFKA.admin().listOffsets(Map.of(new org.apache.kafka.common.TopicPartition(batchEvents, 0),
                org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get().values().iterator().next().offset();
        assertThat(end - written.get()).as("transactions for " + alerts + " case events").isBetween(1L, 4L);
    }

    @Test
    void servesTheCommittedAlertsNewestFirstSkippingCorruptAndAbortedOnes() throws Exception {
        try (AlertsService service = start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> service.feed().size() == 3);

            HttpResponse<String> r = get(service, "/api/alerts");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            JsonNode list = Json.mapper().readTree(r.body());
            assertThat(list).extracting(n -> n.get("postId").asText()).containsExactly("12", "11");
            assertThat(list.get(0).get("nip").asText()).as("a list masks NIPs").isEqualTo("19850101********01");

            JsonNode all = Json.mapper().readTree(get(service, "/api/alerts?minSeverity=low").body());
            assertThat(all).extracting(n -> n.get("postId").asText()).containsExactly("13", "12", "11");
            assertThat(service.feed().get(ABORTED.id())).isEmpty();
        }
    }

    @Test
    void showsTheSameAlertsAgainAfterARestart() throws IOException {
        try (AlertsService first = start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> first.feed().size() == 3);
        }
        try (AlertsService second = start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> second.feed().size() == 3);
            assertThat(second.feed().list(Severity.LOW, 10)).containsExactly(LOW, NEW, OLD);
        }
    }

    @Test
    void opensOneCaseForTheSameMessageOfOnePersonAndNoSecondOneAfterARestart() throws Exception {
        try (AlertsService first = start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> first.cases().get("NTR-2024-000001")
                    .map(c -> c.alertIds().size() == 2).orElse(false));
        }
        try (AlertsService second = start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> second.feed().size() == 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> second.cases().get("NTR-2024-000001").isPresent());
            JsonNode list = Json.mapper().readTree(get(second, "/api/cases").body());
            assertThat(list.get("total").asInt()).isEqualTo(1);
            assertThat(list.get("cases")).singleElement().satisfies(c -> {
                assertThat(c.get("id").asText()).isEqualTo("NTR-2024-000001");
                assertThat(c.get("status").asText()).isEqualTo("OPEN");
                assertThat(c.get("alerts").asInt()).isEqualTo(2);
                assertThat(c.get("severity").asText()).isEqualTo("HIGH");
            });
            JsonNode one = Json.mapper().readTree(get(second, "/api/cases/NTR-2024-000001").body());
            assertThat(one.get("alertIds")).extracting(JsonNode::asText).containsExactly(OLD.id(), NEW.id());
            assertThat(Json.mapper().readTree(get(second, "/api/cases?region=14").body()).get("total").asInt()).isZero();
            HttpResponse<String> csv = get(second, "/api/cases/export.csv?severity=medium");
            assertThat(csv.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
            assertThat(csv.body().lines()).hasSize(2).first().asString().startsWith("\"case_id\"");
            assertThat(get(second, "/api/cases?from=kemarin").statusCode()).isEqualTo(400);
            assertThat(get(second, "/kasus?severity=HIGH").body()).contains("href=\"/kasus/NTR-2024-000001\"")
                    .contains("<script src=\"/assets/netra.js\" defer></script>");
            assertThat(get(second, "/kasus/NTR-2024-000001").body()).contains("Riwayat").contains("Kasus dibuka").contains(TestAlerts.ASN.nip());
            assertThat(get(second, "/kasus/NTR-2099-000009").statusCode()).isEqualTo(404);
        }
        assertThat(readEvents()).extracting(e -> e.type().id()).containsExactly("opened", "alert-added");
    }

    private static List<id.netra.model.AlertEvent> readEvents() {
        try (var c = new org.apache.kafka.clients.consumer.KafkaConsumer<String, id.netra.model.AlertEvent>(Map.of(
                "bootstrap.servers", KAFKA.bootstrapServers(), "isolation.level", "read_committed"),
                new org.apache.kafka.common.serialization.StringDeserializer(), new JsonSerde<>(id.netra.model.AlertEvent.class))) {
            var tp = new org.apache.kafka.common.TopicPartition(events, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            List<id.netra.model.AlertEvent> out = new java.util.ArrayList<>();
            while (c.position(tp) < end) {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
            }
            return out;
        }
    }

    @Test
    void answersOneAlertByIdAnd404ForAnUnknownOne() throws Exception {
        try (AlertsService service = start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> service.feed().size() == 3);

            HttpResponse<String> one = get(service, "/api/alerts/" + NEW.id());
            assertThat(one.statusCode()).isEqualTo(200);
            assertThat(Json.mapper().readValue(one.body(), Alert.class)).isEqualTo(NEW);
            assertThat(get(service, "/api/alerts/nope").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void rejectsBadParametersWithAClearMessage() throws Exception {
        try (AlertsService service = start()) {
            HttpResponse<String> sev = get(service, "/api/alerts?minSeverity=URGENT");
            HttpResponse<String> lim = get(service, "/api/alerts?limit=-3");

            assertThat(sev.statusCode()).isEqualTo(400);
            assertThat(sev.body()).contains("minSeverity must be one of");
            assertThat(lim.statusCode()).isEqualTo(400);
            assertThat(lim.body()).contains("limit must be a whole number");
        }
    }

    @Test
    void rendersTheFeedPageWithHighlightedEvidence() throws Exception {
        try (AlertsService service = start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> service.feed().size() == 3);

            HttpResponse<String> page = get(service, "/");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Umpan Peringatan", "Rudi Hartono", "Ayo <mark>coblos</mark> nomor 3!")
                    .contains(NEW.id()).doesNotContain(LOW.id());
            assertThat(get(service, "/health").body()).contains("\"status\":\"UP\"");
        }
    }
}
