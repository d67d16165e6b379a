package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.classifier.ClassifierConfig;
import id.netra.classifier.ClassifierService;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.media.MediaConfig;
import id.netra.media.MediaService;
import id.netra.media.Posters;
import id.netra.model.Alert;
import id.netra.model.Author;
import id.netra.model.Json;
import id.netra.model.JsonSerde;
import id.netra.model.Media;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.RegistryCsv;
import id.netra.model.ReplayReport;
import id.netra.model.Settings;
import id.netra.model.Topics;
import id.netra.model.WatchlistFiles;
import io.javalin.Javalin;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pictures end to end on a real broker: a registered ASN's post with a bland caption and a campaign poster (served by a
 * local HTTP server) becomes an alert that points at the picture and where in it; while the media stage is down a post
 * with pictures is decided without them after its wait, and again (its own alert id) once the stage has read them;
 * {@code netra verify} checks the picture captures and {@code netra replay} derives the same alerts from the topics.
 */
class PicturePipelineIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    static final byte[] POSTER = Posters.png(List.of("COBLOS NOMOR 1", "Arif Gunawan - Melati Kusuma", "Madiun Makin Maju"),
            new Posters.Style(1080, 1350, "SansSerif", true, 96, 3, 0.3, 7));

    @Test
    void aBlandCaptionWithACampaignPosterGivesAnAlertPointingAtThePicture(@TempDir Path dir) throws Exception {
        Topics.createMissing(KAFKA.admin());
        Map<String, Object> kafka = Map.of("bootstrap.servers", KAFKA.bootstrapServers());
        Publisher publisher = new Publisher(kafka);
        publisher.publishRegistry(RegistryCsv.read(NetraCliTest.fixture(dir, "registry.csv")).records());
        publisher.publishWatchlist(WatchlistFiles.read(NetraCliTest.fixture(dir, "watchlist.json")));
        Javalin site = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        site.get("/poster.png", ctx -> ctx.contentType("image/png").result(POSTER));
        site.start("127.0.0.1", 0);
        ClassifierConfig classifierConfig = ClassifierConfig.from(Settings.of(Map.of(Settings.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers(),
                "classifier.state-dir", dir.resolve("streams").toString(), "classifier.media-wait", "PT3S", "kafka.num.stream.threads", "1")));
        MediaConfig mediaConfig = MediaConfig.defaults(KAFKA.bootstrapServers());
        mediaConfig = mediaConfig.withHttp(mediaConfig.http().withMinDelay(Duration.ZERO).withAllowPrivate(true));
        String picture = "http://127.0.0.1:" + site.port() + "/poster.png";
        Post bland = post("301", "Semangat pagi semuanya", picture);
        Post worded = post("302", "Dukung terus Mas Arif!", picture);
        try (ClassifierService classifier = new ClassifierService(classifierConfig)) {
            classifier.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> classifier.registryAccounts(4) == 4);

            // The media stage is down: the worded post is decided without its picture once its wait is over.
            send(worded);
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts().size() == 1);
            Alert without = alerts().getFirst();
            assertThat(without.postId()).isEqualTo("302");
            assertThat(without.mediaText()).isNull();

            try (MediaService media = new MediaService(mediaConfig)) {
                media.start();
                send(bland);
                await().atMost(Duration.ofSeconds(90)).until(() -> alerts().size() == 3);
            }
        } finally {
            site.stop();
        }

        List<Alert> alerts = alerts();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(POSTER));
        Alert poster = alerts.stream().filter(a -> a.postId().equals("301")).findFirst().orElseThrow();
        assertThat(poster.id()).isEqualTo(Alert.idFor(bland.key(), poster.watchlistVersion(), poster.registryVersion()));
        assertThat(poster.severity()).isEqualTo(id.netra.model.Severity.HIGH);
        assertThat(poster.candidates()).extracting(Alert.CandidateMatch::candidateId).containsExactly("madiun-01");
        assertThat(poster.evidence()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.field()).isEqualTo("media[0].ocr");
            assertThat(e.boxes()).isNotEmpty().allSatisfy(b -> assertThat(b.x() + b.width()).isLessThanOrEqualTo(1080));
        });
        assertThat(poster.mediaText().items().getFirst().sha256()).isEqualTo(sha);
        Alert edit = alerts.stream().filter(a -> a.postId().equals("302") && a.mediaText() != null).findFirst().orElseThrow();
        assertThat(edit.id()).isEqualTo(Alert.idFor(worded.key() + "#media", edit.watchlistVersion(), edit.registryVersion()));
        assertThat(edit.evidence()).extracting(Alert.Evidence::field).containsNull().contains("media[0].ocr");

        analystSeesThePictureWithTheWordsBoxed(dir, poster);

        NetraCliTest.Run verified = NetraCliTest.run("verify", poster.id(), "--json", "-b", KAFKA.bootstrapServers());
        var report = Json.mapper().readTree(verified.out());
        assertThat(report.get("pictures").get(0).get("outcome").asText()).as(verified.out()).isEqualTo("MATCH");
        assertThat(report.get("pictures").get(0).get("computedSha256").asText()).isEqualTo(sha);

        NetraCliTest.Run replayed = NetraCliTest.run("replay", "-b", KAFKA.bootstrapServers(), "--from", "2024-11-01T00:00:00Z",
                "--to", "2024-11-30T00:00:00Z", "--run-id", "pictures", "--media-wait", "PT3S", "--report-dir", dir.resolve("reports").toString());
        assertThat(replayed.exitCode()).as(replayed.err()).isZero();
        ReplayReport r = Json.mapper().readValue(Files.readAllBytes(dir.resolve("reports").resolve("pictures.json")), ReplayReport.class);
        assertThat(r.counts().identical()).as(replayed.out() + Json.mapper().writeValueAsString(r.entries())).isEqualTo(3);
        assertThat(r.counts().changed() + r.counts().missing() + r.counts().added()).isZero();
    }

    /** The case page draws the picture from its capture with a box around each word that counted; the picture route serves it. */
    private static void analystSeesThePictureWithTheWordsBoxed(Path dir, Alert poster) throws Exception {
        Path usersFile = dir.resolve("users.yml");
        String password = id.netra.alerts.auth.UsersFile.writeDemo(usersFile).get("analis");
        java.net.http.HttpClient web = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        try (id.netra.alerts.AlertsService alerts = new id.netra.alerts.AlertsService(new id.netra.alerts.AlertsConfig("127.0.0.1", 0, Topics.ALERTS,
                Map.of("bootstrap.servers", KAFKA.bootstrapServers())).withAuth(id.netra.alerts.auth.AuthConfig.defaults().withUsersFile(usersFile)))) {
            alerts.start();
            String base = "http://127.0.0.1:" + alerts.port();
            web.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("name=analis&password=" + java.net.URLEncoder.encode(password,
                            java.nio.charset.StandardCharsets.UTF_8))).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            await().atMost(Duration.ofSeconds(30)).until(() -> casesOf(web, base).contains("/status/301\""));
            String caseId = null;
            for (var c : Json.mapper().readTree(web.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/api/cases")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body()).get("cases")) {
                if (c.get("url").asText().endsWith("/301")) {
                    caseId = c.get("id").asText();
                }
            }
            assertThat(caseId).isNotNull();
            String page = web.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/kasus/" + caseId)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            String picture = "/kasus/" + caseId + "/gambar/" + poster.id() + "/0";
            assertThat(page).contains("<svg").contains("href=\"" + picture + "\"").contains("class=\"evidence-box\"")
                    .contains("<mark>COBLOS");
            var box = poster.evidence().getFirst().boxes().getFirst();
            assertThat(page).contains("<rect class=\"evidence-box\" x=\"" + box.x() + "\" y=\"" + box.y() + "\"");
            var served = web.send(java.net.http.HttpRequest.newBuilder(URI.create(base + picture)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/png"));
            assertThat(served.body()).isEqualTo(POSTER);
            assertThat(web.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/kasus/" + caseId + "/gambar/" + poster.id() + "/7")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        }
    }

    private static String casesOf(java.net.http.HttpClient web, String base) throws Exception {
        return web.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/api/cases")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Post post(String id, String text, String picture) {
        return new Post(Platform.X, id, URI.create("https://x.com/Dimas_Prk/status/" + id), new Author("Dimas_Prk", null), text,
                OffsetDateTime.parse("2024-11-12T08:00:00+07:00"), PostKind.POST, null, null,
                List.of(new Media(Media.Type.IMAGE, URI.create(picture), "Foto")));
    }

    private static void send(Post p) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.POSTS.name(), p.key(), new JsonSerde<>(Post.class).serialize("", p))).get();
        }
    }

    private static List<Alert> alerts() {
        JsonSerde<Alert> serde = new JsonSerde<>(Alert.class);
        String topic = Topics.ALERTS.name();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<Alert> out = new ArrayList<>();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.add(serde.deserialize(topic, r.value())));
            }
            return out;
        }
    }
}
