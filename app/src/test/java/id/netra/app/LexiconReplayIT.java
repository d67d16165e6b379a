package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.classifier.ClassifierConfig;
import id.netra.classifier.ClassifierService;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.AsnRecord;
import id.netra.model.Author;
import id.netra.model.Json;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.RegistryCsv;
import id.netra.model.ReplayReport;
import id.netra.model.Settings;
import id.netra.model.Topics;
import id.netra.model.Watchlist;
import id.netra.model.WatchlistFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A period classified live with the classifier data of the release before interactions and hidden-text handling
 * ({@code classifier.lexicon-version=cues-v2+slang-v1+rules-v1}), then replayed: with the recorded versions every alert
 * is derived again byte for byte; with this build's current data the report shows exactly what the new decisions add
 * (the post hiding its words, the reply under a campaign account's post).
 */
class LexiconReplayIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final String RECORDED = "cues-v2+slang-v1+rules-v1";
    private static final Instant DAY_1 = Instant.parse("2024-11-01T00:00:00Z");

    @Test
    void replaysWithTheRecordedClassifierDataIdenticallyAndWithTheCurrentOneReportsTheNewDecisions(@TempDir Path dir) throws Exception {
        Topics.createMissing(KAFKA.admin());
        List<AsnRecord> registry = RegistryCsv.read(NetraCliTest.fixture(dir, "registry.csv")).records();
        Watchlist w = WatchlistFiles.read(NetraCliTest.fixture(dir, "watchlist.json"));
        // The pipeline watchlist's pair 1 gets a campaign account, so that a reply under its post is judged by the current data.
        Watchlist withAccount = new Watchlist(w.version(), w.parties(), w.elections().stream().map(e -> new id.netra.model.Election(e.id(),
                e.regionCode(), e.office(), e.date(), e.candidates().stream().map(c -> c.number() != 1 ? c : new id.netra.model.Candidate(c.id(),
                        c.number(), c.names(), c.aliases(), c.hashtags(), c.slogans(), c.parties(), List.of("x:ArifMelati01"))).toList())).toList());
        AsnRecord author = registry.stream().filter(r -> r.name().equals("Dimas Prakoso")).findFirst().orElseThrow();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.WATCHLIST.name(), null, DAY_1.toEpochMilli(), withAccount.version(),
                    Json.mapper().writeValueAsBytes(withAccount))).get();
            for (AsnRecord r : registry) {
                producer.send(new ProducerRecord<>(Topics.REGISTRY.name(), null, DAY_1.toEpochMilli(), r.nip(), Json.mapper().writeValueAsBytes(r))).get();
            }
        }
        ClassifierConfig config = ClassifierConfig.from(Settings.of(Map.of(Settings.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers(),
                "classifier.state-dir", dir.resolve("streams").toString(), "classifier.lexicon-version", RECORDED)));
        assertThat(config.lexiconVersion()).isEqualTo(RECORDED);
        List<Post> posts = List.of(
                post("1", "Ayo coblos Arif Gunawan, nomor 1!", null),
                post("2", "Dukung Pak Teguh sampai menang!", null),
                post("3", "jgn lupa c o b l o s  A r i f  G u n a w a n ya", null),
                post("4", "siap menangkan bos 🔥", new id.netra.model.PostTarget(Platform.X, "99", URI.create("https://x.com/ArifMelati01/status/99"),
                        new Author("ArifMelati01", null))),
                post("5", "Cuaca Madiun cerah hari ini.", null));
        try (ClassifierService classifier = new ClassifierService(config);
             KafkaProducer<String, byte[]> producer = producer()) {
            classifier.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> classifier.registryAccounts(100) >= registry.size());
            for (Post p : posts) {
                producer.send(new ProducerRecord<>(Topics.POSTS.name(), p.key(), Json.mapper().writeValueAsBytes(p))).get();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts(Topics.ALERTS.name()).size() == 2);
        }
        assertThat(alerts(Topics.ALERTS.name())).allSatisfy(r -> assertThat(new String(r.value())).contains("\"lexiconVersion\":\"" + RECORDED + "\""));

        ReplayReport same = replay(dir, "recorded", "--lexicon-version", RECORDED);
        assertThat(same.counts().identical()).isEqualTo(2);
        assertThat(same.counts().changed() + same.counts().missing() + same.counts().added()).isZero();
        List<ConsumerRecord<String, byte[]>> live = alerts(Topics.ALERTS.name());
        List<ConsumerRecord<String, byte[]>> replayed = alerts(Topics.ALERTS_REPLAY_PREFIX + "recorded");
        assertThat(replayed).extracting(r -> new String(r.value())).containsExactlyInAnyOrderElementsOf(live.stream().map(r -> new String(r.value())).toList());

        ReplayReport current = replay(dir, "current");
        assertThat(current.entries()).filteredOn(e -> e.kind() == ReplayReport.Kind.NEW).extracting(ReplayReport.Entry::postKey)
                .containsExactlyInAnyOrder("x:3", "x:4");
        assertThat(current.counts().changed()).isEqualTo(2);
        assertThat(current.entries()).filteredOn(e -> e.kind() != ReplayReport.Kind.MISSING)
                .allSatisfy(e -> assertThat(e.replayed().lexicon()).isEqualTo(id.netra.classifier.Lexicons.current()));
    }

    private static Post post(String id, String text, id.netra.model.PostTarget target) {
        return new Post(Platform.X, id, URI.create("https://x.com/Dimas_Prk/status/" + id), new Author("Dimas_Prk", null), text,
                DAY_1.plus(Duration.ofHours(30)).atOffset(ZoneOffset.ofHours(7)), target == null ? PostKind.POST : PostKind.REPLY, null, target, List.of());
    }

    private static ReplayReport replay(Path dir, String run, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("replay", "--bootstrap-servers", KAFKA.bootstrapServers(), "--from", "2024-11-01T00:00:00Z",
                "--to", "2024-11-03T00:00:00Z", "--run-id", run, "--report-dir", dir.resolve("reports").toString()));
        args.addAll(List.of(more));
        NetraCliTest.Run r = NetraCliTest.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return Json.mapper().readValue(Files.readAllBytes(dir.resolve("reports").resolve(run + ".json")), ReplayReport.class);
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static List<ConsumerRecord<String, byte[]>> alerts(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<String, byte[]>> out = new java.util.ArrayList<>();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }
}
