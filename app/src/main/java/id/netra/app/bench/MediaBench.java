package id.netra.app.bench;

import id.netra.classifier.ClassifierConfig;
import id.netra.classifier.ClassifierService;
import id.netra.embedded.EmbeddedKafka;
import id.netra.media.MediaConfig;
import id.netra.media.MediaService;
import id.netra.media.OcrThroughput;
import id.netra.media.Posters;
import id.netra.model.Account;
import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.Author;
import id.netra.model.Candidate;
import id.netra.model.Election;
import id.netra.model.JsonSerde;
import id.netra.model.Media;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.Settings;
import id.netra.model.Topics;
import id.netra.model.Watchlist;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
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

/**
 * {@code netra bench --only media}: (m) pictures read per second by the media stage's reading (decode, checks,
 * straightening, Tesseract) at 1080 px, on one thread and on one per core; (ml) the feed's latency, from a post's record
 * on {@code posts} to its alert on {@code alerts} (read_committed), on an embedded broker with the classifier: posts
 * whose words campaign without the media stage, the same with the media stage running and reading the pictures of other
 * posts, and posts whose only campaigning is a poster (a bland caption), which wait for their picture's text.
 */
final class MediaBench {
    private static final Instant DAY = Instant.parse("2024-11-12T01:00:00Z");

    private MediaBench() {
    }

