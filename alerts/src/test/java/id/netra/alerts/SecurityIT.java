package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import id.netra.alerts.auth.AuthConfig;
import id.netra.alerts.auth.PasswordHash;
import id.netra.alerts.auth.Role;
import id.netra.alerts.auth.UsersFile;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.AuditEntry;
import id.netra.model.Json;
import id.netra.model.JsonSerde;
import id.netra.model.Severity;
import id.netra.model.Topics;
import id.netra.web.BearerToken;
import id.netra.web.TrustedProxies;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysts' app as an attacker or a curious user meets it over HTTP: oversize and chunked bodies, parallel password
 * guesses, forged client addresses, inline-script injection, personal data by role, reports passed on to ingest.
 */
class SecurityIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final AsnRecord METRO = new AsnRecord("197903152005012002", "Sri Wahyuni", "Pemerintah Kota Metro", "Dinas Kesehatan",
            "Perawat", "18.72", "dr. Hasan", "hasan@metro.example.go.id", List.of());
    private static final Alert IN_METRO = TestAlerts.alert("41", "2024-11-12T19:05:00+07:00", Severity.HIGH, "Ayo coblos nomor 3!",
            URI.create("https://x.com/sri/status/41"), METRO, List.of(new Alert.Evidence(4, 10, "coblos", "support-cue", "coblos")));

    @TempDir
    Path dir;

    private String alerts;
    private String events;
    private String audit;
    private AlertsService service;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void topics() throws Exception {
        alerts = KAFKA.uniqueName("alerts");
        events = KAFKA.uniqueName("alert-events");
        audit = KAFKA.uniqueName("audit-log");
        KAFKA.createTopic(alerts, 3, Map.of());
        KAFKA.createTopic(events, 1, Map.of());
        KAFKA.createTopic(audit, 1, Map.of());
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(alerts, IN_METRO.id(), new JsonSerde<>(Alert.class).serialize(alerts, IN_METRO))).get();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private AlertsService start(AlertsConfig config) throws Exception {
        service = new AlertsService(config);
        service.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> service.cases().book().caseOf(IN_METRO.id()).isPresent());
        return service;
    }

    private AlertsConfig config(AuthConfig auth) throws Exception {
        return new AlertsConfig("127.0.0.1", 0, Topics.ALERTS.withName(alerts), Topics.ALERT_EVENTS.withName(events),
                Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                auth.withUsersFile(TestUsers.write(dir)).withAuditTopic(Topics.AUDIT_LOG.withName(audit)));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    private static HttpResponse<String> raw(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String name, String password, String forwardedFor) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8)));
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return raw(b.build());
    }

    private String caseOf(Alert a) {
        return service.cases().book().caseOf(a.id()).orElseThrow().id();
    }

    // Limits

    @Test
    void refusesOversizeBodiesWithOrWithoutALengthAndMultipartOnLoginAndTheApi() throws Exception {
        start(config(AuthConfig.defaults()).withMaxBodyBytes(4096));
        byte[] big = ("name=lampung&password=" + "x".repeat(100_000)).getBytes(StandardCharsets.US_ASCII);
        WebClient web = new WebClient(service).as("lampung");

        HttpResponse<String> chunkedLogin = raw(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        HttpResponse<String> lengthLogin = raw(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build());
        HttpResponse<String> multipart = raw(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nlampung\r\n--b--\r\n")).build());
        HttpResponse<String> chunkedAction = web.http().send(HttpRequest.newBuilder(uri("/api/cases/" + caseOf(IN_METRO) + "/actions"))
                .header("Content-Type", "application/json").header("X-CSRF-Token", web.csrf())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        ("{\"action\":\"commented\",\"reason\":\"" + "y".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(chunkedLogin.statusCode()).isEqualTo(413);
        assertThat(lengthLogin.statusCode()).isEqualTo(413);
        assertThat(multipart.statusCode()).isEqualTo(415);
        assertThat(chunkedAction.statusCode()).isEqualTo(413);
        assertThat(service.cases().get(caseOf(IN_METRO)).orElseThrow().history()).extracting(e -> e.type().id()).doesNotContain("commented");
    }

    @Test
    void refusesAnOverlongAssigneeOrReason() throws Exception {
        start(config(AuthConfig.defaults()));
        WebClient web = new WebClient(service).as("lampung");
        String path = "/api/cases/" + caseOf(IN_METRO) + "/actions";

        HttpResponse<String> assignee = web.post(path, "{\"action\":\"assigned\",\"assignee\":\"" + "a".repeat(101) + "\"}");
        HttpResponse<String> reason = web.post(path, "{\"action\":\"commented\",\"reason\":\"" + "r".repeat(2001) + "\"}");

        assertThat(assignee.statusCode()).isEqualTo(400);
        assertThat(assignee.body()).contains("at most 100");
        assertThat(reason.statusCode()).isEqualTo(400);
        assertThat(web.post(path, "{\"action\":\"assigned\",\"assignee\":\"budi\"}").statusCode()).isEqualTo(200);
    }

    // Login

    @Test
    void countsParallelGuessesBeforeTheSlowHashSoOnlyTheLimitIsChecked() throws Exception {
        // A costly hash widens the window a check-then-count throttle leaves open.
        Path users = dir.resolve("slow-users.yml");
        UsersFile.write(users, List.of(new id.netra.alerts.auth.User("lambat", Role.ANALYST,
                id.netra.alerts.auth.Jurisdiction.NATIONAL, PasswordHash.hash(TestUsers.PASSWORD.toCharArray(), 200_000), null)));
        start(config(AuthConfig.defaults()).withAuth(AuthConfig.defaults().withUsersFile(users)
                .withAuditTopic(Topics.AUDIT_LOG.withName(audit))));
        int guesses = 12;
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < guesses; i++) {
            String guess = "tebakan-" + i;
            answers.add(pool.submit(() -> {
                go.await();
                return login("lambat", guess, null).statusCode();
            }));
        }

        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : answers) {
            statuses.add(f.get());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 401).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(guesses - 5);
        assertThat(login("lambat", TestUsers.PASSWORD, null).statusCode()).isEqualTo(429);
    }

    @Test
    void boundsThePasswordChecksRunningAtOnce() throws Exception {
        // One hash at a time, each of 1.5 million iterations (far longer than the 50 ms a login may wait for the slot on
        // any machine): of twelve logins at once, those that find the slot taken get 503.
        Path users = dir.resolve("slow-users.yml");
        UsersFile.write(users, List.of(new id.netra.alerts.auth.User("lambat", Role.ANALYST,
                id.netra.alerts.auth.Jurisdiction.NATIONAL, PasswordHash.hash(TestUsers.PASSWORD.toCharArray(), 1_500_000), null)));
        AuthConfig auth = new AuthConfig(users, false, Duration.ofHours(1), 100, Duration.ofMinutes(15), Topics.AUDIT_LOG.withName(audit))
                .withLoginMaxConcurrent(1).withLoginHashWait(Duration.ofMillis(50));
        start(config(AuthConfig.defaults()).withAuth(auth));
        int logins = 12;
        ExecutorService pool = Executors.newFixedThreadPool(logins);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < logins; i++) {
            String name = "siapa-" + i;
            answers.add(pool.submit(() -> {
                go.await();
                return login(name, "x", null);
            }));
        }

        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResponse<String>> f : answers) {
            HttpResponse<String> r = f.get();
            statuses.add(r.statusCode());
            if (r.statusCode() == 503) {
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            }
        }
        pool.shutdown();

        assertThat(statuses).as("answers " + statuses).contains(503).allMatch(s -> s == 401 || s == 503);
    }

    @Test
    void believesXForwardedForOnlyFromATrustedProxy() throws Exception {
        start(config(AuthConfig.defaults()));
        for (int i = 0; i < 5; i++) {
            assertThat(login("metro", "salah", "198.51.100." + (10 + i)).statusCode()).isEqualTo(401);
        }
        assertThat(login("lampung", TestUsers.PASSWORD, "198.51.100.99").statusCode())
                .as("a client naming itself anew each time is still one address").isEqualTo(429);
        assertThat(readAudit()).allSatisfy(e -> assertThat(e.address()).isEqualTo("127.0.0.1"));
        service.close();

        audit = KAFKA.uniqueName("audit-log");
        KAFKA.createTopic(audit, 1, Map.of());
        start(config(AuthConfig.defaults().behind(AuthConfig.DEFAULT_PUBLIC_URL, TrustedProxies.parse("127.0.0.1", "alerts.trusted-proxies"))));
        for (int i = 0; i < 5; i++) {
            assertThat(login("metro", "salah", "203.0.113.7").statusCode()).isEqualTo(401);
        }
        assertThat(login("lampung", TestUsers.PASSWORD, "203.0.113.7").statusCode()).as("that client is throttled").isEqualTo(429);
        assertThat(login("lampung", TestUsers.PASSWORD, "1.2.3.4, 203.0.113.8").statusCode()).as("another client is not").isEqualTo(303);
        assertThat(readAudit()).extracting(AuditEntry::address).contains("203.0.113.7", "203.0.113.8").doesNotContain("127.0.0.1", "1.2.3.4");
    }

    @Test
    void forbidsInlineScriptsAndServesThePageScriptItself() throws Exception {
        start(config(AuthConfig.defaults()));
        WebClient web = new WebClient(service).as("lampung");

        List<HttpResponse<String>> pages = List.of(web.get("/kasus"), web.get("/kasus/" + caseOf(IN_METRO)), web.get("/"),
                web.get("/ringkasan"), raw(HttpRequest.newBuilder(uri("/login")).build()));
        HttpResponse<String> script = raw(HttpRequest.newBuilder(uri("/assets/netra.js")).build());

        for (HttpResponse<String> page : pages) {
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).containsPattern("(^|; )script-src 'self'(;|$)").contains("frame-ancestors 'none'"));
            assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>").doesNotContainPattern("\\son[a-z]+=");
            assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
        assertThat(pages.get(0).body()).contains("<script src=\"/assets/netra.js\" defer></script>");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(script.body()).contains("EventSource('/api/live')", "X-CSRF-Token");
    }

    @Test
    void behindAnHttpsPublicUrlSendsHstsAndASecureCookie() throws Exception {
        start(config(AuthConfig.defaults().behind(URI.create("https://netra.bawaslu.example"), TrustedProxies.NONE)));

        HttpResponse<String> login = login("lampung", TestUsers.PASSWORD, null);
        HttpResponse<String> fromPublicOrigin = raw(HttpRequest.newBuilder(uri("/login")).header("Origin", "https://netra.bawaslu.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=lampung&password=" + TestUsers.PASSWORD)).build());

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("; Secure", "; HttpOnly"));
        assertThat(login.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(h -> assertThat(h).startsWith("max-age="));
        assertThat(raw(HttpRequest.newBuilder(uri("/login")).build()).headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(fromPublicOrigin.statusCode()).as("the public origin is this site behind its proxy").isEqualTo(303);
    }

    // Personal data by role

    @Test
    void masksNipsAndLeavesOutSupervisorEmailsInListsAndForAuditorsAndAuditsSingleAlertViews() throws Exception {
        start(config(AuthConfig.defaults()));
        WebClient analyst = new WebClient(service).as("metro");
        WebClient auditor = new WebClient(service).as("audit");
        String masked = "19790315********02";

        String alertList = analyst.get("/api/alerts").body();
        String caseList = analyst.get("/api/cases").body();
        String oneForAnalyst = analyst.get("/api/alerts/" + IN_METRO.id()).body();
        String oneForAuditor = auditor.get("/api/alerts/" + IN_METRO.id()).body();
        String caseForAuditor = auditor.get("/api/cases/" + caseOf(IN_METRO)).body();
        String pageForAuditor = auditor.get("/kasus/" + caseOf(IN_METRO)).body();
        String exportForAuditor = auditor.get("/api/cases/export.csv").body();

        for (String s : List.of(alertList, caseList, oneForAuditor, caseForAuditor, pageForAuditor, exportForAuditor)) {
            assertThat(s).doesNotContain(METRO.nip()).doesNotContain(METRO.supervisorEmail());
        }
        assertThat(alertList).contains(masked);
        assertThat(caseList).contains(masked);
        assertThat(pageForAuditor).contains(masked);
        assertThat(oneForAnalyst).as("the single view for an analyst of the jurisdiction").contains(METRO.nip());
        assertThat(analyst.get("/kasus/" + caseOf(IN_METRO)).body()).contains(METRO.nip());
        assertThat(readAudit()).filteredOn(e -> e.action() == AuditEntry.Action.ALERT_VIEWED)
                .extracting(e -> e.actor() + " " + e.details().get("alertId")).containsExactly("metro " + IN_METRO.id(), "audit " + IN_METRO.id());
    }

    @Test
    void auditsEveryViewOfAReplayReport() throws Exception {
        KAFKA.createTopic(Topics.REPLAY_REPORTS.name(), 1, Map.of());
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            id.netra.model.ReplayReport r = new id.netra.model.ReplayReport("run-7", java.time.Instant.parse("2024-11-01T00:00:00Z"),
                    java.time.Instant.parse("2024-11-08T00:00:00Z"), java.time.Instant.parse("2026-01-01T00:00:00Z"),
                    new id.netra.model.ReplayReport.Versions(null, null, null), "alerts-replay-run-7", 1, 1, 1.0, 1.0,
                    new id.netra.model.ReplayReport.Counts(0, 0, 0, 0, 0, 0), List.of());
            p.send(new ProducerRecord<>(Topics.REPLAY_REPORTS.name(), r.runId(),
                    new JsonSerde<>(id.netra.model.ReplayReport.class).serialize(Topics.REPLAY_REPORTS.name(), r))).get();
        }
        start(config(AuthConfig.defaults()));
        WebClient auditor = new WebClient(service).as("audit");

        await().atMost(Duration.ofSeconds(30)).until(() -> auditor.get("/laporan/run-7").statusCode() == 200);

        assertThat(readAudit()).filteredOn(e -> e.action() == AuditEntry.Action.REPORT_VIEWED)
                .allSatisfy(e -> assertThat(e.details()).containsEntry("runId", "run-7")).extracting(AuditEntry::actor).contains("audit");
    }

    // Reporting a post address through the app

    @Test
    void passesAReportedAddressToIngestWithItsTokenAndTheLoggedInAnalystAsReporter() throws Exception {
        List<Map<String, String>> received = new CopyOnWriteArrayList<>();
        HttpServer ingest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ingest.createContext("/api/reports", ex -> {
            received.add(Map.of("auth", String.valueOf(ex.getRequestHeaders().getFirst("Authorization")),
                    "type", String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")),
                    "body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = "{\"id\":\"r-1\",\"status\":\"pending\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(202, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        ingest.start();
        open.add(() -> ingest.stop(0));
        String token = "ingest-token-0123456789abcdef";
        start(config(AuthConfig.defaults()).withIngest(new IngestLink(URI.create("http://127.0.0.1:" + ingest.getAddress().getPort()),
                BearerToken.of(token, "alerts.ingest.api-token"))));
        WebClient analyst = new WebClient(service).as("metro");
        WebClient auditor = new WebClient(service).as("audit");
        String form = "url=" + URLEncoder.encode("https://kabar.example/berita/9", StandardCharsets.UTF_8) + "&csrf=";

        assertThat(analyst.get("/kasus").body()).contains("action=\"/kasus/laporkan\"", "name=\"url\"");
        HttpResponse<String> withoutCsrf = formPost(analyst, form);
        HttpResponse<String> byAuditor = formPost(auditor, form + URLEncoder.encode(auditor.csrf(), StandardCharsets.UTF_8));
        HttpResponse<String> anonymous = raw(HttpRequest.newBuilder(uri("/kasus/laporkan")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(withoutCsrf.statusCode()).isEqualTo(403);
        assertThat(byAuditor.statusCode()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(received).isEmpty();

        HttpResponse<String> reported = formPost(analyst, form + URLEncoder.encode(analyst.csrf(), StandardCharsets.UTF_8));

        assertThat(reported.statusCode()).isEqualTo(202);
        assertThat(reported.body()).contains("Laporan diterima", "r-1");
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.get("auth")).isEqualTo("Bearer " + token);
            assertThat(r.get("type")).startsWith("application/json");
            JsonNode body = Json.mapper().readTree(r.get("body"));
            assertThat(body.get("url").asText()).isEqualTo("https://kabar.example/berita/9");
            assertThat(body.get("reportedBy").asText()).isEqualTo("metro");
        });
        assertThat(readAudit()).filteredOn(e -> e.action() == AuditEntry.Action.POST_REPORTED).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("metro"));
    }

    private HttpResponse<String> formPost(WebClient web, String body) throws Exception {
        return web.http().send(HttpRequest.newBuilder(uri("/kasus/laporkan")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
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
