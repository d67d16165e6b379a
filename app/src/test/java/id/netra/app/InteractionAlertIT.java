package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.alerts.AlertsConfig;
import id.netra.alerts.AlertsService;
import id.netra.alerts.auth.AuthConfig;
import id.netra.alerts.auth.UsersFile;
import id.netra.classifier.ClassifierConfig;
import id.netra.classifier.ClassifierService;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.ingest.IngestConfig;
import id.netra.ingest.IngestService;
import id.netra.ingest.IngestTopics;
import id.netra.ingest.http.HttpPolicy;
import id.netra.model.AsnRecord;
import id.netra.model.Json;
import id.netra.model.RegistryCsv;
import id.netra.model.Settings;
import id.netra.model.Topics;
import id.netra.model.WatchlistFiles;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interaction from a platform's API to an alert, on a real broker: the local Mastodon fixture that {@code netra up}
 * runs ({@link DemoMastodon}) has a status of the Kota Metro pair 03's campaign account (sample watchlist) with a
 * reply by a registered ASN (sample registry), a citizen's question and a citizen's favourite; the
 * {@code mastodon-interactions} source, following the published watchlist, collects them; the classifier flags the
 * ASN's reply for that pair, and the alert shows in the alerts app with its target. Nobody else is flagged.
 */
class InteractionAlertIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final HttpClient HTTP = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();

    @Test
    void aRegisteredAsnsReplyUnderACampaignAccountsStatusBecomesAnAlertNamingThePair(@TempDir Path dir) throws Exception {
        Map<String, Object> kafka = Map.of("bootstrap.servers", KAFKA.bootstrapServers());
        Topics.createMissing(KAFKA.admin());
        List<AsnRecord> registry;
        try (InputStream in = sample("registry.csv")) {
            registry = RegistryCsv.read(new InputStreamReader(in, StandardCharsets.UTF_8), "samples/registry.csv").records();
        }
        Path watchlist = dir.resolve("watchlist.json");
        try (InputStream in = sample("watchlist.json")) {
            Files.copy(in, watchlist);
        }
        Publisher publisher = new Publisher(kafka);
        publisher.publishRegistry(registry);
        publisher.publishWatchlist(WatchlistFiles.read(watchlist));
        long accounts = registry.stream().mapToLong(r -> r.accounts().size()).sum();
        Path usersFile = dir.resolve("users.yml");
        String password = UsersFile.writeDemo(usersFile).get("analis");

        try (DemoMastodon mastodon = DemoMastodon.start(0);
             ClassifierService classifier = new ClassifierService(ClassifierConfig.from(Settings.of(Map.of(
                     Settings.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers(), "classifier.state-dir", dir.resolve("streams").toString()))));
             AlertsService alerts = new AlertsService(new AlertsConfig("127.0.0.1", 0, Topics.ALERTS, kafka)
                     .withAuth(AuthConfig.defaults().withUsersFile(usersFile)))) {
            Path sources = Files.writeString(dir.resolve("sources.yml"), """
                    sources:
                      - id: warga-mastodon
                        type: mastodon-interactions
                        instance: http://127.0.0.1:%d
                        interval: 1m
                        minDelay: 10ms
                        allowPrivate: true
                    """.formatted(mastodon.port()));
            classifier.start();
            alerts.start();
            login(alerts, password);
            await().atMost(Duration.ofSeconds(60)).until(() -> classifier.registryAccounts(accounts) >= accounts);
            try (IngestService ingest = new IngestService(new IngestConfig(sources, List.of(), Duration.ofSeconds(5), "127.0.0.1", -1,
                    "news-article", false, HttpPolicy.defaults(), IngestTopics.defaults(), kafka))) {
                ingest.start();
                await().atMost(Duration.ofSeconds(90)).until(() -> !alerts(alerts).isEmpty());
                assertThat(ingest.health()).singleElement().satisfies(h -> {
                    assertThat(h.postsNew()).as("two replies and a favourite").isEqualTo(3);
                    assertThat(h.details()).containsEntry("watching", "wahyuanisa03@" + DemoMastodon.DOMAIN);
                });
                List<JsonNode> flagged = alerts(alerts);
                assertThat(flagged).hasSize(1);
                JsonNode single = Json.mapper().readTree(get(alerts, "/api/alerts/" + flagged.getFirst().path("id").asText()));
                assertThat(single.path("nip").asText()).as("the audited single view: Eko Wahyono").isEqualTo("198706032011011023");
            }
        }
    }

    private static List<JsonNode> alerts(AlertsService alerts) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JsonNode list = Json.mapper().readTree(get(alerts, "/api/alerts?minSeverity=LOW"));
        list.forEach(out::add);
        if (out.isEmpty()) {
            return out;
        }
        assertThat(out).as("only the ASN's reply is flagged").singleElement().satisfies(a -> {
            assertThat(a.path("platform").asText()).isEqualTo("mastodon");
            assertThat(a.path("postId").asText()).isEqualTo("113500000000000002");
            assertThat(a.path("nip").asText()).as("masked in lists").isEqualTo("19870603********23");
            assertThat(a.path("severity").asText()).isEqualTo("HIGH");
            assertThat(a.path("candidates").get(0).path("candidateId").asText()).isEqualTo("metro-03");
            assertThat(a.path("post").path("author").path("handle").asText()).isEqualTo("ekowahyono@warga.example");
            JsonNode interaction = a.path("interaction");
            assertThat(interaction.path("kind").asText()).isEqualTo("reply");
            assertThat(interaction.path("via").asText()).isEqualTo("campaign-account");
            assertThat(interaction.path("candidateId").asText()).isEqualTo("metro-03");
            assertThat(interaction.path("targetPostId").asText()).isEqualTo("113500000000000001");
            assertThat(interaction.path("owner").asText()).isEqualTo("wahyuanisa03@warga.example");
        });
        return out;
    }

    private static InputStream sample(String name) {
        return InteractionAlertIT.class.getResourceAsStream("/samples/" + name);
    }

    private static void login(AlertsService alerts, String password) throws Exception {
        int status = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alerts.port() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=analis&password=" + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(status).isEqualTo(303);
    }

    private static String get(AlertsService alerts, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alerts.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