    static void run(PrintWriter out, Path base, int pictures, int feedPosts) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<byte[]> posters = OcrThroughput.posters(pictures, 7);
        OcrThroughput.Result one = OcrThroughput.run(posters, 1, 4);
        out.printf("(m) %s: %d posters of 1080x1350 read on 1 thread in %.1f s = %.2f pictures/s per core (p50 %.0f ms, p95 %.0f ms, %d words)%n",
                one.engine(), one.pictures(), one.seconds(), one.picturesPerSecond(), one.millisAt(0.5), one.millisAt(0.95), one.words());
        OcrThroughput.Result all = OcrThroughput.run(posters, cores, 4);
        out.printf("(m) the same on %d threads: %.1f s = %.2f pictures/s, %.2f per core (p50 %.0f ms, p95 %.0f ms)%n", cores, all.seconds(),
                all.picturesPerSecond(), all.picturesPerSecond() / cores, all.millisAt(0.5), all.millisAt(0.95));
        out.flush();
        latency(out, base, feedPosts);
    }

    /** (ml): three runs of {@code n} posts each at two posts per second. */
    private static void latency(PrintWriter out, Path base, int n) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        byte[] poster = Posters.png(List.of("COBLOS NOMOR 2", "Rizal Fahmi - Nurul Kartika", "Metro Berseri"), Posters.Style.clean());
        Javalin site = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        byte[] neutral = Posters.png(List.of("SELAMAT PAGI", "Taman Kota Metro"), Posters.Style.clean());
        site.get("/p/{n}.png", ctx -> ctx.contentType("image/png").result(poster));
        site.get("/n/{n}.png", ctx -> ctx.contentType("image/png").result(neutral));
        site.start("127.0.0.1", 0);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(base.resolve("media-kafka"), port);
             Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
            Topics.createMissing(admin);
            Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers());
            Watchlist w = new Watchlist("bench-media", List.of(), List.of(new Election("pilwalkot-metro-2024", "18.72", "Wali Kota",
                    LocalDate.parse("2024-11-27"), List.of(new Candidate("metro-02", 2, List.of("Rizal Fahmi", "Nurul Kartika"), List.of(),
                            List.of("RizalKartika"), List.of("Metro Berseri"), List.of())))));
            AsnRecord asn = new AsnRecord("198607142010012014", "Bench ASN", "Pemerintah Kota Metro", "Dinas", "Guru", "18.72", "Atasan",
                    "atasan@example.go.id", List.of(Account.parse("instagram:bench.asn")));
            try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
                p.send(new ProducerRecord<>(Topics.WATCHLIST.name(), null, DAY.minus(Duration.ofDays(30)).toEpochMilli(), w.version(),
                        new JsonSerde<>(Watchlist.class).serialize("", w))).get();
                p.send(new ProducerRecord<>(Topics.REGISTRY.name(), asn.nip(), new JsonSerde<>(AsnRecord.class).serialize("", asn))).get();
            }
            ClassifierConfig config = ClassifierConfig.from(Settings.of(Map.of(Settings.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                    "classifier.state-dir", base.resolve("media-classifier").toString())));
            MediaConfig mediaConfig = MediaConfig.defaults(kafka.bootstrapServers());
            mediaConfig = mediaConfig.withHttp(mediaConfig.http().withMinDelay(Duration.ZERO).withAllowPrivate(true));
            String pictureBase = "http://127.0.0.1:" + site.port() + "/p/";
            try (ClassifierService classifier = new ClassifierService(config)) {
                classifier.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (classifier.registryAccounts(1) < 1 && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
                report(out, "(ml) words, no media stage", feed(props, n, i -> post("a" + i, "Ayo coblos Rizal Fahmi nomor 2!", null)));
                try (MediaService media = new MediaService(mediaConfig)) {
                    media.start();
                    String neutralBase = "http://127.0.0.1:" + site.port() + "/n/";
                    report(out, "(ml) words, media stage reading every other post's picture", feed(props, n, i -> i % 2 == 0
                            ? post("b" + i, "Ayo coblos Rizal Fahmi nomor 2!", null)
                            : post("c" + i, "Pemandangan pagi", neutralBase + i + ".png")));
                    report(out, "(ml) bland caption + poster, through the media stage", feed(props, n,
                            i -> post("d" + i, "Semangat pagi", pictureBase + "d" + i + ".png")));
                }
            }
        } finally {
            site.stop();
        }
    }

    private static Post post(String id, String text, String picture) {
        return new Post(Platform.INSTAGRAM, id, URI.create("https://www.instagram.com/p/" + id + "/"), new Author("bench.asn", null), text,
                DAY.atOffset(ZoneOffset.ofHours(7)), PostKind.POST, null, null,
                picture == null ? List.of() : List.of(new Media(Media.Type.IMAGE, URI.create(picture), null)));
    }

    /** Sends {@code n} posts at two per second; the latency of each post's alert (ms) by post key. */
    private static Map<String, Long> feed(Map<String, Object> props, int n, java.util.function.IntFunction<Post> make) throws Exception {
        Map<String, Long> sentAt = new HashMap<>();
        Map<String, Long> latency = new HashMap<>();
        JsonSerde<Post> posts = new JsonSerde<>(Post.class);
        JsonSerde<Alert> alerts = new JsonSerde<>(Alert.class);
        Map<String, Object> c = new HashMap<>(props);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.ALERTS.name()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            long next = System.nanoTime();
            int sent = 0;
            long until = Long.MAX_VALUE;
            while (System.nanoTime() < until) {
                if (sent < n && System.nanoTime() >= next) {
                    Post post = make.apply(sent++);
                    long now = System.currentTimeMillis();
                    sentAt.put(post.key(), now);
                    p.send(new ProducerRecord<>(Topics.POSTS.name(), null, now, post.key(), posts.serialize("", post)));
                    next += Duration.ofMillis(500).toNanos();
                    if (sent == n) {
                        until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                    }
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    Alert a = alerts.deserialize(r.topic(), r.value());
                    Long at = sentAt.get(a.post().key());
                    if (at != null && !a.post().postId().startsWith("c")) {
                        latency.putIfAbsent(a.post().key(), System.currentTimeMillis() - at);
                    }
                }
                if (sent == n && latency.size() >= expected(sentAt)) {
                    break;
                }
            }
        }
        return latency;
    }

    /** Every post but those with a neutral picture (which give no alert) expects one. */
    private static int expected(Map<String, Long> sentAt) {
        return (int) sentAt.keySet().stream().filter(k -> !k.startsWith("instagram:c")).count();
    }

    private static void report(PrintWriter out, String what, Map<String, Long> latency) {
        List<Long> ms = new ArrayList<>(latency.values());
        ms.sort(Long::compare);
        if (ms.isEmpty()) {
            out.printf("%s: no alert came%n", what);
        } else {
            out.printf("%s: %d alerts, latency p50 %d ms, p95 %d ms, max %d ms%n", what, ms.size(), ms.get(ms.size() / 2),
                    ms.get(Math.min(ms.size() - 1, (int) (ms.size() * 0.95))), ms.getLast());
        }
        out.flush();
    }
}
