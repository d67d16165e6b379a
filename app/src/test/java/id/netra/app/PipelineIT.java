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
import id.netra.model.DeadLetter;
import id.netra.model.Json;
import id.netra.model.JsonSerde;
import id.netra.model.RegistryCsv;
import id.netra.model.Settings;
import id.netra.model.Topics;
import id.netra.model.WatchlistFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole path on a real broker: a JSONL file -> ingest -> posts -> classifier -> alerts -> GET /api/alerts. */
class PipelineIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Set<String> GOOD_POSTS = Set.of("x:1850000000000000101", "facebook:5100000000000102",
            "tiktok:7420000000000000103", "x:1850000000000000104", "instagram:C8xYzAbCdEf");

    private static final HttpClient HTTP = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();

    @Test
    void flagsTheCampaigningAsnAndDeadLettersTheCorruptRecords(@TempDir Path dir) throws Exception {
        Map<String, Object> kafka = Map.of("bootstrap.servers", KAFKA.bootstrapServers());
        Topics.createMissing(KAFKA.admin());
        Publisher publisher = new Publisher(kafka);
        publisher.publishRegistry(RegistryCsv.read(fixture(dir, "registry.csv")).records());
        publisher.publishWatchlist(WatchlistFiles.read(fixture(dir, "watchlist.json")));
        Path posts = fixture(dir, "posts.jsonl");
        Path usersFile = dir.resolve("users.yml");
        String password = UsersFile.writeDemo(usersFile).get("analis");

        ClassifierConfig classifierConfig = ClassifierConfig.from(Settings.of(Map.of(
                Settings.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers(),
                "classifier.state-dir", dir.resolve("streams").toString())));
        try (ClassifierService classifier = new ClassifierService(classifierConfig);
             AlertsService alerts = new AlertsService(new AlertsConfig("127.0.0.1", 0, Topics.ALERTS, kafka)
                     .withAuth(AuthConfig.defaults().withUsersFile(usersFile)));
             IngestService ingest = new IngestService(IngestConfig.jsonl(posts, Duration.ofMillis(100), 1000,
                     IngestTopics.defaults(), kafka))) {
            classifier.start();
            alerts.start();
            login(alerts, "analis", password);
            await().atMost(Duration.ofSeconds(60)).until(() -> classifier.registryAccounts(4) == 4);
            ingest.start();
            produceCorruptPost();

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    assertThat(alertPostIds(alerts)).containsExactly("5100000000000102", "1850000000000000101"));

            JsonNode first = Json.mapper().readTree(get(alerts, "/api/alerts")).get(1);
            assertThat(first.get("nip").asText()).as("a list masks NIPs").isEqualTo("19820315********02");
            assertThat(Json.mapper().readTree(get(alerts, "/api/alerts/" + first.get("id").asText())).get("nip").asText())
                    .as("the audited single view of an analyst shows it whole").isEqualTo("198203152006041002");
            assertThat(first.get("severity").asText()).isEqualTo("HIGH");
            assertThat(first.get("watchlistVersion").asText()).isEqualTo("it-2024.10.01");
            assertThat(first.get("candidates").get(0).get("candidateId").asText()).isEqualTo("madiun-01");
            String text = first.get("post").get("text").asText();
            for (JsonNode e : first.get("evidence")) {
                assertThat(text.substring(e.get("start").asInt(), e.get("end").asInt())).isEqualTo(e.get("text").asText());
            }

            // The evidence of each alert, as ingest and the classifier wrote it, checks out, found where the partitioner put it.
            for (JsonNode alert : Json.mapper().readTree(get(alerts, "/api/alerts"))) {
                NetraCliTest.Run verified = NetraCliTest.run("verify", alert.get("id").asText(), "-b", KAFKA.bootstrapServers());
                assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
                assertThat(verified.out()).contains("recorded  " + alert.get("post").get("provenance").get("payloadSha256").asText())
                        .endsWith("MATCH\n\n");
                assertThat(verified.err()).doesNotContain("other partitions");
            }

            List<DeadLetter> dead = readAll(Topics.POSTS_DLQ.name(), 2).stream()
                    .map(v -> new JsonSerde<>(DeadLetter.class).deserialize("", v)).toList();
            assertThat(dead).extracting(DeadLetter::source).containsExactlyInAnyOrder("ingest:inbox", "classifier");
            assertThat(dead).filteredOn(d -> d.source().startsWith("ingest")).singleElement()
                    .satisfies(d -> assertThat(d.origin()).isEqualTo("posts.jsonl:5"));

            Set<String> keys = new HashSet<>();
            readAllKeys(Topics.POSTS.name(), GOOD_POSTS.size() + 1).forEach(keys::add);
            assertThat(keys).containsAll(GOOD_POSTS);
        }
    }

    private static Path fixture(Path dir, String name) throws IOException {
        try (InputStream in = PipelineIT.class.getResourceAsStream("/pipeline/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    private static void produceCorruptPost() {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.POSTS.name(), "x:corrupt", "{\"platform\":\"x\",\"postId\":".getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static List<String> alertPostIds(AlertsService alerts) throws Exception {
        List<String> ids = new ArrayList<>();
        Json.mapper().readTree(get(alerts, "/api/alerts")).forEach(n -> ids.add(n.get("postId").asText()));
        return ids;
    }

    private static void login(AlertsService alerts, String name, String password) throws Exception {
        int status = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alerts.port() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + name + "&password=" + password)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(status).as("login of " + name).isEqualTo(303);
    }

    private static String get(AlertsService alerts, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alerts.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static List<byte[]> readAll(String topic, int atLeast) {
        List<byte[]> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = consumer(topic)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
                return out.size() >= atLeast;
            });
        }
        return out;
    }

    private static List<String> readAllKeys(String topic, int atLeast) {
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = consumer(topic)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.key()));
                return out.size() >= atLeast;
            });
        }
        return out;
    }

    private static KafkaConsumer<String, byte[]> consumer(String topic) {
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, KAFKA.uniqueName("check"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(topic));
        return c;
    }
}
