package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.model.Platform;
import id.netra.model.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code netra up} promises: alerts from the samples within a minute (an interaction alert from the demo Mastodon
 * instance among them), a file dropped into the inbox taken in batches, and after a restart the same alerts and no
 * article of the demo feed ingested again.
 */
class LocalStackIT {
    private static final int DROPPED = 3_000;

    @Test
    void showsSampleAlertsAndStillHasThemAfterARestart(@TempDir Path data) throws Exception {
        List<String> messages = new ArrayList<>();
        LocalStack.Options options = new LocalStack.Options(data, 0, 0, 0, 50, true);
        try (LocalStack stack = LocalStack.start(options, messages::add)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.alerts().feed().count(Severity.MEDIUM) >= 5);
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.ingest().postsSent() >= 50);
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.ingest().health().stream()
                    .anyMatch(h -> h.id().equals("demo-news") && h.postsNew() == 3));
            // The demo Mastodon instance: a sample ASN's reply under pair 03's campaign status is an interaction alert.
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.alerts().feed().list(Severity.LOW, 10_000).stream()
                    .anyMatch(a -> a.platform() == Platform.MASTODON && a.interaction() != null
                            && "metro-03".equals(a.interaction().candidateId()) && a.interaction().kind().equals("reply")));
            assertThat(stack.demoUsers()).containsOnlyKeys("analis", "auditor", "admin");
            for (var user : stack.demoUsers().entrySet()) {
                assertThat(login(stack.alerts().port(), user.getKey(), user.getValue())).as("login of " + user.getKey()).isEqualTo(303);
            }
            assertThat(login(stack.alerts().port(), "analis", "not-the-password")).isEqualTo(401);

            dropIntoInbox(stack.inbox());
            await().atMost(Duration.ofSeconds(60)).until(() -> inbox(stack).postsNew() == DROPPED);
            assertThat(transactionsOf("inbox", stack)).as("transactions for " + DROPPED + " dropped posts").isLessThanOrEqualTo(3);
            reportsAPostAddressFromTheCaseListToIngest(stack);
            showsTheSamplePosterAlertPointingAtThePicture(stack);
        }
        assertThat(messages).anyMatch(m -> m.startsWith("published the sample registry"));

        List<String> again = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(options, again::add)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> stack.alerts().feed().count(Severity.MEDIUM) >= 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> demoNews(stack).lastSuccess() != null);
            assertThat(demoNews(stack).postsNew()).as("articles of the demo feed ingested again").isZero();
            assertThat(demoNews(stack).postsUnchanged()).isEqualTo(3);
        }
        assertThat(again).noneMatch(m -> m.startsWith("published the sample"));
    }

    private static void dropIntoInbox(Path inbox) throws java.io.IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < DROPPED; i++) {
            lines.append("{\"platform\":\"x\",\"postId\":\"drop-").append(i).append("\",\"url\":\"https://x.com/warga/status/").append(i)
                    .append("\",\"author\":{\"handle\":\"warga\"},\"text\":\"kabar ").append(i)
                    .append("\",\"publishedAt\":\"2024-11-12T19:05:00+07:00\",\"kind\":\"post\"}\n");
        }
        Path part = java.nio.file.Files.writeString(inbox.resolve("drop.jsonl.part"), lines);
        java.nio.file.Files.move(part, inbox.resolve("drop.jsonl"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static id.netra.ingest.SourceHealth inbox(LocalStack stack) {
        return source(stack, "inbox");
    }

    private static id.netra.ingest.SourceHealth demoNews(LocalStack stack) {
        return source(stack, "demo-news");
    }

    private static id.netra.ingest.SourceHealth source(LocalStack stack, String id) {
        return stack.ingest().health().stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow();
    }

    /** Each transaction of a source writes its positions once to {@code ingest-cursors}. */
    private static long transactionsOf(String sourceId, LocalStack stack) {
        java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
        id.netra.model.TopicReader.readToEnd(java.util.Map.of("bootstrap.servers", stack.kafka().bootstrapServers()),
                id.netra.model.Topics.INGEST_CURSORS, (k, v) -> {
                    if (k.equals(sourceId)) {
                        n.incrementAndGet();
                    }
                });
        return n.get();
    }

    /** The sample post whose caption says nothing and whose picture (a poster on the demo site) campaigns gives an alert. */
    private static void showsTheSamplePosterAlertPointingAtThePicture(LocalStack stack) {
        assertThat(stack.mediaOff()).as("the media stage runs (Tesseract is installed by .ci/run)").isNull();
        await().atMost(Duration.ofSeconds(90)).until(() -> stack.alerts().feed().list(Severity.LOW, 10_000).stream()
                .anyMatch(a -> a.postId().equals("DCposter02")));
        id.netra.model.Alert poster = stack.alerts().feed().list(Severity.LOW, 10_000).stream().filter(a -> a.postId().equals("DCposter02"))
                .findFirst().orElseThrow();
        assertThat(poster.severity()).isEqualTo(Severity.HIGH);
        assertThat(poster.candidates()).extracting(id.netra.model.Alert.CandidateMatch::number).containsExactly(2);
        assertThat(poster.evidence()).allSatisfy(e -> {
            assertThat(e.field()).isEqualTo("media[0].ocr");
            assertThat(e.boxes()).isNotEmpty();
        });
        assertThat(poster.mediaText().items().getFirst().sha256()).hasSize(64);
    }

    /** The case list's form reaches ingest with its token, the analyst as reporter; ingest itself wants the token. */
    private static void reportsAPostAddressFromTheCaseListToIngest(LocalStack stack) throws Exception {
        java.net.http.HttpClient web = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String base = "http://127.0.0.1:" + stack.alerts().port();
        web.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("name=analis&password=" + java.net.URLEncoder.encode(
                        stack.demoUsers().get("analis"), java.nio.charset.StandardCharsets.UTF_8))).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        String csrf = id.netra.model.Json.mapper().readTree(web.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/session")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body()).get("csrfToken").asText();
        // A documentation address: refused by ingest's guard when fetched, so nothing leaves the machine.
        String url = "https://192.0.2.10/berita/1";

        var reported = web.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/kasus/laporkan"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "url=" + java.net.URLEncoder.encode(url, java.nio.charset.StandardCharsets.UTF_8) + "&csrf="
                                + java.net.URLEncoder.encode(csrf, java.nio.charset.StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(202);
        String ingest = "http://127.0.0.1:" + stack.ingest().httpPort() + "/api/reports";
        assertThat(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(ingest)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        var reports = id.netra.model.Json.mapper().readTree(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(ingest)).header("Authorization", "Bearer " + stack.ingestToken()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body()).get("reports");
        assertThat(reports).anySatisfy(r -> {
            assertThat(r.get("url").asText()).isEqualTo(url);
            assertThat(r.get("reportedBy").asText()).isEqualTo("analis");
        });
    }

    private static int login(int port, String name, String password) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("name=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                        + "&password=" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
