package id.netra.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Capture;
import id.netra.model.DeadLetter;
import id.netra.model.Json;
import id.netra.model.Post;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class IngestIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final String TOKEN = "ingest-it-token-0123456789";
    private Javalin site;

    @AfterEach
    void stopSite() {
        if (site != null) {
            site.stop();
        }
    }

    @Test
    void sendsEveryGoodLineToPostsWithItsEvidenceAndTheBadOneToTheDeadLetterTopic(@TempDir Path dir) throws Exception {
        IngestTopics topics = IngestKit.topics(KAFKA, "jsonl");
        Path file = Files.writeString(dir.resolve("in.jsonl"),
                JsonlSourceTest.line("101") + "{\"platform\":\"x\",\"postId\":\n" + JsonlSourceTest.line("103"));
        IngestConfig config = IngestConfig.jsonl(file, Duration.ofMillis(100), 1000, topics, IngestKit.kafka(KAFKA));

        try (IngestService service = new IngestService(config)) {
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> IngestKit.readAll(KAFKA, topics.posts()).size() == 2);
            Files.writeString(file, JsonlSourceTest.line("104"), StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(30)).until(() -> IngestKit.readAll(KAFKA, topics.posts()).size() == 3);

            List<Post> posts = IngestKit.readAll(KAFKA, topics.posts()).stream().map(ConsumerRecord::value).toList();
            assertThat(posts).extracting(Post::key).containsExactlyInAnyOrder("x:101", "x:103", "x:104");
            Post p = posts.stream().filter(x -> x.postId().equals("104")).findFirst().orElseThrow();
            assertThat(p.provenance().sourceId()).isEqualTo("inbox");
            assertThat(p.provenance().version()).isEqualTo(1);
            assertThat(p.provenance().contentHash()).isEqualTo(p.contentHash());

            Capture c = IngestKit.readAll(KAFKA, topics.captures()).stream().map(ConsumerRecord::value)
                    .filter(x -> x.postKey().equals("x:104")).findFirst().orElseThrow();
            assertThat(gunzip(c.payload())).isEqualTo(JsonlSourceTest.line("104").strip());
            assertThat(c.sha256()).isEqualTo(p.provenance().payloadSha256());

            List<DeadLetter> dead = IngestKit.readAll(KAFKA, topics.deadLetters()).stream().map(ConsumerRecord::value).toList();
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.origin()).isEqualTo("in.jsonl:2");
                assertThat(d.reason()).startsWith("not a valid post");
                assertThat(d.payload()).isEqualTo("{\"platform\":\"x\",\"postId\":");
            });
            assertThat(service.postsSent()).isEqualTo(3);
        }
    }

    @Test
    void emitsAnUnchangedFeedItemOnceAndAnEditedOneAsItsNextVersion(@TempDir Path dir) throws Exception {
        IngestTopics topics = IngestKit.topics(KAFKA, "feed");
        AtomicReference<String> feed = new AtomicReference<>(rss("Dukungan mengalir", "Warga berkumpul di alun-alun."));
        AtomicInteger requests = new AtomicInteger();
        site = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/robots.txt", ctx -> ctx.result("User-agent: *\nAllow: /\n"))
                .get("/feed.xml", ctx -> {
                    requests.incrementAndGet();
                    ctx.contentType("application/rss+xml; charset=utf-8").result(feed.get());
                })
                .start("127.0.0.1", 0);
        Path yml = Files.writeString(dir.resolve("sources.yml"), """
                sources:
                  - id: kabar
                    type: feed
                    urls: [http://127.0.0.1:%d/feed.xml]
                    interval: 200ms
                    minDelay: 10ms
                    allowPrivate: true
                """.formatted(site.port()));
        IngestConfig config = new IngestConfig(yml, List.of(), Duration.ofSeconds(5), "127.0.0.1", -1, "news-article", false,
                id.netra.ingest.http.HttpPolicy.defaults(), topics, IngestKit.kafka(KAFKA));

        try (IngestService service = new IngestService(config)) {
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> IngestKit.readAll(KAFKA, topics.posts()).size() == 2);
            int before = requests.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> requests.get() >= before + 3);
            assertThat(IngestKit.readAll(KAFKA, topics.posts())).hasSize(2);

            feed.set(rss("Dukungan mengalir deras", "Warga berkumpul di alun-alun."));
            await().atMost(Duration.ofSeconds(30)).until(() -> IngestKit.readAll(KAFKA, topics.posts()).size() == 3);
            int after = requests.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> requests.get() >= after + 3);

            List<Post> posts = IngestKit.readAll(KAFKA, topics.posts()).stream().map(ConsumerRecord::value).toList();
            assertThat(posts).hasSize(3);
            assertThat(posts).extracting(p -> p.provenance().version()).containsExactlyInAnyOrder(1, 1, 2);
            Post edited = posts.stream().filter(p -> p.provenance().version() == 2).findFirst().orElseThrow();
            assertThat(edited.text()).contains("Dukungan mengalir deras");
            assertThat(edited.provenance().httpStatus()).isEqualTo(200);
            assertThat(edited.provenance().requestUrl().getPath()).isEqualTo("/feed.xml");
            assertThat(service.health()).filteredOn(h -> h.id().equals("kabar")).singleElement()
                    .satisfies(h -> assertThat(h.postsUnchanged()).isPositive());
        }
    }

    @Test
    void readsAProfilePageAndItsNextPageWithTheHtmlSource(@TempDir Path dir) throws Exception {
        IngestTopics topics = IngestKit.topics(KAFKA, "html");
        String page1 = new String(IngestIT.class.getResourceAsStream("/fixtures/html/profile-page-1.html").readAllBytes(), StandardCharsets.UTF_8);
        String page2 = new String(IngestIT.class.getResourceAsStream("/fixtures/html/profile-page-2.html").readAllBytes(), StandardCharsets.UTF_8);
        site = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/u/rudi_h", ctx -> ctx.contentType("text/html; charset=utf-8").result("2".equals(ctx.queryParam("page")) ? page2 : page1))
                .start("127.0.0.1", 0);
        Path yml = Files.writeString(dir.resolve("sources.yml"), """
                sources:
                  - {id: forum, type: html, profile: profile-posts, urls: ["http://127.0.0.1:%d/u/rudi_h"], maxPages: 3, interval: 1h, minDelay: 10ms, allowPrivate: true}
                """.formatted(site.port()));
        IngestConfig config = new IngestConfig(yml, List.of(), Duration.ofSeconds(5), "127.0.0.1", -1, "news-article", false,
                id.netra.ingest.http.HttpPolicy.defaults(), topics, IngestKit.kafka(KAFKA));

        try (IngestService service = new IngestService(config)) {
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> IngestKit.readAll(KAFKA, topics.posts()).size() == 3);

            assertThat(IngestKit.readAll(KAFKA, topics.posts())).extracting(r -> r.value().url().getPath())
                    .containsExactlyInAnyOrder("/p/9001", "/p/8999", "/p/8990");
            assertThat(IngestKit.readAll(KAFKA, topics.deadLetters())).singleElement().satisfies(r -> {
                assertThat(r.value().source()).isEqualTo("ingest:forum");
                assertThat(r.value().origin()).contains("post 2 of").contains("/u/rudi_h");
                assertThat(r.value().reason()).contains("no time");
            });
            List<Capture> captures = IngestKit.readAll(KAFKA, topics.captures()).stream().map(ConsumerRecord::value).toList();
            assertThat(captures).hasSize(3);
            assertThat(captures).filteredOn(c -> c.payload() != null).hasSize(2);
        }
    }

    @Test
    void aHangingSourceDoesNotDelayTheOthers(@TempDir Path dir) throws Exception {
        IngestTopics topics = IngestKit.topics(KAFKA, "slow");
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        site = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/feed.xml", ctx -> {
                    release.await(60, java.util.concurrent.TimeUnit.SECONDS);
                    ctx.result("");
                })
                .start("127.0.0.1", 0);
        Files.writeString(dir.resolve("p.jsonl"), JsonlSourceTest.line("301"));
        Path yml = Files.writeString(dir.resolve("sources.yml"), """
                sources:
                  - {id: slow, type: feed, urls: ["http://127.0.0.1:%d/feed.xml"], interval: 1s, allowPrivate: true, readTimeout: 60s}
                  - {id: fast, type: jsonl, path: p.jsonl, interval: 200ms}
                """.formatted(site.port()));
        IngestConfig config = new IngestConfig(yml, List.of(), Duration.ofSeconds(5), "127.0.0.1", -1, "news-article", false,
                id.netra.ingest.http.HttpPolicy.defaults(), topics, IngestKit.kafka(KAFKA));

        try (IngestService service = new IngestService(config)) {
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> service.health().stream()
                    .anyMatch(h -> h.id().equals("slow") && h.state().equals("running") && h.lastRun() != null));
            await().atMost(Duration.ofSeconds(30)).until(() -> IngestKit.readAll(KAFKA, topics.posts()).size() == 1);

            assertThat(service.health()).filteredOn(h -> h.id().equals("slow")).singleElement()
                    .satisfies(h -> assertThat(h.state()).as("still waiting for its page").isEqualTo("running"));
            release.countDown();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aFeedAnsweredNotModifiedCostsNothingAndYieldsNoPost(@TempDir Path dir) throws Exception {
        IngestTopics topics = IngestKit.topics(KAFKA, "etag");
        String body = rss("Dukungan mengalir", "Warga berkumpul.");
        AtomicInteger full = new AtomicInteger();
        AtomicInteger notModified = new AtomicInteger();
        site = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/feed.xml", ctx -> {
                    if ("\"v1\"".equals(ctx.header("If-None-Match"))) {
                        notModified.incrementAndGet();
                        ctx.status(304);
                        return;
                    }
                    full.incrementAndGet();
                    ctx.header("ETag", "\"v1\"").contentType("application/rss+xml; charset=utf-8").result(body);
                })
                .start("127.0.0.1", 0);
        Path yml = Files.writeString(dir.resolve("sources.yml"), """
                sources:
                  - {id: etag, type: feed, urls: ["http://127.0.0.1:%d/feed.xml"], interval: 200ms, minDelay: 10ms, allowPrivate: true}
                """.formatted(site.port()));
        IngestConfig config = new IngestConfig(yml, List.of(), Duration.ofSeconds(5), "127.0.0.1", -1, "news-article", false,
                id.netra.ingest.http.HttpPolicy.defaults(), topics, IngestKit.kafka(KAFKA));

        try (IngestService service = new IngestService(config)) {
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> notModified.get() >= 3);

            assertThat(full.get()).isEqualTo(1);
            assertThat(IngestKit.readAll(KAFKA, topics.posts())).hasSize(2);
            assertThat(service.health()).singleElement().satisfies(h -> {
                assertThat(h.postsNew()).isEqualTo(2);
                assertThat(h.postsUnchanged()).isZero();
                assertThat(h.lastError()).isNull();
            });
        }
    }

    @Test
    void fetchesAReportedAddressOnceAndRecordsWhoReportedIt(@TempDir Path dir) throws Exception {
        IngestTopics topics = IngestKit.topics(KAFKA, "report");
        String page = new String(IngestIT.class.getResourceAsStream("/fixtures/html/news-article.html").readAllBytes(), StandardCharsets.UTF_8);
        AtomicInteger fetched = new AtomicInteger();
        site = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/robots.txt", ctx -> ctx.status(404))
                .get("/berita/1", ctx -> {
                    fetched.incrementAndGet();
                    ctx.contentType("text/html; charset=utf-8").result(page);
                })
                .start("127.0.0.1", 0);
        IngestConfig config = new IngestConfig(null, List.of(), Duration.ofSeconds(5), "127.0.0.1", 0, "news-article", true,
                id.netra.ingest.http.HttpPolicy.defaults(), topics, IngestKit.kafka(KAFKA), IngestApi.withToken(TOKEN));

        try (IngestService service = new IngestService(config)) {
            service.start();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + service.httpPort() + "/api/reports"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"http://127.0.0.1:" + site.port() + "/berita/1\",\"reportedBy\":\"analis.lampung\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(30)).until(() -> IngestKit.readAll(KAFKA, topics.posts()).size() == 1);
            Post post = IngestKit.readAll(KAFKA, topics.posts()).getFirst().value();
            assertThat(post.provenance().reportedBy()).isEqualTo("analis.lampung");
            assertThat(post.provenance().sourceId()).isEqualTo("reports");
            await().atMost(Duration.ofSeconds(30)).until(() -> reports(service).path(0).path("status").asText().equals("done"));
            assertThat(fetched.get()).isEqualTo(1);

            HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + service.httpPort() + "/api/reports"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"javascript:alert(1)\",\"reportedBy\":\"x\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("must be an http(s) address");
        }
    }

    @Test
    void showsEachSourcesHealthAndPicksUpAnEditedSourcesFileWithoutRestart(@TempDir Path dir) throws Exception {
        IngestTopics topics = IngestKit.topics(KAFKA, "reload");
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("a/p.jsonl"), JsonlSourceTest.line("201"));
        Files.writeString(dir.resolve("b/p.jsonl"), JsonlSourceTest.line("202"));
        Path yml = Files.writeString(dir.resolve("sources.yml"), "sources:\n  - {id: a, type: jsonl, path: a, interval: 200ms}\n");
        IngestConfig config = new IngestConfig(yml, List.of(), Duration.ofMillis(200), "127.0.0.1", 0, "news-article", false,
                id.netra.ingest.http.HttpPolicy.defaults(), topics, IngestKit.kafka(KAFKA), IngestApi.withToken(TOKEN));

        try (IngestService service = new IngestService(config)) {
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> sources(service).path(0).path("postsNew").asInt() == 1);
            assertThat(sources(service).path(0).path("id").asText()).isEqualTo("a");
            assertThat(sources(service).path(0).path("lastSuccess").isNull()).isFalse();

            Files.writeString(yml, "sources:\n  - {id: a, type: jsonl, path: a, interval: 200ms}\n  - {id: b, type: jsonl, path: b, interval: 200ms}\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> IngestKit.readAll(KAFKA, topics.posts()).size() == 2);
            assertThat(service.health()).extracting(SourceHealth::id).contains("a", "b");

            Files.writeString(yml, "sources:\n  - {id: a, type: nonsense}\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> service.reloadError() != null);
            assertThat(service.reloadError()).contains("type 'nonsense'");
            assertThat(service.health()).extracting(SourceHealth::id).contains("a", "b");
            assertThat(IngestKit.readAll(KAFKA, topics.posts())).hasSize(2);
        }
    }

    private static JsonNode sources(IngestService service) throws Exception {
        return get(service, "/api/sources").path("sources");
    }

    private static JsonNode reports(IngestService service) throws Exception {
        return get(service, "/api/reports").path("reports");
    }

    private static JsonNode get(IngestService service, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.httpPort() + path)).header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(r.body());
    }

    private static String rss(String firstTitle, String firstBody) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Kabar Daerah</title><link>https://kabar.example/</link>
                <item><title>%s</title><link>https://kabar.example/berita/1</link><description>%s</description>
                  <pubDate>Tue, 12 Nov 2024 19:05:00 +0700</pubDate></item>
                <item><title>Jadwal debat publik</title><link>https://kabar.example/berita/2</link><description>KPU mengumumkan jadwal.</description>
                  <pubDate>Tue, 12 Nov 2024 20:00:00 +0700</pubDate></item>
                </channel></rss>
                """.formatted(firstTitle, firstBody);
    }

    private static String gunzip(byte[] bytes) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
