package id.netra.app.bench;

import id.netra.classifier.ClassifierConfig;
import id.netra.classifier.ClassifierService;
import id.netra.classifier.replay.Replay;
import id.netra.classifier.replay.ReplayOptions;
import id.netra.embedded.EmbeddedKafka;
import id.netra.model.AsnRecord;
import id.netra.model.Election;
import id.netra.model.JsonSerde;
import id.netra.model.Post;
import id.netra.model.ReplayReport;
import id.netra.model.Settings;
import id.netra.model.Topics;
import id.netra.model.Watchlist;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code netra bench --only replay}: the generated registry and posts through the live classifier (the recorded
 * alerts), then {@code netra replay} of the posts' period with the recorded versions, timed: posts read per second
 * over both passes and the report (which must say every alert is identical).
 */
final class ReplayBench {
    private ReplayBench() {
    }

    static void run(PrintWriter out, Watchlist watchlist, Path base, long registrySize, int posts, Map<String, String> classifierSettings)
            throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(base.resolve("kafka"), port);
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Topics.createMissing(admin);
            Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers());
            List<Election> elections = watchlist.elections();
            produce(props, Topics.WATCHLIST.name(), 1, i -> Map.entry(watchlist.version(), new JsonSerde<>(Watchlist.class).serialize("", watchlist)));
            JsonSerde<AsnRecord> asns = new JsonSerde<>(AsnRecord.class);
            long accounts = 0;
            for (long i = 0; i < registrySize; i++) {
                accounts += NationalData.asn(i, elections).accounts().size();
            }
            produce(props, Topics.REGISTRY.name(), registrySize, i -> {
                AsnRecord r = NationalData.asn(i, elections);
                return Map.entry(r.nip(), asns.serialize("", r));
            });
            Map<String, String> settings = new HashMap<>(classifierSettings);
            settings.putAll(Map.of(Settings.BOOTSTRAP_SERVERS, kafka.bootstrapServers(), "application.id", "netra-bench-classifier",
                    "classifier.state-dir", base.resolve("classifier").toString()));
            ClassifierConfig config = ClassifierConfig.from(Settings.of(settings));
            Instant[] period = {Instant.MAX, Instant.MIN};
            long t0 = System.nanoTime();
            try (ClassifierService classifier = new ClassifierService(config)) {
                classifier.start();
                long expected = accounts;
                // The registry first: a post joined before its author's account arrived is not flagged (and a replay
                // would report its alert as new).
                BenchCommand.waitFor("registry loaded", () -> classifier.state() == KafkaStreams.State.RUNNING
                        && classifier.registryAccounts(expected) == expected, () -> "state " + classifier.state());
                JsonSerde<Post> postSerde = new JsonSerde<>(Post.class);
                long step = Math.max(1, registrySize / posts);
                produce(props, Topics.POSTS.name(), posts, i -> {
                    Post p = NationalData.post(i, (i * step + i % step) % registrySize, elections);
                    Instant at = p.publishedAt().toInstant();
                    period[0] = at.isBefore(period[0]) ? at : period[0];
                    period[1] = at.isAfter(period[1]) ? at : period[1];
                    return Map.entry(p.key(), postSerde.serialize("", p));
                });
                BenchCommand.waitFor("posts classified", () -> BenchCommand.caughtUp(admin, config.applicationId(),
                        t -> t.equals(Topics.POSTS.name())), () -> "posts lag " + BenchCommand.lag(admin, config.applicationId(),
                        t -> t.equals(Topics.POSTS.name())));
                // The posts' offsets commit with the transaction that wrote their alerts; the replay compares with the
                // recorded alerts, so wait until no transaction on alerts is still open (its markers all written).
                BenchCommand.waitFor("alerts committed", () -> noOpenTransaction(admin, Topics.ALERTS.name()), () -> "open transactions on alerts");
            }
            out.printf("live classifier: %,d ASN (%,d accounts) and %,d posts in %.1f s%n", registrySize, accounts, posts, (System.nanoTime() - t0) / 1e9);

            ReplayOptions options = new ReplayOptions("bench", period[0], period[1].plusSeconds(1), null, null, null,
                    config.topics(), props);
            Replay.Result result = new Replay(options, Clock.systemUTC(), (phase, read, total) ->
                    System.err.printf("  replay %s: posts read %,d of ~%,d%n", phase, read, total)).run();
            ReplayReport r = result.report();
            ReplayReport.Counts c = r.counts();
            out.printf("(r) replay of %,d posts (%s .. %s): %.1f s = %,.0f posts/s (two passes over the posts, registry histories of the period's authors)%n",
                    r.postsRead(), options.from(), options.to(), r.seconds(), r.postsPerSecond());
            out.printf("(r) report: %,d alerts replayed, %,d recorded; identical %,d, changed %,d, missing %,d, new %,d%n",
                    c.replayed(), c.recorded(), c.identical(), c.changed(), c.missing(), c.added());
        }
    }

    private interface Make {
        Map.Entry<String, byte[]> make(long i);
    }

    private static void produce(Map<String, Object> props, String topic, long count, Make make) {
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < count; i++) {
                Map.Entry<String, byte[]> r = make.make(i);
                producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue()));
            }
            producer.flush();
        }
    }

    /** Whether every partition of {@code topic} reads to its end under read_committed (no transaction open). */
    private static boolean noOpenTransaction(Admin admin, String topic) {
        try {
            var parts = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(pi -> new org.apache.kafka.common.TopicPartition(topic, pi.partition()))
                    .collect(java.util.stream.Collectors.toMap(tp -> tp, tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()));
            var committed = admin.listOffsets(parts, new org.apache.kafka.clients.admin.ListOffsetsOptions(
                    org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get();
            var written = admin.listOffsets(parts, new org.apache.kafka.clients.admin.ListOffsetsOptions(
                    org.apache.kafka.common.IsolationLevel.READ_UNCOMMITTED)).all().get();
            return committed.keySet().stream().allMatch(tp -> committed.get(tp).offset() == written.get(tp).offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + topic + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
