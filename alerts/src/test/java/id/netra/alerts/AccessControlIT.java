package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.alerts.auth.AuthConfig;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.AuditEntry;
import id.netra.model.Json;
import id.netra.model.JsonSerde;
import id.netra.model.Severity;
import id.netra.model.Topics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access control over HTTP on a real broker: login, logout, throttling, CSRF, cookie flags, roles, jurisdiction on every
 * route and the live stream, and the audit log. Each test has its own topics and service (the login throttle counts per
 * address).
 */
class AccessControlIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final AsnRecord METRO = new AsnRecord("197903152005012002", "Sri Wahyuni", "Pemerintah Kota Metro", "Dinas Kesehatan",
            "Perawat", "18.72", "dr. Hasan", null, List.of());
    private static final AsnRecord JAKARTA = new AsnRecord("198807222014031003", "Bambang Jaya", "Pemerintah Provinsi DKI Jakarta",
            "Dinas Perhubungan", "Staf", "31.71", "Ir. Joko", null, List.of());
    private static final AsnRecord XSS = new AsnRecord("199001012015041004", "<img src=x onerror=alert(2)>", "Dinas <b>X</b>", "Unit",
            "Guru", "18.72", "Drs. Sutomo", null, List.of());
    private static final Alert IN_METRO = TestAlerts.alert("41", "2024-11-12T19:05:00+07:00", Severity.HIGH, "Ayo coblos nomor 3!",
            URI.create("https://x.com/sri/status/41"), METRO, List.of(new Alert.Evidence(4, 10, "coblos", "support-cue", "coblos")));
    private static final Alert IN_JAKARTA = TestAlerts.alert("42", "2024-11-12T20:05:00+07:00", Severity.HIGH, "Pilih nomor 3, coblos!",
            URI.create("https://x.com/bambang/status/42"), JAKARTA, List.of(new Alert.Evidence(15, 21, "coblos", "support-cue", "coblos")));
    private static final Alert SCRIPT = TestAlerts.alert("43", "2024-11-12T21:05:00+07:00", Severity.HIGH,
            "<script>alert(1)</script> coblos nomor 3", URI.create("javascript:alert(3)"), XSS,
            List.of(new Alert.Evidence(26, 32, "coblos", "support-cue", "coblos")));

    @TempDir
    Path dir;

    private String alerts;
    private String events;
    private String audit;
    private AlertsService service;

    private void produce(Alert... list) throws Exception {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Alert a : list) {
                p.send(new ProducerRecord<>(alerts, a.id(), new JsonSerde<>(Alert.class).serialize(alerts, a))).get();
            }
        }
    }

    /** Fresh topics with the alerts in two provinces, and a service reading them. */
    @BeforeEach
    void startService() throws Exception {
        alerts = KAFKA.uniqueName("alerts");
        events = KAFKA.uniqueName("alert-events");
        KAFKA.createTopic(alerts, 3, Map.of());
        KAFKA.createTopic(events, 1, Map.of());
        produce(IN_METRO, IN_JAKARTA, SCRIPT);
        audit = KAFKA.uniqueName("audit-log");
        KAFKA.createTopic(audit, 1, Map.of());
        service = start(AuthConfig.defaults());
    }

    private AlertsService start(AuthConfig auth) throws Exception {
        AlertsService s = new AlertsService(new AlertsConfig("127.0.0.1", 0, Topics.ALERTS.withName(alerts), Topics.ALERT_EVENTS.withName(events),
                Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                auth.withUsersFile(TestUsers.write(dir)).withAuditTopic(Topics.AUDIT_LOG.withName(audit))));
        s.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> List.of(IN_METRO, IN_JAKARTA, SCRIPT).stream()
                    .allMatch(a -> s.cases().book().caseOf(a.id()).isPresent()));
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    @org.junit.jupiter.api.AfterEach
    void stopService() {
        service.close();
    }

    private String caseOf(Alert a) {
        return service.cases().book().caseOf(a.id()).orElseThrow().id();
    }

    private static HttpResponse<String> raw(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    @Test
    void redirectsPagesToTheLoginFormAndAnswersApiCallsWith401WithoutASession() throws Exception {
        HttpResponse<String> page = raw(HttpRequest.newBuilder(uri("/kasus")).build());
        HttpResponse<String> api = raw(HttpRequest.newBuilder(uri("/api/cases/" + caseOf(IN_METRO))).build());
        HttpResponse<String> form = raw(HttpRequest.newBuilder(uri("/login")).build());

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).contains("/login");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).contains("log in first").doesNotContain(METRO.name());
        assertThat(raw(HttpRequest.newBuilder(uri("/api/live")).build()).statusCode()).isEqualTo(401);
        assertThat(raw(HttpRequest.newBuilder(uri("/")).build()).statusCode()).isEqualTo(303);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Netra — Masuk", "name=\"password\" type=\"password\"");
        assertThat(raw(HttpRequest.newBuilder(uri("/health")).build()).statusCode()).isEqualTo(200);
        assertThat(raw(HttpRequest.newBuilder(uri("/api/session")).build()).statusCode()).isEqualTo(401);
    }

    @Test
    void logsInWithAnHttpOnlySameSiteCookieAndLogsOut() throws Exception {
        WebClient web = new WebClient(service);

        HttpResponse<String> login = web.login("lampung", TestUsers.PASSWORD);

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).contains("/kasus");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).matches("netra_session=[A-Za-z0-9_-]{43}; .*").contains("; HttpOnly", "; SameSite=Strict", "; Path=/")
                .doesNotContain("Secure");
        HttpResponse<String> page = web.get("/kasus");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("lampung · analis · Lampung (18)", "<meta name=\"csrf-token\" content=\"" + web.csrf() + "\">");

        HttpResponse<String> logout = web.http().send(HttpRequest.newBuilder(uri("/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + URLEncoder.encode(web.csrf(), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Set-Cookie")).hasValueSatisfying(v -> assertThat(v).startsWith("netra_session=;").contains("Max-Age=0"));
        assertThat(web.get("/api/cases").statusCode()).isEqualTo(401);
        String oldToken = cookie.substring("netra_session=".length(), cookie.indexOf(';'));
        assertThat(raw(HttpRequest.newBuilder(uri("/api/cases")).header("Cookie", "netra_session=" + oldToken).build()).statusCode())
                .as("the old token no longer works, even if a client kept it").isEqualTo(401);
    }

    @Test
    void marksTheCookieSecureWhenConfigured() throws Exception {
        service.close();
        service = start(new AuthConfig(null, true, Duration.ofHours(1), 5, Duration.ofMinutes(15), Topics.AUDIT_LOG));

        HttpResponse<String> login = raw(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=lampung&password=" + TestUsers.PASSWORD)).build());

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(v -> assertThat(v).contains("; Secure"));
    }

    @Test
    void refusesAWrongPasswordAnUnknownNameAndALoginPostedFromAnotherSite() throws Exception {
        WebClient web = new WebClient(service);

        HttpResponse<String> wrong = web.login("lampung", "salah-sandi");
        HttpResponse<String> unknown = web.login("siapa", TestUsers.PASSWORD);
        HttpResponse<String> crossSite = raw(HttpRequest.newBuilder(uri("/login")).header("Origin", "https://jahat.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=lampung&password=" + TestUsers.PASSWORD)).build());

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Nama pengguna atau kata sandi salah.");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(web.get("/api/cases").statusCode()).isEqualTo(401);
    }

    @Test
    void refusesLoginsAfterFiveFailuresWithRetryAfterEvenWithTheRightPassword() throws Exception {
        WebClient web = new WebClient(service);
        for (int i = 0; i < 5; i++) {
            assertThat(web.login("metro", "tebakan-" + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> sixth = web.login("metro", TestUsers.PASSWORD);

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(800, 900));
        assertThat(sixth.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(web.login("lampung", TestUsers.PASSWORD).statusCode()).as("the address is throttled too").isEqualTo(429);
    }

    @Test
    void refusesAStateChangingRequestWithoutOrWithAWrongCsrfToken() throws Exception {
        WebClient web = new WebClient(service).as("lampung");
        String path = "/api/cases/" + caseOf(IN_METRO) + "/actions";
        String comment = "{\"action\":\"commented\",\"reason\":\"dicek\"}";

        HttpResponse<String> none = web.post(path, comment, null);
        HttpResponse<String> wrong = web.post(path, comment, web.csrf() + "x");
        HttpResponse<String> otherSessions = web.post(path, comment, new WebClient(service).as("nasional").csrf());
        HttpResponse<String> logoutWithout = web.post("/logout", "{}", null);

        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.body()).contains("CSRF");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(otherSessions.statusCode()).isEqualTo(403);
        assertThat(logoutWithout.statusCode()).isEqualTo(403);
        assertThat(service.cases().get(caseOf(IN_METRO)).orElseThrow().history()).extracting(e -> e.type().id()).doesNotContain("commented");
        assertThat(web.post(path, comment).statusCode()).isEqualTo(200);
        assertThat(web.get("/api/cases").statusCode()).as("still logged in").isEqualTo(200);
    }

    @Test
    void pagesTheCaseListWithTheCursorOfEachPage() throws Exception {
        WebClient nasional = new WebClient(service).as("nasional");
        java.util.List<String> seen = new java.util.ArrayList<>();
        String next = "";
        do {
            JsonNode page = Json.mapper().readTree(nasional.get("/api/cases?sort=oldest&limit=1" + (next.isEmpty() ? "" : "&after=" + next)).body());
            page.get("cases").forEach(c -> seen.add(c.get("id").asText()));
            next = page.get("next").isNull() ? null : page.get("next").asText();
        } while (next != null && seen.size() < 100);

        JsonNode all = Json.mapper().readTree(nasional.get("/api/cases?sort=oldest").body());
        assertThat(seen).doesNotHaveDuplicates().hasSize(all.get("total").asInt());
        assertThat(nasional.get("/kasus?limit=1").body()).contains("rel=\"next\"");
        assertThat(nasional.get("/api/cases?after=bm90LWEtY3Vyc29y").statusCode()).isEqualTo(400);
        // The page answers a filter it cannot read as a page (the form, what was wrong, the regions meant), not as JSON.
        var refused = nasional.get("/kasus?region=Bandung");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(refused.body()).contains("Wilayah «Bandung» tidak dikenal", "href=\"/kasus?region=Kota+Bandung\"");
        assertThat(nasional.get("/kasus?region=Bandung&fragment=1").statusCode()).isEqualTo(400);
    }

    @Test
    void aProvinceAnalystCannotReadAnotherProvincesCaseByIdExportListOrFeed() throws Exception {
        WebClient lampung = new WebClient(service).as("lampung");
        String jakartaCase = caseOf(IN_JAKARTA);

        assertThat(lampung.get("/api/cases/" + jakartaCase).statusCode()).isEqualTo(404);
        assertThat(lampung.get("/kasus/" + jakartaCase).statusCode()).isEqualTo(404);
        // A browser gets a page with the way back, the same for a case elsewhere as for none.
        for (String path : java.util.List.of("/kasus/" + jakartaCase, "/kasus/NTR-2024-999999", "/tidak-ada")) {
            var page = lampung.page(path);
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).contains("<h1>Tidak ditemukan</h1>", "href=\"/kasus\"", "action=\"/logout\"")
                    .doesNotContain(jakartaCase.substring(4));
        }
        assertThat(lampung.page("/api/cases/" + jakartaCase).body()).doesNotContain("Tidak ditemukan");
        assertThat(lampung.post("/api/cases/" + jakartaCase + "/actions", "{\"action\":\"commented\",\"reason\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(lampung.get("/api/alerts/" + IN_JAKARTA.id()).statusCode()).isEqualTo(404);
        JsonNode list = Json.mapper().readTree(lampung.get("/api/cases").body());
        assertThat(list.get("total").asInt()).isEqualTo(2);
        assertThat(list.get("cases")).extracting(c -> c.get("id").asText()).containsExactlyInAnyOrder(caseOf(IN_METRO), caseOf(SCRIPT));
        assertThat(list.get("counts").get("province").toString()).isEqualTo("{\"Lampung\":2}");
        assertThat(lampung.get("/api/cases?region=31").body()).contains("\"total\":0");
        assertThat(lampung.get("/api/cases/export.csv").body()).contains(METRO.nip()).doesNotContain(JAKARTA.nip(), jakartaCase);
        assertThat(lampung.get("/api/cases/export.json?region=31.71").body()).isEqualTo("[]");
        assertThat(lampung.get("/kasus").body()).contains(caseOf(IN_METRO)).doesNotContain(JAKARTA.name(), jakartaCase);
        assertThat(lampung.get("/kasus/baris/" + jakartaCase).statusCode()).isEqualTo(404);
        assertThat(lampung.get("/kasus/baris/" + caseOf(IN_METRO)).body()).startsWith("<tr id=\"kasus-" + caseOf(IN_METRO) + "\"");
        assertThat(lampung.get("/kasus/baris/" + caseOf(IN_METRO) + "?region=Kota+Bandar+Lampung").statusCode()).as("outside the list's filter")
                .isEqualTo(404);
        assertThat(lampung.get("/api/cases?region=Daerah+Khusus+Ibukota+Jakarta").body()).contains("\"total\":0");
        assertThat(Json.mapper().readTree(lampung.get("/api/alerts").body())).extracting(a -> a.get("id").asText())
                .containsExactlyInAnyOrder(IN_METRO.id(), SCRIPT.id());
        assertThat(lampung.get("/").body()).contains(METRO.name()).doesNotContain(JAKARTA.name());

        WebClient nasional = new WebClient(service).as("nasional");
        assertThat(nasional.get("/api/cases/" + jakartaCase).statusCode()).isEqualTo(200);
        assertThat(nasional.get("/api/cases/export.csv").body()).contains(JAKARTA.nip(), METRO.nip());
    }

    @Test
    void aRegencyAnalystSeesOnlyTheirRegency() throws Exception {
        AsnRecord lampungSelatan = new AsnRecord("198203042006042005", "Dewi Lestari", "Pemerintah Kabupaten Lampung Selatan", "Dinas", "Staf",
                "18.01", "Pak Ali", null, List.of());
        Alert inLampungSelatan = TestAlerts.alert("44", "2024-11-12T22:05:00+07:00", Severity.HIGH, "Coblos nomor 3 ya",
                URI.create("https://x.com/dewi/status/44"), lampungSelatan, List.of(new Alert.Evidence(0, 6, "Coblos", "support-cue", "coblos")));
        produce(inLampungSelatan);
        await().atMost(Duration.ofSeconds(30)).until(() -> service.cases().book().caseOf(inLampungSelatan.id()).isPresent());

        WebClient metro = new WebClient(service).as("metro");
        WebClient lampung = new WebClient(service).as("lampung");

        assertThat(metro.get("/api/cases/" + caseOf(inLampungSelatan)).statusCode()).isEqualTo(404);
        assertThat(metro.get("/api/cases/" + caseOf(IN_METRO)).statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(metro.get("/api/cases").body()).get("total").asInt()).isEqualTo(2);
        assertThat(lampung.get("/api/cases/" + caseOf(inLampungSelatan)).statusCode()).isEqualTo(200);
    }

    @Test
    void theLiveStreamTellsAProvinceAnalystNothingOfAnotherProvince() throws Exception {
        WebClient lampung = new WebClient(service).as("lampung");
        WebClient nasional = new WebClient(service).as("nasional");
        List<String> heardInLampung = listen(lampung);
        List<String> heardNationally = listen(nasional);
        await().atMost(Duration.ofSeconds(10)).until(() -> service.liveListeners() == 2);
        AsnRecord jakarta2 = new AsnRecord("198807222014031099", "Rina Sari", "Pemerintah Provinsi DKI Jakarta", "Dinas", "Staf", "31.71",
                "Pak Budi", null, List.of());
        Alert newInJakarta = TestAlerts.alert("51", "2024-11-13T08:00:00+07:00", Severity.HIGH, "Coblos nomor 1",
                URI.create("https://x.com/rina/status/51"), jakarta2, List.of(new Alert.Evidence(0, 6, "Coblos", "support-cue", "coblos")));
        AsnRecord metro2 = new AsnRecord("197903152005012099", "Andi Saputra", "Pemerintah Kota Metro", "Dinas", "Staf", "18.72",
                "Pak Edi", null, List.of());
        Alert newInMetro = TestAlerts.alert("52", "2024-11-13T09:00:00+07:00", Severity.HIGH, "Coblos nomor 2",
                URI.create("https://x.com/andi/status/52"), metro2, List.of(new Alert.Evidence(0, 6, "Coblos", "support-cue", "coblos")));

        produce(newInJakarta);
        await().atMost(Duration.ofSeconds(30)).until(() -> heardNationally.stream().anyMatch(l -> l.contains(newInJakarta.id()))
                && service.cases().book().caseOf(newInJakarta.id()).isPresent()
                && heardNationally.stream().anyMatch(l -> l.contains(caseOf(newInJakarta))));
        produce(newInMetro);
        await().atMost(Duration.ofSeconds(30)).until(() -> heardInLampung.stream().anyMatch(l -> l.contains(newInMetro.id()))
                && service.cases().book().caseOf(newInMetro.id()).isPresent()
                && heardInLampung.stream().anyMatch(l -> l.contains(caseOf(newInMetro))));

        assertThat(heardInLampung).noneMatch(l -> l.contains(newInJakarta.id()) || l.contains(caseOf(newInJakarta)));
        assertThat(heardNationally).anyMatch(l -> l.contains(newInMetro.id()));
    }

    private static List<String> listen(WebClient web) {
        List<String> lines = new CopyOnWriteArrayList<>();
        web.http().sendAsync(HttpRequest.newBuilder(URI.create(web.base() + "/api/live")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).thenAcceptAsync(r -> r.body().forEach(lines::add));
        return lines;
    }

    @Test
    void everyRouteButTheOperatorsEndpointsDeclaresWhoMayUseIt() {
        // The operators' endpoints come from the ops module and check their own token (see ManagementEndpoints).
        assertThat(service.undeclaredRoutes()).containsExactlyInAnyOrder("GET /health", "GET /ready", "GET /metrics");
    }

    @Test
    void anOutOfJurisdictionCaseIsNotFoundOnEveryRouteAboutOneCase() throws Exception {
        WebClient lampung = new WebClient(service).as("lampung");
        String jakartaCase = caseOf(IN_JAKARTA);

        for (String path : List.of("/kasus/", "/api/cases/")) {
            assertThat(lampung.get(path + jakartaCase).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(lampung.get("/kasus/" + jakartaCase + "/gambar/x/0").statusCode()).isEqualTo(404);
        assertThat(lampung.get("/kasus/baris/" + jakartaCase).statusCode()).isEqualTo(404);
    }

    @Test
    void anAuditorReadsCasesButCannotActOnThem() throws Exception {
        WebClient auditor = new WebClient(service).as("audit");
        String id = caseOf(IN_METRO);

        HttpResponse<String> act = auditor.post("/api/cases/" + id + "/actions", "{\"action\":\"commented\",\"reason\":\"saya auditor\"}");

        assertThat(act.statusCode()).isEqualTo(403);
        assertThat(act.body()).contains("auditor role may read cases but not act");
        assertThat(auditor.get("/api/cases/" + id).statusCode()).isEqualTo(200);
        assertThat(auditor.get("/kasus/" + id).body()).contains("Riwayat").doesNotContain("data-action=");
        assertThat(service.cases().get(id).orElseThrow().history()).noneMatch(e -> "audit".equals(e.actor()));
    }

    @Test
    void showsAnXssPayloadInAPostAsTextAndMasksNipsInListsOnly() throws Exception {
        WebClient web = new WebClient(service).as("lampung");

        String page = web.get("/kasus/" + caseOf(SCRIPT)).body();
        String list = web.get("/kasus").body();
        String feed = web.get("/").body();

        for (String html : List.of(page, list, feed)) {
            assertThat(html).doesNotContain("<script>alert(1)").doesNotContain("<img src=x").doesNotContain("<b>X</b>")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
        assertThat(page).doesNotContain("href=\"javascript:").contains(XSS.nip());
        assertThat(list).doesNotContain(XSS.nip(), METRO.nip()).contains("19900101********04");
        assertThat(feed).doesNotContain(XSS.nip(), METRO.nip());
    }

    @Test
    void writesLoginsFailuresLogoutsCaseViewsAndExportsToTheAuditLogBeforeAnswering() throws Exception {
        WebClient web = new WebClient(service);
        web.login("lampung", "salah");
        web.as("lampung");
        String id = caseOf(IN_METRO);
        web.get("/kasus/" + id);
        web.get("/api/cases/" + id);
        web.get("/api/cases/export.csv?severity=high");
        web.get("/api/cases/" + caseOf(IN_JAKARTA));
        web.post("/logout", "{}");

        List<AuditEntry> log = readAudit();

        assertThat(log).extracting(e -> e.action().id() + " " + e.actor() + " " + (e.caseId() == null ? "-" : e.caseId()))
                .containsExactly("login-failed lampung -", "login lampung -", "case-viewed lampung " + id, "case-viewed lampung " + id,
                        "exported lampung -", "logout lampung -");
        assertThat(log.get(0).details()).containsEntry("reason", "wrong password");
        assertThat(log.get(1).details()).containsEntry("jurisdiction", "18").containsEntry("role", "analyst");
        assertThat(log.get(2).details()).containsEntry("via", "page");
        assertThat(log.get(3).details()).containsEntry("via", "api");
        assertThat(log.get(4).details()).containsEntry("filter", "severity=high").containsEntry("cases", "2").containsEntry("format", "csv");
        assertThat(log).allSatisfy(e -> assertThat(e.address()).isEqualTo("127.0.0.1"));
    }

    private List<AuditEntry> readAudit() {
        try (KafkaConsumer<String, AuditEntry> c = new KafkaConsumer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringDeserializer(), new JsonSerde<>(AuditEntry.class))) {
            TopicPartition tp = new TopicPartition(audit, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            List<AuditEntry> out = new ArrayList<>();
            while (c.position(tp) < end) {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
            }
            return out;
        }
    }
}
