package id.netra.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.ingest.http.HttpPolicy;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.Settings;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ingest's API as an attacker meets it: anonymous and wrong-token requests, forms posted by other sites, oversize
 * chunked bodies, a flood of reports, and reported pages that forge their address, author or platform.
 */
class IngestApiIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final String TOKEN = "test-token-0123456789abcdef";
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger fetched = new AtomicInteger();
    private Javalin site;
    private IngestService service;
    private IngestTopics topics;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (site != null) {
            site.stop();
        }
    }

    private void startSite(String path, String html, CountDownLatch release) {
        site = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/robots.txt", ctx -> ctx.status(404))
                .get(path, ctx -> {
                    fetched.incrementAndGet();
                    if (release != null) {
                        release.await(30, TimeUnit.SECONDS);
                    }
                    ctx.contentType("text/html; charset=utf-8").result(html);
                })
                .start("127.0.0.1", 0);
    }

    private void startIngest(IngestApi api, String reportsProfile) throws Exception {
        topics = IngestKit.topics(KAFKA, "api");
        service = new IngestService(new IngestConfig(null, List.of(), Duration.ofSeconds(5), "127.0.0.1", 0, reportsProfile, true,
                HttpPolicy.defaults(), topics, IngestKit.kafka(KAFKA), api));
        service.start();
    }

    private HttpResponse<String> send(String method, String path, String token, String type, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path)).method(method, body);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> report(String token, String url, String by) throws Exception {
        return send("POST", "/api/reports", token, "application/json",
                HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\",\"reportedBy\":\"" + by + "\"}"));
    }

    private String siteUrl(String path) {
        return "http://127.0.0.1:" + site.port() + path;
    }

    @Test
    void answersAnonymousAndWrongTokenRequestsWith401AndFetchesNothing() throws Exception {
        startSite("/berita/1", page("https://127.0.0.1/berita/1", "Redaksi"), null);
        startIngest(IngestApi.withToken(TOKEN), "news-article");

        for (String token : new String[] {null, "wrong-token-0123456789abcdef", TOKEN.substring(1)}) {
            assertThat(report(token, siteUrl("/berita/1"), "anonim").statusCode()).isEqualTo(401);
            assertThat(send("GET", "/api/sources", token, null, HttpRequest.BodyPublishers.noBody()).statusCode()).isEqualTo(401);
            assertThat(send("POST", "/api/sources/reload", token, null, HttpRequest.BodyPublishers.noBody()).statusCode()).isEqualTo(401);
            HttpResponse<String> reports = send("GET", "/api/reports", token, null, HttpRequest.BodyPublishers.noBody());
            assertThat(reports.statusCode()).isEqualTo(401);
            assertThat(reports.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }

        assertThat(send("GET", "/api/sources", TOKEN, null, HttpRequest.BodyPublishers.noBody()).statusCode()).isEqualTo(200);
        assertThat(fetched).hasValue(0);
        assertThat(IngestKit.readAll(KAFKA, topics.cursors())).isEmpty();
    }

    @Test
    void answersEveryoneWith401WhenNoTokenIsConfigured() throws Exception {
        startSite("/berita/1", page("https://127.0.0.1/berita/1", "Redaksi"), null);
        startIngest(IngestApi.closed(), "news-article");

        HttpResponse<String> r = report("anything-0123456789abcdef", siteUrl("/berita/1"), "anonim");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("no API token configured");
        assertThat(send("GET", "/api/sources", null, null, HttpRequest.BodyPublishers.noBody()).statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAReportPostedAsAFormEvenWithTheToken() throws Exception {
        startSite("/berita/1", page("https://127.0.0.1/berita/1", "Redaksi"), null);
        startIngest(IngestApi.withToken(TOKEN), "news-article");

        HttpResponse<String> r = send("POST", "/api/reports", TOKEN, "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString("url=" + siteUrl("/berita/1") + "&reportedBy=x"));
        HttpResponse<String> plain = send("POST", "/api/reports", TOKEN, "text/plain",
                HttpRequest.BodyPublishers.ofString("{\"url\":\"" + siteUrl("/berita/1") + "\",\"reportedBy\":\"x\"}"));

        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(fetched).hasValue(0);
    }

    @Test
    void refusesAChunkedBodyOverTheLimitAndOverlongFields() throws Exception {
        startSite("/berita/1", page("https://127.0.0.1/berita/1", "Redaksi"), null);
        startIngest(new IngestApi(id.netra.web.BearerToken.of(TOKEN, "t"), 4096, 10), "news-article");
        byte[] big = ("{\"url\":\"" + siteUrl("/berita/1") + "\",\"reportedBy\":\"" + "x".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> chunked = send("POST", "/api/reports", TOKEN, "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        HttpResponse<String> anonymousChunked = send("POST", "/api/reports", null, "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        HttpResponse<String> longName = report(TOKEN, siteUrl("/berita/1"), "y".repeat(101));
        HttpResponse<String> longUrl = report(TOKEN, siteUrl("/berita/1?q=" + "z".repeat(2100)), "analis");

        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(anonymousChunked.statusCode()).isEqualTo(413);
        assertThat(longName.statusCode()).isEqualTo(400);
        assertThat(longName.body()).contains("at most 100");
        assertThat(longUrl.statusCode()).isEqualTo(400);
        assertThat(fetched).hasValue(0);
    }

    @Test
    void refusesReportsBeyondTheBoundOfPendingOnesUntilOneIsFetched() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        startSite("/berita/1", page("https://127.0.0.1/berita/1", "Redaksi"), release);
        startIngest(new IngestApi(id.netra.web.BearerToken.of(TOKEN, "t"), 65536, 1), "news-article");
        try {
            assertThat(report(TOKEN, siteUrl("/berita/1"), "analis").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> fetched.get() == 1);

            HttpResponse<String> second = report(TOKEN, siteUrl("/berita/1"), "analis");

            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("Retry-After")).isPresent();
            assertThat(second.body()).contains("max-pending");
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> report(TOKEN, siteUrl("/berita/1"), "analis").statusCode() == 202);
    }

    @Test
    void keysAPageByItsFetchedAddressWhenItsCanonicalNamesAnotherSiteAndIgnoresAForeignAuthorAddress() throws Exception {
        startSite("/berita/1", page("https://kabar-lestari.example/berita/2024/11/camat-ajak-warga", "https://kabar-lestari.example/penulis/dewi"), null);
        startIngest(IngestApi.withToken(TOKEN), "news-article");

        assertThat(report(TOKEN, siteUrl("/berita/1"), "analis.lampung").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> IngestKit.readAll(KAFKA, topics.posts()).size() == 1);

        ConsumerRecord<String, Post> r = IngestKit.readAll(KAFKA, topics.posts()).getFirst();
        assertThat(r.key()).isEqualTo("web:" + siteUrl("/berita/1"));
        assertThat(r.value().url()).isEqualTo(URI.create(siteUrl("/berita/1")));
        assertThat(r.value().author().handle()).isEqualTo("127.0.0.1");
        assertThat(r.value().provenance().reportedBy()).isEqualTo("analis.lampung");
    }

    @Test
    void aPageOnAHostTheProfileDoesNotClaimCannotPassForAnotherPlatformsPost() throws Exception {
        startSite("/status/1", """
                <html><head><link rel="canonical" href="https://x.com/rudi_h/status/1858000000000000001"></head>
                <body><div data-status-id="1858000000000000001" data-handle="rudi_h"><p class="status-text">Ayo coblos nomor 3!</p>
                <time datetime="2024-11-12T19:05:00+07:00">12 Nov</time></div></body></html>""", null);
        startIngest(IngestApi.withToken(TOKEN), "x-status");

        assertThat(report(TOKEN, siteUrl("/status/1"), "analis").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> IngestKit.readAll(KAFKA, topics.posts()).size() == 1);

        Post p = IngestKit.readAll(KAFKA, topics.posts()).getFirst().value();
        assertThat(p.platform()).isEqualTo(Platform.WEB);
        assertThat(p.key()).isEqualTo("web:" + siteUrl("/status/1")).doesNotContain("1858000000000000001");
    }

    @Test
    void listensOnLoopbackUnlessConfigured() {
        IngestConfig c = IngestConfig.from(Settings.of(Map.of(Settings.BOOTSTRAP_SERVERS, "localhost:9092", "ingest.jsonl.path", "inbox")));
        IngestConfig open = IngestConfig.from(Settings.of(Map.of(Settings.BOOTSTRAP_SERVERS, "localhost:9092", "ingest.jsonl.path", "inbox",
                "ingest.http.host", "0.0.0.0", "ingest.api-token", TOKEN)));

        assertThat(c.httpHost()).isEqualTo("127.0.0.1");
        assertThat(c.api().token()).isNull();
        assertThat(open.httpHost()).isEqualTo("0.0.0.0");
        assertThat(open.api().token().matches(TOKEN)).isTrue();
    }

    private static String page(String canonical, String author) {
        return """
                <!DOCTYPE html><html><head><title>Camat ajak warga</title>
                <link rel="canonical" href="%s"><meta name="author" content="%s">
                <meta property="article:published_time" content="2024-11-12T19:05:00+07:00"></head>
                <body><article><h1>Camat ajak warga</h1><p>Camat mengajak warga mencoblos nomor 3.</p></article></body></html>
                """.formatted(canonical, author);
    }
}
