package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.alerts.AlertsApp;
import id.netra.alerts.auth.Jurisdiction;
import id.netra.alerts.auth.PasswordHash;
import id.netra.alerts.auth.Role;
import id.netra.alerts.auth.User;
import id.netra.alerts.auth.UsersFile;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Account;
import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.Author;
import id.netra.model.Json;
import id.netra.model.JsonSerde;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.Regions;
import id.netra.model.Severity;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts service's heap does not grow with the history: with 96 MiB it reads 40,000 alerts of about 2 KB of text
 * each (some 3 KB each as objects: well over the heap, had the feed kept them as it once did), and a LOW one among
 * them is found by its words.
 */
class AlertsHeapIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "kata-sandi-uji";
    private static final int ALERTS = 40_000;
    private static final String FILLER = "Ayo coblos nomor 3 untuk Metro yang lebih baik, bersama kita bisa. ".repeat(30);

    @TempDir
    Path dir;

    @Test
    void readsAHistoryLargerThanItsHeapAndFindsALowAlertInIt() throws Exception {
        String alerts = KAFKA.uniqueName("alerts");
        KAFKA.createTopic(alerts, 3, Map.of());
        Map<String, String> topics = Map.of("alert-events", KAFKA.uniqueName("alert-events"), "audit-log", KAFKA.uniqueName("audit-log"),
                "alerts-sessions", KAFKA.uniqueName("alerts-sessions"));
        topics.values().forEach(t -> KAFKA.createTopic(t, 1, Map.of()));
        JsonSerde<Alert> serde = new JsonSerde<>(Alert.class);
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262_144), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < ALERTS; i++) {
                Alert a = alert(i, i == ALERTS / 2 ? " kata-langka-tujuh" : "");
                p.send(new ProducerRecord<>(alerts, a.id(), serde.serialize(alerts, a)));
            }
        }
        Path users = dir.resolve("users.yml");
        UsersFile.write(users, List.of(new User("ani", Role.ANALYST, Jurisdiction.parse("national", Regions.bundled()),
                PasswordHash.hash(PASSWORD.toCharArray(), 1000), null)));
        int port = ChildJvm.freePort();
        Path props = Files.writeString(dir.resolve("alerts.properties"), String.join("\n",
                "kafka.bootstrap.servers=" + KAFKA.bootstrapServers(), "http.host=127.0.0.1", "http.port=" + port,
                "alerts.topic=" + alerts, "alerts.events-topic=" + topics.get("alert-events"), "alerts.audit-topic=" + topics.get("audit-log"),
                "alerts.sessions-topic=" + topics.get("alerts-sessions"), "alerts.users=" + users, "alerts.state-dir=" + dir.resolve("state"), ""));

        try (ChildJvm service = ChildJvm.withHeap("96m", AlertsApp.class, dir.resolve("alerts.log"), props.toString())) {
            await().atMost(Duration.ofSeconds(180)).ignoreExceptions().until(() -> {
                assertThat(service.process().isAlive()).as("the alerts service runs; log:%n%s", service.log()).isTrue();
                return get(port, "/ready", null).statusCode() == 200;
            });
            String cookie = login(port);
            JsonNode found = Json.mapper().readTree(get(port, "/api/alerts?minSeverity=LOW&q=kata-langka-tujuh", cookie).body());

            assertThat(found).hasSize(1);
            assertThat(found.get(0).path("postId").asText()).isEqualTo("h" + ALERTS / 2);
            assertThat(service.process().isAlive()).isTrue();
            assertThat(service.log()).doesNotContain("OutOfMemoryError");
        }
    }

    private static Alert alert(int i, String extra) {
        String nip = String.format("1985010120%08d", i);
        AsnRecord asn = new AsnRecord(nip, "ASN " + i, "Pemerintah Kota Metro", "Dinas Pendidikan", "Guru", "18.72", "Atasan",
                "atasan@example.go.id", List.of(Account.parse("x:asn" + i)));
        Post post = new Post(Platform.X, "h" + i, URI.create("https://x.com/u/status/h" + i), new Author("asn" + i, asn.name()),
                FILLER + i + extra, OffsetDateTime.parse("2024-11-01T10:00:00+07:00").plusSeconds(i), PostKind.POST);
        return new Alert(Alert.idFor(post.key(), "w1", "r1"), Platform.X, post.postId(), nip, Severity.LOW, "watchlist-term", "Istilah pantauan.",
                null, post, asn, List.of(), List.of(), List.of(), "w1", "r1", "cues-v2");
    }

    private static String login(int port) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=ani&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    private static HttpResponse<String> get(int port, String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
