package id.netra.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Author;
import id.netra.model.Capture;
import id.netra.model.DeadLetter;
import id.netra.model.JsonSerde;
import id.netra.model.Media;
import id.netra.model.MediaText;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import io.javalin.Javalin;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The media stage on a real broker, its pictures served by a local HTTP server: a poster is read into words with boxes
 * and captured with its SHA-256; a corrupt, a huge, an animated picture and a page served as a picture are refused to
 * {@code posts-dlq} with the reason, and the stage reads the good picture that comes after them.
 */
class MediaStageIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    static Javalin site;
    static final byte[] POSTER = TestPictures.poster();

    @BeforeAll
    static void serve() {
        site = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        site.get("/poster.png", ctx -> ctx.contentType("image/png").result(POSTER));
        site.get("/corrupt.png", ctx -> ctx.contentType("image/png").result(TestPictures.corrupt()));
        site.get("/huge.png", ctx -> ctx.contentType("image/png").result(TestPictures.huge()));
        site.get("/animated.gif", ctx -> ctx.contentType("image/gif").result(TestPictures.animatedGif()));
        site.get("/page.jpg", ctx -> ctx.contentType("text/html").result(TestPictures.html()));
        site.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        site.stop();
    }

    static Post post(String id, String... pictures) {
        List<Media> media = new ArrayList<>();
        for (String p : pictures) {
            media.add(new Media(Media.Type.IMAGE, URI.create("http://127.0.0.1:" + site.port() + "/" + p), null));
        }
        return new Post(Platform.INSTAGRAM, id, URI.create("https://www.instagram.com/p/" + id + "/"), new Author("budi_s", null), "Semangat pagi",
                OffsetDateTime.parse("2024-11-12T19:05:00+07:00"), PostKind.POST, null, null, media);
    }

    @Test
    void readsAPosterAndRefusesBadPicturesToTheDeadLetterTopicAndGoesOn() throws Exception {
        String n = KAFKA.uniqueName("m");
        String posts = "posts-" + n;
        String mediaText = "media-text-" + n;
        String captures = "captures-" + n;
        String dlq = "dlq-" + n;
        for (String t : List.of(posts, mediaText, captures, dlq)) {
            KAFKA.createTopic(t, 1, Map.of());
        }
        MediaConfig config = MediaConfig.defaults(KAFKA.bootstrapServers()).withTopics(posts, mediaText, captures, dlq).withGroupId("media-" + n)
                .withHttp(MediaConfig.defaults("unused:9092").http().withMinDelay(Duration.ZERO).withAllowPrivate(true));
        List<Post> sent = List.of(post("P1", "poster.png"), post("P2", "corrupt.png", "huge.png"), post("P3", "animated.gif", "page.jpg"),
                post("P4", "poster.png"));
        try (MediaService stage = new MediaService(config);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                     new StringSerializer(), new ByteArraySerializer())) {
            stage.start();
            JsonSerde<Post> serde = new JsonSerde<>(Post.class);
            producer.send(new ProducerRecord<>(posts, "x:plain", serde.serialize(posts, new Post(Platform.X, "plain", URI.create("https://x.com/a/status/1"),
                    new Author("a", null), "no pictures", OffsetDateTime.parse("2024-11-12T19:05:00+07:00"), PostKind.POST)))).get();
            producer.send(new ProducerRecord<>(posts, "x:bad", "{not json".getBytes(StandardCharsets.UTF_8))).get();
            for (Post p : sent) {
                producer.send(new ProducerRecord<>(posts, p.key(), serde.serialize(posts, p))).get();
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> read(mediaText, MediaText.class).size() == 4);
            assertThat(stage.health().ready().up()).isTrue();
        }

        List<MediaText> texts = read(mediaText, MediaText.class);
        assertThat(texts).extracting(MediaText::postKey).containsExactly("instagram:P1", "instagram:P2", "instagram:P3", "instagram:P4");
        for (MediaText good : List.of(texts.get(0), texts.get(3))) {
            MediaText.Item item = good.items().getFirst();
            assertThat(item.status()).isEqualTo(MediaText.Status.READ);
            assertThat(item.text()).contains("COBLOS").contains("Hendra Wijaya");
            assertThat(item.sha256()).isEqualTo(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(POSTER)));
            assertThat(item.width()).isEqualTo(800);
            MediaText.Word coblos = item.words().stream().filter(w -> item.text().substring(w.start(), w.end()).equals("COBLOS")).findFirst().orElseThrow();
            assertThat(coblos.box().width()).isPositive();
            assertThat(coblos.box().x() + coblos.box().width()).isLessThanOrEqualTo(800);
            assertThat(coblos.confidence()).isBetween(30.0, 100.0);
            assertThat(good.engine()).startsWith("tesseract ").endsWith("ind+eng");
        }
        assertThat(texts.get(1).items()).extracting(MediaText.Item::status).containsExactly(MediaText.Status.REFUSED, MediaText.Status.REFUSED);
        assertThat(texts.get(2).items()).extracting(MediaText.Item::status).containsExactly(MediaText.Status.REFUSED, MediaText.Status.REFUSED);

        List<DeadLetter> dead = read(dlq, DeadLetter.class);
        assertThat(dead).extracting(DeadLetter::source).containsOnly("media");
        assertThat(dead).extracting(DeadLetter::key).containsExactly("instagram:P2", "instagram:P2", "instagram:P3", "instagram:P3");
        assertThat(dead).extracting(DeadLetter::reason).satisfiesExactly(
                r -> assertThat(r).contains("media[0]").contains("corrupt.png").contains("corrupt png"),
                r -> assertThat(r).contains("media[1]").contains("60000x60000").contains("exceeds"),
                r -> assertThat(r).contains("animated GIF"),
                r -> assertThat(r).contains("not a picture").contains("text/html"));
        assertThat(dead.getFirst().origin()).startsWith(posts + "-0@").endsWith("media[0]");

        List<Capture> pictures = read(captures, Capture.class);
        assertThat(pictures).allSatisfy(c -> assertThat(c.sourceId()).isEqualTo("media"));
        assertThat(pictures).filteredOn(c -> c.requestUrl().getPath().equals("/poster.png")).hasSize(2)
                .allSatisfy(c -> assertThat(c.sha256()).isEqualTo(texts.getFirst().items().getFirst().sha256()));
    }

    static <T> List<T> read(String topic, Class<T> type) {
        JsonSerde<T> serde = new JsonSerde<>(type);
        Function<ConsumerRecord<String, byte[]>, T> value = r -> serde.deserialize(topic, r.value());
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<T> out = new ArrayList<>();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.add(value.apply(r)));
            }
            return out;
        }
    }
}
