package id.netra.alerts.notify;

import id.netra.alerts.TestUsers;
import id.netra.alerts.WebClient;
import id.netra.alerts.auth.AuthConfig;
import id.netra.alerts.auth.Role;
import id.netra.alerts.auth.UsersFile;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

import static id.netra.alerts.notify.NotifyFixtures.RUDI;
import static id.netra.alerts.notify.NotifyFixtures.SARI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import id.netra.alerts.AlertsConfig;
import id.netra.alerts.AlertsService;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Alert;
import id.netra.model.Json;
import id.netra.model.NotificationEvent;
import id.netra.model.Severity;
import id.netra.model.SilenceEvent;
import id.netra.model.TopicReader;
import id.netra.model.Topics;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The alerts service with notifications on, against a real broker, a real SMTP server (GreenMail) and a webhook. */
class NotifyIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "0123456789abcdef-test-secret";
    private static final String ROUTING = """
            receivers:
              office:
                regionOffices: {"18": lampung@bawaslu.example}
            routes:
              - event: confirmed
                receivers: [supervisor]
                groupWait: 0s
              - event: new-high-alert
                receivers: [office]
                groupWait: 3s
                repeatInterval: 1h
            """;

    private final List<AutoCloseable> open = new ArrayList<>();
    private String alerts;
    private String events;
    private String notifications;
    private String silences;
    private String audit;
    private int smtpPort;
    private GreenMail mail;

    @TempDir
    Path dir;
    private Path users;

    @BeforeEach
    void topicsAndAFreeSmtpPort() throws IOException {
        users = dir.resolve("users.yml");
        UsersFile.write(users, List.of(TestUsers.user("ani", Role.ANALYST, "national"), TestUsers.user("budi", Role.ANALYST, "national"),
                TestUsers.user("metro", Role.ANALYST, "18.72"), TestUsers.user("jakarta", Role.ANALYST, "31")));
        alerts = KAFKA.uniqueName("alerts");
        events = KAFKA.uniqueName("alert-events");
        notifications = KAFKA.uniqueName("notifications");
        silences = KAFKA.uniqueName("silences");
        KAFKA.createTopic(alerts, 3, Map.of());
        KAFKA.createTopic(events, 1, Map.of());
        KAFKA.createTopic(notifications, 3, Map.of());
        KAFKA.createTopic(silences, 1, Map.of());
        audit = KAFKA.uniqueName("audit-log");
        KAFKA.createTopic(audit, 1, Map.of());
        try (ServerSocket s = new ServerSocket(0)) {
            smtpPort = s.getLocalPort();
        }
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    private void smtpUp() {
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    private Map<String, Object> kafka() {
        return Map.of("bootstrap.servers", KAFKA.bootstrapServers());
    }

    private NotifyConfig notifyConfig(String routing) {
        return new NotifyConfig(RoutingFile.parse(routing, "routing-it.yml", Map.of("HOOK_SECRET", SECRET)),
                new NotifyConfig.Smtp("127.0.0.1", smtpPort, "netra@netra.test", null, null, false), URI.create("http://netra.test"),
                Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofHours(1), Topics.NOTIFICATIONS.withName(notifications), Topics.SILENCES.withName(silences));
    }

    private AlertsService start(String routing) {
        AlertsService s = new AlertsService(new AlertsConfig("127.0.0.1", 0, Topics.ALERTS.withName(alerts), Topics.ALERT_EVENTS.withName(events),
                kafka()).withAuth(AuthConfig.defaults().withUsersFile(users).withAuditTopic(Topics.AUDIT_LOG.withName(audit))).withNotifications(notifyConfig(routing)));
        open.add(s);
        s.start();
        return s;
    }

    private void produce(Alert... as) {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Alert a : as) {
                p.send(new ProducerRecord<>(alerts, a.id(), Topics.ALERTS.valueSerde().serializer().serialize(alerts, a)));
            }
        }
    }

    private static String caseOf(AlertsService s, Alert a) {
        await().atMost(WAIT).until(() -> s.cases().book().caseOf(a.id()).isPresent());
        return s.cases().book().caseOf(a.id()).orElseThrow().id();
    }

    /** A request as {@code analyst} (logged in with the form, CSRF token sent), or without a session when null. */
    private static HttpResponse<String> send(AlertsService s, String method, String path, String analyst, String body) throws Exception {
        WebClient client = new WebClient(s);
        if (analyst != null) {
            client.as(analyst);
        }
        return client.send(method, path, body);
    }

    private static void confirm(AlertsService s, String caseId) throws Exception {
        assertThat(send(s, "POST", "/api/cases/" + caseId + "/actions", "ani", "{\"action\":\"confirmed\"}").statusCode()).isEqualTo(200);
    }

    private List<NotificationEvent> outbox() {
        List<NotificationEvent> out = new ArrayList<>();
        TopicReader.readToEnd(kafka(), Topics.NOTIFICATIONS.withName(notifications), (k, v) -> out.add(v));
        return out;
    }

    private long count(NotificationEvent.Type type) {
        return outbox().stream().filter(e -> e.type() == type).count();
    }

    private static Map<String, Long> perMessageId(MimeMessage[] messages) {
        return Arrays.stream(messages).collect(Collectors.groupingBy(m -> {
            try {
                return m.getMessageID();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Collectors.counting()));
    }

    private static String part(Part p, String type) throws Exception {
        if (p.isMimeType(type)) {
            return (String) p.getContent();
        }
        if (p.getContent() instanceof Multipart m) {
            for (int i = 0; i < m.getCount(); i++) {
                String found = part(m.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void tellsTheSupervisorOnceWhenACaseIsConfirmedWithTheTextInert() throws Exception {
        smtpUp();
        Alert a = NotifyFixtures.alert("101", RUDI, Severity.MEDIUM, NotifyFixtures.XSS_TEXT);
        AlertsService service = start(ROUTING);
        produce(a);
        String caseId = caseOf(service, a);

        confirm(service, caseId);

        await().atMost(WAIT).until(() -> count(NotificationEvent.Type.DELIVERED) == 1);
        MimeMessage[] got = mail.getReceivedMessages();
        assertThat(got).hasSize(1);
        MimeMessage m = got[0];
        assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("sutomo@example.go.id");
        assertThat(m.getSubject()).isEqualTo("[Netra] Kasus " + caseId + " dikonfirmasi: Rudi Hartono (SEDANG)");
        NotificationEvent planned = outbox().stream().filter(e -> e.type() == NotificationEvent.Type.PLANNED).findFirst().orElseThrow();
        assertThat(m.getMessageID()).isEqualTo("<" + planned.notificationId() + "@netra.test>");
        assertThat(part(m, "text/plain")).contains("<script>alert('x')</script>").contains("http://netra.test/kasus/" + caseId);
        assertThat(part(m, "text/html")).doesNotContain("<script>").doesNotContain("<b>Bagus</b>")
                .contains("&lt;script&gt;").contains("href=\"http://netra.test/kasus/" + caseId + "\"");
        assertThat(count(NotificationEvent.Type.PLANNED)).isOne();
        assertThat(mail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void anSmtpOutageDelaysNotificationsButDeliversEachExactlyOnce() throws Exception {
        Alert a = NotifyFixtures.alert("201", RUDI, Severity.MEDIUM, "Dukung nomor 3");
        Alert b = NotifyFixtures.alert("202", SARI, Severity.MEDIUM, "Pilih nomor 3 ya");
        AlertsService service = start(ROUTING);
        produce(a, b);
        confirm(service, caseOf(service, a));
        confirm(service, caseOf(service, b));
        await().atMost(WAIT).until(() -> outbox().stream().filter(e -> e.type() == NotificationEvent.Type.ATTEMPT_FAILED)
                .map(NotificationEvent::notificationId).distinct().count() == 2 && count(NotificationEvent.Type.ATTEMPT_FAILED) >= 4);

        smtpUp();

        await().atMost(WAIT).until(() -> count(NotificationEvent.Type.DELIVERED) == 2);
        MimeMessage[] got = mail.getReceivedMessages();
        assertThat(perMessageId(got)).hasSize(2).allSatisfy((id, n) -> assertThat(n).isOne());
        assertThat(Arrays.stream(got).map(m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).containsExactlyInAnyOrder("sutomo@example.go.id", "wati@example.go.id");
        assertThat(outbox()).filteredOn(e -> e.type() == NotificationEvent.Type.ATTEMPT_FAILED)
                .allSatisfy(e -> assertThat(e.nextAttemptAt()).isAfter(e.at()));
    }

    @Test
    void aRestartWhileNotificationsArePendingStillDeliversEachExactlyOnce() throws Exception {
        Alert a = NotifyFixtures.alert("301", RUDI, Severity.MEDIUM, "Dukung nomor 3");
        Alert b = NotifyFixtures.alert("302", SARI, Severity.MEDIUM, "Pilih nomor 3 ya");
        produce(a, b);
        AlertsService first = start(ROUTING);
        confirm(first, caseOf(first, a));
        confirm(first, caseOf(first, b));
        await().atMost(WAIT).until(() -> outbox().stream().filter(e -> e.type() == NotificationEvent.Type.ATTEMPT_FAILED)
                .map(NotificationEvent::notificationId).distinct().count() == 2);
        first.close();
        open.remove(first);
        smtpUp();

        AlertsService second = start(ROUTING);

        await().atMost(WAIT).until(() -> count(NotificationEvent.Type.DELIVERED) == 2);
        assertThat(perMessageId(mail.getReceivedMessages())).hasSize(2).allSatisfy((id, n) -> assertThat(n).isOne());
        assertThat(count(NotificationEvent.Type.PLANNED)).isEqualTo(2);
        assertThat(second.cases().book().caseOf(a.id())).isPresent();
    }

    @Test
    void aCaseEventWhoseNotificationsWereNeverPlannedIsPlannedAtTheNextStartOnce() throws Exception {
        Alert a = NotifyFixtures.alert("351", RUDI, Severity.MEDIUM, "Dukung nomor 3");
        produce(a);
        AlertsService withoutNotifications = new AlertsService(new AlertsConfig("127.0.0.1", 0, Topics.ALERTS.withName(alerts),
                Topics.ALERT_EVENTS.withName(events), kafka()).withAuth(AuthConfig.defaults().withUsersFile(users).withAuditTopic(Topics.AUDIT_LOG.withName(audit))));
        open.add(withoutNotifications);
        withoutNotifications.start();
        String caseId = caseOf(withoutNotifications, a);
        confirm(withoutNotifications, caseId);
        withoutNotifications.close();
        open.remove(withoutNotifications);
        smtpUp();

        AlertsService first = start(ROUTING);
        await().atMost(WAIT).until(() -> count(NotificationEvent.Type.DELIVERED) == 1);
        first.close();
        open.remove(first);
        AlertsService second = start(ROUTING);

        await().atMost(WAIT).until(() -> second.feed().size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> mail.getReceivedMessages().length == 1);
        assertThat(mail.getReceivedMessages()[0].getSubject()).contains(caseId);
        assertThat(count(NotificationEvent.Type.PLANNED)).isOne();
    }

    @Test
    void aDeliveryWhoseOutcomeWasNotRecordedIsSentAgainWithTheSameMessageId() throws Exception {
        smtpUp();
        Alert a = NotifyFixtures.alert("401", RUDI, Severity.MEDIUM, "Dukung nomor 3");
        NotifyConfig config = notifyConfig(ROUTING);
        MailSender smtp = new MailSender(config.smtp());
        AtomicInteger calls = new AtomicInteger();
        Sender acceptedThenLost = d -> {
            smtp.send(d);
            if (calls.incrementAndGet() == 1) {
                throw new IOException("connection reset before the server's answer was read");
            }
        };
        Function<String, Optional<id.netra.alerts.CaseFile>> cases = id -> Optional.of(NotifyFixtures.caseOf(id, a));
        try (Notifier n = new Notifier(config, kafka(), cases, id -> Optional.of(a), java.time.Clock.systemUTC(),
                Map.of(id.netra.model.Notification.Channel.EMAIL, acceptedThenLost))) {
            n.start();

            n.onCaseEvent(NotifyFixtures.event("e-401", "NTR-2024-000401", id.netra.model.AlertEvent.Type.CONFIRMED, null, java.time.Instant.now()));

            await().atMost(WAIT).until(() -> count(NotificationEvent.Type.DELIVERED) == 1);
        }
        assertThat(mail.getReceivedMessages()).hasSize(2);
        assertThat(perMessageId(mail.getReceivedMessages())).hasSize(1);
    }

    @Test
    void signsWebhookCallsAndRetriesAFailedOneUntilItIsDeliveredOnce() throws Exception {
        List<String> fullCalls = new CopyOnWriteArrayList<>();
        HttpServer full = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        full.createContext("/full", ex -> {
            fullCalls.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        full.start();
        open.add(() -> full.stop(0));
        List<Map<String, String>> calls = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(Map.of("body", body, "delivery", ex.getRequestHeaders().getFirst("X-Netra-Delivery"),
                    "signature", ex.getRequestHeaders().getFirst("X-Netra-Signature"),
                    "timestamp", ex.getRequestHeaders().getFirst("X-Netra-Timestamp")));
            ex.sendResponseHeaders(calls.size() == 1 ? 500 : 200, -1);
            ex.close();
        });
        hook.start();
        open.add(() -> hook.stop(0));
        String routing = """
                receivers:
                  desk:
                    webhooks:
                      - url: http://127.0.0.1:%d/hook
                        secret: ${HOOK_SECRET}
                      - url: http://127.0.0.1:%d/full
                        secret: ${HOOK_SECRET}
                        nip: full
                routes:
                  - event: confirmed
                    receivers: [desk]
                    groupWait: 0s
                """.formatted(hook.getAddress().getPort(), full.getAddress().getPort());
        Alert a = NotifyFixtures.alert("501", RUDI, Severity.HIGH, NotifyFixtures.XSS_TEXT);
        AlertsService service = start(routing);
        produce(a);
        String caseId = caseOf(service, a);

        confirm(service, caseId);

        await().atMost(WAIT).until(() -> count(NotificationEvent.Type.DELIVERED) == 2);
        assertThat(calls).hasSize(2);
        assertThat(calls).allSatisfy(c -> assertThat(c.get("body")).doesNotContain(RUDI.nip()).contains("19850101********01"));
        assertThat(fullCalls).singleElement().satisfies(b -> assertThat(Json.mapper().readTree(b).get("notifications").get(0)
                .get("facts").get("nip").asText()).isEqualTo(RUDI.nip()));
        assertThat(calls).extracting(c -> c.get("delivery")).containsOnly(calls.get(0).get("delivery"));
        assertThat(outbox()).extracting(NotificationEvent::notificationId).contains(calls.get(0).get("delivery"));
        for (Map<String, String> c : calls) {
            assertThat(c.get("signature")).isEqualTo(WebhookSender.sign(SECRET, c.get("body")));
            assertThat(c.get("timestamp")).matches("\\d{10}");
        }
        JsonNode body = Json.mapper().readTree(calls.get(1).get("body"));
        assertThat(body.get("attempt").asInt()).isEqualTo(2);
        assertThat(body.get("notifications").get(0).get("facts").get("caseId").asText()).isEqualTo(caseId);
        assertThat(count(NotificationEvent.Type.ATTEMPT_FAILED)).isOne();
        assertThat(outbox()).filteredOn(e -> e.type() == NotificationEvent.Type.ATTEMPT_FAILED).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("HTTP 500"));
    }

    @Test
    void sendsTheRegionOfficeOneDigestOfNewHighAlerts() {
        smtpUp();
        AlertsService service = start(ROUTING);
        produce(NotifyFixtures.alert("601", RUDI, Severity.HIGH, "Coblos nomor 3"),
                NotifyFixtures.alert("602", SARI, Severity.HIGH, "Menangkan nomor 3"));

        await().atMost(WAIT).until(() -> count(NotificationEvent.Type.DELIVERED) == 2);
        MimeMessage[] got = mail.getReceivedMessages();
        assertThat(got).singleElement().satisfies(m -> {
            assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("lampung@bawaslu.example");
            assertThat(m.getSubject()).startsWith("[Netra] 2 pemberitahuan kasus: ");
            assertThat(m.getMessageID()).startsWith("<d-");
        });
        assertThat(service.feed().size()).isEqualTo(2);
    }

    @Test
    void aSilenceSuppressesNotificationsIsListedAndLiftedAndAnExpiredOneNoLongerApplies() throws Exception {
        smtpUp();
        Alert a = NotifyFixtures.alert("701", RUDI, Severity.MEDIUM, "Dukung nomor 3");
        Alert b = NotifyFixtures.alert("702", SARI, Severity.MEDIUM, "Pilih nomor 3 ya");
        AlertsService service = start(ROUTING);
        produce(a, b);
        assertThat(send(service, "GET", "/api/silences", null, null).statusCode()).isEqualTo(401);
        assertThat(send(service, "POST", "/api/silences", null, "{}").statusCode()).isEqualTo(401);
        assertThat(send(service, "POST", "/api/silences", "ani", "{\"kind\":\"nip\",\"value\":\"123\",\"reason\":\"x\",\"duration\":\"PT1H\"}")
                .body()).contains("a NIP is 18 digits");
        assertThat(send(service, "POST", "/api/silences", "ani", "{\"kind\":\"nip\",\"value\":\"" + RUDI.nip() + "\",\"duration\":\"PT1H\"}")
                .statusCode()).isEqualTo(400);

        HttpResponse<String> created = send(service, "POST", "/api/silences", "ani",
                "{\"kind\":\"nip\",\"value\":\"" + RUDI.nip() + "\",\"reason\":\"sedang diperiksa inspektorat\",\"duration\":\"PT1H\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String silenceId = Json.mapper().readTree(created.body()).get("id").asText();
        HttpResponse<String> shortOne = send(service, "POST", "/api/silences", "budi",
                "{\"kind\":\"region\",\"value\":\"18\",\"reason\":\"uji\",\"duration\":\"PT2S\"}");
        assertThat(shortOne.statusCode()).isEqualTo(201);
        JsonNode listed = Json.mapper().readTree(send(service, "GET", "/api/silences", "ani", null).body()).get("silences");
        assertThat(listed).extracting(n -> n.get("id").asText()).contains(silenceId);

        confirm(service, caseOf(service, a));
        await().atMost(WAIT).until(() -> count(NotificationEvent.Type.SUPPRESSED) == 1);
        assertThat(outbox()).filteredOn(e -> e.type() == NotificationEvent.Type.SUPPRESSED).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains(silenceId).contains("sedang diperiksa inspektorat"));

        await().atMost(WAIT).until(() -> Json.mapper().readTree(send(service, "GET", "/api/silences", "ani", null).body())
                .get("silences").size() == 1);
        confirm(service, caseOf(service, b));
        await().atMost(WAIT).until(() -> count(NotificationEvent.Type.DELIVERED) == 1);
        assertThat(mail.getReceivedMessages()).singleElement()
                .satisfies(m -> assertThat(m.getAllRecipients()[0].toString()).isEqualTo("wati@example.go.id"));
        assertThat(count(NotificationEvent.Type.SUPPRESSED)).isOne();

        assertThat(send(service, "DELETE", "/api/silences/" + silenceId, "budi", null).statusCode()).isEqualTo(400);
        assertThat(send(service, "DELETE", "/api/silences/" + silenceId + "?reason=selesai", "budi", null).statusCode()).isEqualTo(200);
        assertThat(send(service, "DELETE", "/api/silences/" + silenceId + "?reason=lagi", "budi", null).statusCode()).isEqualTo(409);
        assertThat(send(service, "DELETE", "/api/silences/s-nope?reason=x", "budi", null).statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(send(service, "GET", "/api/silences", "ani", null).body()).get("silences")).isEmpty();
        JsonNode all = Json.mapper().readTree(send(service, "GET", "/api/silences?all=true", "ani", null).body()).get("silences");
        assertThat(all).extracting(n -> n.get("status").asText()).containsExactlyInAnyOrder("lifted", "expired");
        List<SilenceEvent> audit = new ArrayList<>();
        TopicReader.readToEnd(kafka(), Topics.SILENCES.withName(silences), (k, v) -> audit.add(v));
        assertThat(audit).extracting(e -> e.type().id() + " by " + e.actor())
                .containsExactly("created by ani", "created by budi", "lifted by budi");
    }

    @Test
    void eachUserListsSetsAndLiftsOnlyTheSilencesOfTheirJurisdictionWithNipsMasked() throws Exception {
        smtpUp();
        Alert a = NotifyFixtures.alert("801", RUDI, Severity.MEDIUM, "Dukung nomor 3");
        AlertsService service = start(ROUTING);
        produce(a);
        await().atMost(WAIT).until(() -> service.cases().book().caseOf(a.id()).isPresent());
        String rudi = Json.mapper().readTree(send(service, "POST", "/api/silences", "ani",
                "{\"kind\":\"nip\",\"value\":\"" + RUDI.nip() + "\",\"reason\":\"diperiksa\",\"duration\":\"PT1H\"}").body()).get("id").asText();
        String jakartaRegion = Json.mapper().readTree(send(service, "POST", "/api/silences", "ani",
                "{\"kind\":\"region\",\"value\":\"31\",\"reason\":\"uji\",\"duration\":\"PT1H\"}").body()).get("id").asText();

        JsonNode forJakarta = Json.mapper().readTree(send(service, "GET", "/api/silences", "jakarta", null).body()).get("silences");
        String forMetro = send(service, "GET", "/api/silences", "metro", null).body();

        assertThat(forJakarta).extracting(n -> n.get("id").asText()).containsExactly(jakartaRegion);
        assertThat(Json.mapper().readTree(forMetro).get("silences")).extracting(n -> n.get("id").asText()).containsExactly(rudi);
        assertThat(forMetro).doesNotContain(RUDI.nip()).contains("19850101********01");
        assertThat(send(service, "GET", "/api/silences", "ani", null).body()).doesNotContain(RUDI.nip());
        assertThat(send(service, "DELETE", "/api/silences/" + rudi + "?reason=bukan-wilayahku", "jakarta", null).statusCode()).isEqualTo(404);
        assertThat(send(service, "POST", "/api/silences", "jakarta",
                "{\"kind\":\"nip\",\"value\":\"" + RUDI.nip() + "\",\"reason\":\"x\",\"duration\":\"PT1H\"}").statusCode()).isEqualTo(403);
        assertThat(send(service, "POST", "/api/silences", "jakarta",
                "{\"kind\":\"region\",\"value\":\"18\",\"reason\":\"x\",\"duration\":\"PT1H\"}").statusCode()).isEqualTo(403);
        assertThat(send(service, "POST", "/api/silences", "jakarta",
                "{\"kind\":\"candidate\",\"value\":\"lestari-03\",\"reason\":\"x\",\"duration\":\"PT1H\"}").statusCode()).isEqualTo(403);
        assertThat(send(service, "POST", "/api/silences", "jakarta",
                "{\"kind\":\"region\",\"value\":\"31.71\",\"reason\":\"x\",\"duration\":\"PT1H\"}").statusCode()).isEqualTo(201);
        assertThat(send(service, "DELETE", "/api/silences/" + rudi + "?reason=selesai", "metro", null).statusCode()).isEqualTo(200);
        List<SilenceEvent> events = new ArrayList<>();
        TopicReader.readToEnd(kafka(), Topics.SILENCES.withName(silences), (k, v) -> events.add(v));
        assertThat(events).extracting(e -> e.type().id() + " by " + e.actor())
                .containsExactly("created by ani", "created by ani", "created by jakarta", "lifted by metro");
    }
}
