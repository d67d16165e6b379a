package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.classifier.ClassifierConfig;
import id.netra.classifier.ClassifierService;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Alert;
import id.netra.model.Author;
import id.netra.model.JsonSerde;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.RegistryCsv;
import id.netra.model.Settings;
import id.netra.model.Topics;
import id.netra.model.Watchlist;
import id.netra.model.WatchlistFiles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new watchlist version published while the classifier runs on a real broker: it takes over without a restart for
 * posts published after it, a post published before it is still judged with the old version however late it arrives,
 * and every post gets exactly one alert, none lost, none twice.
 */
class WatchlistSwitchIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final int HALF = 150;

    @Test
    void switchesToANewVersionForPostsPublishedAfterItWithoutLosingOrRepeatingAPost(@TempDir Path dir) throws Exception {
        Map<String, Object> kafka = Map.of("bootstrap.servers", KAFKA.bootstrapServers());
        Topics.createMissing(KAFKA.admin());
        Publisher publisher = new Publisher(kafka);
        publisher.publishRegistry(RegistryCsv.read(NetraCliTest.fixture(dir, "registry.csv")).records());
        Watchlist v1 = WatchlistFiles.read(NetraCliTest.fixture(dir, "watchlist.json"));
        Watchlist v2 = new Watchlist(v1.version() + "-b", v1.parties(), v1.elections());
        Instant v1From = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        Instant v2From = v1From.plus(Duration.ofHours(1));
        publishWatchlist(v1, v1From);

        ClassifierConfig config = ClassifierConfig.from(Settings.of(Map.of(Settings.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers(),
                "application.id", KAFKA.uniqueName("switch"), "classifier.state-dir", dir.resolve("streams").toString())));
        try (ClassifierService classifier = new ClassifierService(config);
             KafkaConsumer<String, Alert> alerts = alertsConsumer()) {
            classifier.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> classifier.registryAccounts(4) == 4);
            Map<String, List<Alert>> byPost = new HashMap<>();

            produce(0, HALF, i -> v1From.plusSeconds(i + 1));
            awaitAlerts(alerts, byPost, HALF);

            publishWatchlist(v2, v2From);
            // The new version reaches the classifier's global table asynchronously: probe until an alert shows it.
            int probe = 10_000;
            while (byPost.values().stream().flatMap(List::stream).noneMatch(a -> a.watchlistVersion().equals(v2.version()))) {
                assertThat(probe).as("probes before the new version was in force").isLessThan(10_030);
                produce(probe, probe + 1, i -> v2From.plusSeconds(1));
                awaitAlerts(alerts, byPost, byPost.size() + 1);
                probe++;
            }
            // Posts published after v2, and late posts published before it, arriving mixed.
            produce(HALF, 2 * HALF, i -> i % 2 == 0 ? v2From.plusSeconds(i) : v2From.minusSeconds(i));
            awaitAlerts(alerts, byPost, 2 * HALF + (probe - 10_000));

            assertThat(byPost).allSatisfy((post, list) -> assertThat(list).as(post).hasSize(1));
            Map<String, String> versions = byPost.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getFirst().watchlistVersion()));
            for (int i = 0; i < HALF; i++) {
                assertThat(versions.get("x:" + i)).as("post %d", i).isEqualTo(v1.version());
            }
            for (int i = HALF; i < 2 * HALF; i++) {
                assertThat(versions.get("x:" + i)).as("post %d", i).isEqualTo(i % 2 == 0 ? v2.version() : v1.version());
            }
        }
    }

    private static void publishWatchlist(Watchlist w, Instant from) throws Exception {
        try (KafkaProducer<String, Watchlist> p = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new JsonSerde<>(Watchlist.class).serializer())) {
            p.send(new ProducerRecord<>(Topics.WATCHLIST.name(), null, from.toEpochMilli(), w.version(), w)).get();
        }
    }

    private static void produce(int from, int to, java.util.function.IntFunction<Instant> publishedAt) {
        JsonSerde<Post> serde = new JsonSerde<>(Post.class);
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (int i = from; i < to; i++) {
                Post post = new Post(Platform.X, Integer.toString(i), URI.create("https://x.com/Dimas_Prk/status/" + i),
                        new Author("@Dimas_Prk", null), "Ayo coblos Arif Gunawan, nomor 1! (" + i + ")",
                        publishedAt.apply(i).atOffset(ZoneOffset.ofHours(7)), PostKind.POST);
                p.send(new ProducerRecord<>(Topics.POSTS.name(), post.key(), serde.serialize("", post)));
            }
        }
    }

    private static void awaitAlerts(KafkaConsumer<String, Alert> consumer, Map<String, List<Alert>> byPost, int posts) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r ->
                    byPost.computeIfAbsent(r.value().post().key(), k -> new ArrayList<>()).add(r.value()));
            return byPost.size() >= posts;
        });
    }

    private static KafkaConsumer<String, Alert> alertsConsumer() {
        KafkaConsumer<String, Alert> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, KAFKA.uniqueName("check"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new JsonSerde<>(Alert.class).deserializer());
        c.subscribe(List.of(Topics.ALERTS.name()));
        return c;
    }
}
