package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.alerts.auth.AuthConfig;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.AsnRecord;
import id.netra.model.AuditEntry;
import id.netra.model.Json;
import id.netra.model.JsonSerde;
import id.netra.model.Severity;
import id.netra.model.Sha256;
import id.netra.model.TopicReader;
import id.netra.model.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ASN page and the referral dossier over HTTP on a real broker: an analyst of Kota Metro confirms a case and
 * downloads its dossier; the document's SHA-256 is on {@code alert-events} as {@code dossier-issued} and in the audit
 * log, and neither another jurisdiction nor an auditor gets it.
 */
class DossierIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final AsnRecord METRO = new AsnRecord("197903152005012002", "Sri Wahyuni", "Pemerintah Kota Metro", "Dinas Kesehatan",
            "Perawat", "18.72", "dr. Hasan", "hasan@example.go.id", List.of());
    private static final AsnRecord JAKARTA = new AsnRecord("198807222014031003", "Bambang Jaya", "Pemerintah Provinsi DKI Jakarta",
            "Dinas Perhubungan", "Staf", "31.71", "Ir. Joko", null, List.of());
    private static final Alert IN_METRO = TestAlerts.alert("41", "2024-11-12T19:05:00+07:00", Severity.HIGH,
            "Ayo coblos nomor 3! <script>alert(1)</script>", URI.create("https://x.com/sri/status/41"), METRO,
            List.of(new Alert.Evidence(4, 10, "coblos", "support-cue", "coblos")));
    private static final Alert IN_JAKARTA = TestAlerts.alert("42", "2024-11-12T20:05:00+07:00", Severity.HIGH, "Pilih nomor 3, coblos!",
            URI.create("https://x.com/bambang/status/42"), JAKARTA, List.of(new Alert.Evidence(15, 21, "coblos", "support-cue", "coblos")));

    @TempDir
    Path dir;

    private String events;
    private String audit;
    private AlertsService service;

    @BeforeEach
    void startService() throws Exception {
        String alerts = KAFKA.uniqueName("alerts");
        events = KAFKA.uniqueName("alert-events");
        audit = KAFKA.uniqueName("audit-log");
        KAFKA.createTopic(alerts, 3, Map.of());
        KAFKA.createTopic(events, 1, Map.of());
        KAFKA.createTopic(audit, 1, Map.of());
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Alert a : List.of(IN_METRO, IN_JAKARTA)) {
                p.send(new ProducerRecord<>(alerts, a.id(), new JsonSerde<>(Alert.class).serialize(alerts, a))).get();
            }
        }
        service = new AlertsService(new AlertsConfig("127.0.0.1", 0, Topics.ALERTS.withName(alerts), Topics.ALERT_EVENTS.withName(events),
                Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                AuthConfig.defaults().withUsersFile(TestUsers.write(dir)).withAuditTopic(Topics.AUDIT_LOG.withName(audit))));
        service.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of(IN_METRO, IN_JAKARTA).stream()
                .allMatch(a -> service.cases().book().caseOf(a.id()).isPresent()));
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    private String caseOf(Alert a) {
        return service.cases().book().caseOf(a.id()).orElseThrow().id();
    }

    private static HttpResponse<byte[]> download(WebClient web, String caseId) throws Exception {
        return web.http().send(HttpRequest.newBuilder(URI.create(web.base() + "/kasus/" + caseId + "/berkas.pdf")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private List<AlertEvent> readEvents() {
        List<AlertEvent> out = new ArrayList<>();
        TopicReader.readToEnd(Map.of("bootstrap.servers", KAFKA.bootstrapServers()), Topics.ALERT_EVENTS.withName(events), (k, e) -> out.add(e));
        return out;
    }

    private List<AuditEntry> readAudit() {
        List<AuditEntry> out = new ArrayList<>();
        TopicReader.readToEnd(Map.of("bootstrap.servers", KAFKA.bootstrapServers()), Topics.AUDIT_LOG.withName(audit), (k, e) -> out.add(e));
        return out;
    }

    @Test
    void anAnalystConfirmsACaseAndDownloadsItsDossierWhoseHashIsRecordedAndAudited() throws Exception {
        WebClient metro = new WebClient(service).as("metro");
        String id = caseOf(IN_METRO);

        HttpResponse<byte[]> early = download(metro, id);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(new String(early.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("hanya dibuat untuk kasus yang sudah dikonfirmasi",
                "berstatus OPEN");
        assertThat(metro.get("/kasus/" + id).body()).contains("href=\"/kasus/" + id + "/asn\"").doesNotContain("berkas.pdf");

        assertThat(metro.post("/api/cases/" + id + "/actions", "{\"action\":\"confirmed\",\"reason\":\"Ajakan memilih terbukti\"}")
                .statusCode()).isEqualTo(200);
        assertThat(metro.get("/kasus/" + id).body()).contains("href=\"/kasus/" + id + "/berkas.pdf\"");
        HttpResponse<byte[]> pdf = download(metro, id);

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        assertThat(pdf.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("attachment"));
        String sha256 = Sha256.hex(pdf.body());
        String text = PdfText.of(pdf.body()).replaceAll("\\s+", " ");
        assertThat(text).contains(id, "Sri Wahyuni", METRO.nip(), "Ayo coblos nomor 3! <script>alert(1)</script>",
                "PP 94/2021 Pasal 5 huruf n", "Pelanggaran dikonfirmasi", "Ajakan memilih terbukti", "metro");

        List<AlertEvent> issued = readEvents().stream().filter(e -> e.type() == AlertEvent.Type.DOSSIER_ISSUED).toList();
        assertThat(issued).singleElement().satisfies(e -> {
            assertThat(e.caseId()).isEqualTo(id);
            assertThat(e.actor()).isEqualTo("metro");
            assertThat(e.sha256()).isEqualTo(sha256);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> readAudit().stream().anyMatch(e -> e.action() == AuditEntry.Action.DOSSIER_DOWNLOADED));
        assertThat(readAudit()).filteredOn(e -> e.action() == AuditEntry.Action.DOSSIER_DOWNLOADED).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("metro");
            assertThat(e.caseId()).isEqualTo(id);
            assertThat(e.details()).containsEntry("sha256", sha256).containsEntry("event", issued.getFirst().eventId())
                    .containsEntry("nip", METRO.nip());
        });
        // the case page shows the issue in the history, and the case stays confirmed
        assertThat(metro.get("/kasus/" + id).body()).contains("Berkas rujukan diterbitkan", sha256, "— Dikonfirmasi");
    }

    @Test
    void theAsnPageIsReachableFromTheCaseWithinTheJurisdictionAndAudited() throws Exception {
        WebClient metro = new WebClient(service).as("metro");
        String id = caseOf(IN_METRO);

        HttpResponse<String> page = metro.get("/kasus/" + id + "/asn");
        JsonNode api = Json.mapper().readTree(metro.get("/api/cases/" + id + "/asn").body());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("ASN: Sri Wahyuni", METRO.nip(), "href=\"/kasus/" + id + "\"", "Riwayat data registri (1)")
                .doesNotContain("Bambang");
        assertThat(api.path("nip").asText()).isEqualTo(METRO.nip());
        assertThat(api.path("cases")).hasSize(1);
        assertThat(api.path("alerts").get(0).path("caseId").asText()).isEqualTo(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> readAudit().stream().filter(e -> e.action() == AuditEntry.Action.ASN_VIEWED).count() == 2);
        assertThat(readAudit()).filteredOn(e -> e.action() == AuditEntry.Action.ASN_VIEWED)
                .extracting(e -> e.actor() + " " + e.caseId() + " " + e.details().get("nip") + " " + e.details().get("via"))
                .containsExactly("metro " + id + " " + METRO.nip() + " page", "metro " + id + " " + METRO.nip() + " api");
    }

    @Test
    void refusesTheAsnPageAndTheDossierOutsideTheJurisdictionAndTheDossierToAnAuditor() throws Exception {
        String jakarta = caseOf(IN_JAKARTA);
        String metroCase = caseOf(IN_METRO);
        WebClient nasional = new WebClient(service).as("nasional");
        assertThat(nasional.post("/api/cases/" + jakarta + "/actions", "{\"action\":\"confirmed\"}").statusCode()).isEqualTo(200);
        assertThat(nasional.post("/api/cases/" + metroCase + "/actions", "{\"action\":\"confirmed\"}").statusCode()).isEqualTo(200);
        WebClient metro = new WebClient(service).as("metro");
        WebClient auditor = new WebClient(service).as("audit");

        assertThat(download(metro, jakarta).statusCode()).isEqualTo(404);
        assertThat(metro.get("/kasus/" + jakarta + "/asn").statusCode()).isEqualTo(404);
        assertThat(metro.get("/api/cases/" + jakarta + "/asn").statusCode()).isEqualTo(404);
        assertThat(download(auditor, metroCase).statusCode()).isEqualTo(403);
        assertThat(auditor.get("/kasus/" + metroCase).body()).doesNotContain("berkas.pdf");
        assertThat(download(nasional, jakarta).statusCode()).isEqualTo(200);
        // the triage API cannot forge an issue: only a download records one, with the hash of what it sent
        assertThat(nasional.post("/api/cases/" + jakarta + "/actions", "{\"action\":\"dossier-issued\"}").statusCode()).isEqualTo(400);

        assertThat(readEvents()).filteredOn(e -> e.type() == AlertEvent.Type.DOSSIER_ISSUED).extracting(AlertEvent::actor, AlertEvent::caseId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("nasional", jakarta));
        assertThat(readAudit()).filteredOn(e -> e.action() == AuditEntry.Action.DOSSIER_DOWNLOADED).extracting(AuditEntry::actor)
                .containsExactly("nasional");
    }
}
