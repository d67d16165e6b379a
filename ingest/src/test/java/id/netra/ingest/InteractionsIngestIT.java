package id.netra.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.ingest.http.HttpPolicy;
import id.netra.model.Candidate;
import id.netra.model.Election;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.SourceCursor;
import id.netra.model.Topic;
import id.netra.model.Topics;
import id.netra.model.Watchlist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Mastodon interactions source in the ingest service on a real broker: the accounts it watches follow the
 * published watchlist without a restart, and a service stopped in the middle of a run (its harvest uncommitted) is
 * followed by one that emits every interaction exactly once, its per-account positions committed with the posts.
 */
class InteractionsIngestIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final int ALL = 5 + 2 + 84;
    private static final String TOKEN = "interactions-it-token-0123456789abcdef";

    private FakeMastodon mastodon;

    @AfterEach
    void stop() {
        if (mastodon != null) {
            mastodon.close();
        }
    }

    private void startMastodon() {
        mastodon = new FakeMastodon();
        mastodon.reblog("110001", 0).reblog("110001", 1).favourite("110001", 0);
        IntStream.rangeClosed(3, 85).forEach(i -> mastodon.favourite("110001", i));
    }

    @Test
    void watchesTheCampaignAccountsOfTheWatchlistInForceWithoutARestart(@TempDir Path dir) throws Exception {
        startMastodon();
        IngestTopics topics = IngestKit.topics(KAFKA, "follow");
        Topic<String, Watchlist> watchlist = watchlistTopic("follow");
        publish(watchlist, watchlist("it-v1", List.of("x:WahyuAnisa03")));

        try (IngestService service = new IngestService(config(dir, topics, watchlist, 1000))) {
            service.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> "it-v1".equals(details(service).get("watchlistVersion")));
            assertThat(details(service)).containsEntry("watching", "");
            assertThat(mastodon.requests()).noneMatch(r -> r.contains("/accounts/"));

            publish(watchlist, watchlist("it-v2", List.of("x:WahyuAnisa03", "mastodon:wahyuanisa03@warga.example", "mastodon:lain@other.example")));
            await().atMost(Duration.ofSeconds(60)).until(() -> IngestKit.readAll(KAFKA, topics.posts()).size() == ALL);
            assertThat(details(service)).containsEntry("watching", "wahyuanisa03@warga.example")
                    .containsEntry("onOtherInstances", "lain@other.example");

            publish(watchlist, watchlist("it-v3", List.of()));
            await().atMost(Duration.ofSeconds(30)).until(() -> "it-v3".equals(details(service).get("watchlistVersion")));
            int asked = mastodon.requests().size();
            awaitRuns(service, 2);
            assertThat(mastodon.requests().subList(asked, mastodon.requests().size())).as("a dropped account is not asked any more")
                    .noneMatch(r -> r.contains("/statuses"));
            assertThat(details(service)).containsEntry("watching", "");
        }
        assertThat(IngestKit.readAll(KAFKA, topics.posts())).extracting(ConsumerRecord::key).doesNotHaveDuplicates().hasSize(ALL);
    }

    @Test
    void aServiceStoppedInTheMiddleOfARunIsFollowedByOneThatRepeatsAndSkipsNothing(@TempDir Path dir) throws Exception {
        startMastodon();
        IngestTopics topics = IngestKit.topics(KAFKA, "restart");
        Topic<String, Watchlist> watchlist = watchlistTopic("restart");
        publish(watchlist, watchlist("it-v1", List.of("mastodon:wahyuanisa03@warga.example")));
        // The second run stops at this request, with four likes of the first status collected and not committed.
        CountDownLatch hang = mastodon.hang("/api/v1/statuses/110002/context");
        IngestConfig config = config(dir, topics, watchlist, 40);

        try (IngestService first = new IngestService(config)) {
            first.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> mastodon.requests().stream()
                    .anyMatch(r -> r.startsWith("/api/v1/statuses/110002/context")));
        }
        List<ConsumerRecord<String, Post>> before = IngestKit.readAll(KAFKA, topics.posts());
        assertThat(before).as("the first run's 40 and more, committed").hasSizeBetween(40, ALL - 1);
        hang.countDown();

        try (IngestService second = new IngestService(config)) {
            second.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> IngestKit.readAll(KAFKA, topics.posts()).size() >= ALL
                    && lastPositions(topics).keySet().stream().anyMatch(k -> k.startsWith("likes:")));
            awaitRuns(second, 2);
        }

        List<ConsumerRecord<String, Post>> posts = IngestKit.readAll(KAFKA, topics.posts());
        assertThat(posts).extracting(ConsumerRecord::key).doesNotHaveDuplicates().hasSize(ALL);
        assertThat(posts).filteredOn(r -> r.value().kind() == PostKind.REACTION).hasSize(84);
        assertThat(posts).allSatisfy(r -> assertThat(r.value().provenance().sourceId()).isEqualTo("warga"));
        assertThat(IngestKit.readAll(KAFKA, topics.captures())).hasSize(ALL);
        assertThat(IngestKit.readAll(KAFKA, topics.deadLetters())).singleElement()
                .satisfies(r -> assertThat(r.value().reason()).contains("invalid created_at"));
        assertThat(lastPositions(topics)).containsEntry("account-id:wahyuanisa03@warga.example", "1001")
                .hasEntrySatisfying("likes:wahyuanisa03@warga.example:110001", v -> assertThat(v).matches("since=\\d+"));
    }

    @Test
    void collectsYouTubeCommentsWithAKeyFromAFileAndShowsTheQuotaUsedAtApiSources(@TempDir Path dir) throws Exception {
        IngestTopics topics = IngestKit.topics(KAFKA, "youtube");
        Topic<String, Watchlist> watchlist = watchlistTopic("youtube");
        publish(watchlist, watchlist("it-v1", List.of("youtube:@wahyuanisa03")));
        Path key = Files.writeString(dir.resolve("youtube.key"), FakeYouTube.KEY + "\n");
        try (FakeYouTube youtube = new FakeYouTube()) {
            Path yml = Files.writeString(dir.resolve("sources.yml"), """
                    sources:
                      - id: kanal
                        type: youtube
                        api: %s
                        apiKeyFile: %s
                        watchlistTopic: %s
                        interval: 1h
                        minDelay: 5ms
                        allowPrivate: true
                    """.formatted(youtube.api(), key, watchlist.name()));
            IngestConfig config = new IngestConfig(yml, List.of(), Duration.ofSeconds(5), "127.0.0.1", 0, "news-article", false,
                    HttpPolicy.defaults(), topics, IngestKit.kafka(KAFKA), IngestApi.withToken(TOKEN));
            try (IngestService service = new IngestService(config)) {
                service.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> IngestKit.readAll(KAFKA, topics.posts()).size() == 13);
                await().atMost(Duration.ofSeconds(30)).until(() -> "9".equals(sourcesJson(service).path("details").path("quotaUnitsUsed").asText()));
                com.fasterxml.jackson.databind.JsonNode health = sourcesJson(service);
                assertThat(health.path("details").path("commentsDisabled").asText()).isEqualTo("kMp1aNy3A02");
                assertThat(health.path("details").path("watching").asText()).isEqualTo("@wahyuanisa03");
                assertThat(health.path("lastError").asText()).contains("video kMp1aNy3A03 not found");
            }
        }
        List<ConsumerRecord<String, Post>> posts = IngestKit.readAll(KAFKA, topics.posts());
        assertThat(posts).allSatisfy(r -> assertThat(r.value().provenance().requestUrl().toString())
                .contains("key=REDACTED").doesNotContain(FakeYouTube.KEY));
        assertThat(IngestKit.readAll(KAFKA, topics.captures())).hasSize(13).allSatisfy(r -> assertThat(r.value().requestUrl() + " "
                + r.value().finalUrl()).doesNotContain(FakeYouTube.KEY));
        assertThat(IngestKit.readAll(KAFKA, topics.cursors()).getLast().value().positions()).containsEntry("quota-used", "9")
                .doesNotContainValue(FakeYouTube.KEY);
    }

    private static com.fasterxml.jackson.databind.JsonNode sourcesJson(IngestService service) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + service.httpPort() + "/api/sources")).header("Authorization", "Bearer " + TOKEN).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        for (com.fasterxml.jackson.databind.JsonNode s : id.netra.model.Json.mapper().readTree(r.body()).path("sources")) {
            if (s.path("id").asText().equals("kanal")) {
                return s;
            }
        }
        throw new AssertionError("no source kanal in " + r.body());
    }

    private IngestConfig config(Path dir, IngestTopics topics, Topic<String, Watchlist> watchlist, int maxPerRun) throws Exception {
        Path yml = Files.writeString(dir.resolve("sources.yml"), """
                sources:
                  - id: warga
                    type: mastodon-interactions
                    instance: %s
                    watchlistTopic: %s
                    interval: 300ms
                    maxPerRun: %d
                    minDelay: 5ms
                    allowPrivate: true
                """.formatted(mastodon.uri(), watchlist.name(), maxPerRun));
        return new IngestConfig(yml, List.of(), Duration.ofSeconds(5), "127.0.0.1", -1, "news-article", false,
                HttpPolicy.defaults(), topics, IngestKit.kafka(KAFKA));
    }

    private static Topic<String, Watchlist> watchlistTopic(String test) {
        Topic<String, Watchlist> t = Topics.WATCHLIST.withName(KAFKA.uniqueName(test) + "-watchlist");
        KAFKA.createTopic(t.name(), t.partitions(), t.configs());
        return t;
    }

    private static Watchlist watchlist(String version, List<String> accounts) {
        Candidate pair = new Candidate("metro-03", 3, List.of("Wahyu Nugroho", "Anisa Putri"), List.of("Mas Wahyu"), List.of("WANI"),
                List.of(), List.of(), accounts);
        return new Watchlist(version, List.of(), List.of(new Election("pilwalkot-metro-2024", "18.72", "Wali Kota",
                LocalDate.parse("2024-11-27"), List.of(pair))));
    }

    private static void publish(Topic<String, Watchlist> topic, Watchlist w) {
        try (KafkaProducer<String, Watchlist> p = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), topic.valueSerde().serializer())) {
            p.send(new ProducerRecord<>(topic.name(), w.version(), w));
        }
    }

    private static Map<String, String> details(IngestService service) {
        return service.health().stream().filter(h -> h.id().equals("warga")).findFirst().orElseThrow().details();
    }

    /** Waits until the source has started {@code n} more runs. */
    private static void awaitRuns(IngestService service, int n) {
        for (int i = 0; i < n; i++) {
            java.time.Instant last = lastRun(service);
            await().atMost(Duration.ofSeconds(30)).until(() -> lastRun(service) != null && !lastRun(service).equals(last));
        }
    }

    private static java.time.Instant lastRun(IngestService service) {
        return service.health().stream().filter(h -> h.id().equals("warga")).findFirst().orElseThrow().lastRun();
    }

    private static Map<String, String> lastPositions(IngestTopics topics) {
        List<ConsumerRecord<String, SourceCursor>> cursors = IngestKit.readAll(KAFKA, topics.cursors());
        return cursors.isEmpty() ? Map.of() : cursors.getLast().value().positions();
    }
}
