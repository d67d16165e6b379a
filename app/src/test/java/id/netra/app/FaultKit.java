package id.netra.app;

import id.netra.app.bench.NationalData;
import id.netra.classifier.OfflineClassifier;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.Post;
import id.netra.model.Severity;
import id.netra.model.Topics;
import id.netra.model.Watchlist;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the fault tests share: generated data (30 elections of the national watchlist, ASN, their posts), the alerts
 * the offline classifier derives from them, classifier child JVMs, posts fed at a steady rate, and the offsets that
 * show where a consumer group and its readers stand.
 */
final class FaultKit {
    /** 30 of the generated national elections: enough for every rule, small enough to index in a blink at each restart. */
    static final Watchlist WATCHLIST = regional(NationalData.watchlist(42), 30);

    private FaultKit() {
    }

    private static Watchlist regional(Watchlist national, int elections) {
        return new Watchlist(national.version() + "-" + elections, national.parties(), national.elections().subList(0, elections));
    }

    static List<AsnRecord> registry(int size) {
        return LongStream.range(0, size).mapToObj(i -> NationalData.asn(i, WATCHLIST.elections())).toList();
    }

    /** Post {@code i} is by ASN {@code i % registrySize}; one in five is about the election. */
    static List<Post> posts(int count, int registrySize) {
        return LongStream.range(0, count).mapToObj(i -> NationalData.post(i, i % registrySize, WATCHLIST.elections())).toList();
    }

    /** The ids of every alert (any severity) the offline classifier derives: what the live classifier must write. */
    static List<String> expectedAlertIds(List<AsnRecord> registry, List<Post> posts) throws IOException {
        return OfflineClassifier.classify(registry, WATCHLIST, posts, Severity.LOW).stream().map(Alert::id).toList();
    }

    static void publish(EmbeddedKafkaExtension kafka, List<AsnRecord> registry) throws InterruptedException {
        Topics.createMissing(adminOf(kafka));
        Publisher publisher = new Publisher(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        publisher.publishWatchlist(WATCHLIST);
        publisher.publishRegistry(registry);
    }

    private static Admin adminOf(EmbeddedKafkaExtension kafka) {
        return kafka.admin();
    }

    /**
     * The settings of one classifier instance: its own state directory and client id, the application id shared, no
     * management port (two instances on one machine would want the same one).
     */
    static Map<String, String> classifier(EmbeddedKafkaExtension kafka, String appId, String name, Path dir) {
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(), "application.id", appId,
                "classifier.state-dir", dir.resolve(name + "-state").toString(), "kafka.client.id", name,
                "kafka.num.stream.threads", "1", "classifier.http.port", "-1");
    }

    /** Posts sent at a steady rate on a thread of their own, by an idempotent producer that outlives a broker restart. */
    static final class Feeder implements AutoCloseable {
        private final AtomicInteger sent = new AtomicInteger();
        private final Thread thread;
        private volatile boolean running = true;

        Feeder(EmbeddedKafkaExtension kafka, List<Post> posts, int perSecond) {
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            thread = new Thread(() -> {
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                        new org.apache.kafka.common.serialization.ByteArraySerializer())) {
                    long start = System.nanoTime();
                    for (int i = 0; i < posts.size() && running; i++) {
                        Post p = posts.get(i);
                        producer.send(new ProducerRecord<>(Topics.POSTS.name(), p.key(), Topics.POSTS.valueSerde().serializer().serialize("", p)));
                        sent.incrementAndGet();
                        // Pacing, not synchronisation: the posts arrive as a steady stream over the faults.
                        long due = start + (i + 1) * 1_000_000_000L / perSecond;
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                    producer.flush();
                }
            }, "fault-test-feeder");
            thread.start();
        }

        int sent() {
            return sent.get();
        }

        boolean done() {
            return !thread.isAlive();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    /** The group's committed offset of each partition of {@code topic} (0 when none yet). */
    static Map<Integer, Long> committed(Admin admin, String group, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> c = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<Integer, Long> out = new HashMap<>();
        for (TopicPartition tp : partitions(admin, topic)) {
            OffsetAndMetadata o = c.get(tp);
            out.put(tp.partition(), o == null ? 0 : o.offset());
        }
        return out;
    }

    /** The last stable offset of each partition: how far a read_committed reader (the alerts service) can read. */
    static Map<Integer, Long> stable(Admin admin, String topic) throws ExecutionException, InterruptedException {
        var result = admin.listOffsets(partitions(admin, topic).stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        return result.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    }

    /** Whether the group has processed every record of {@code topic} that is there now (a commit marker is the last offset). */
    static boolean caughtUp(Admin admin, String group, String topic) throws ExecutionException, InterruptedException {
        Map<Integer, Long> committed = committed(admin, group, topic);
        Map<Integer, Long> end = stable(admin, topic);
        return end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) >= e.getValue() - 1);
    }

    private static List<TopicPartition> partitions(Admin admin, String topic) throws ExecutionException, InterruptedException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** The key of every committed record of {@code topic}, as the alerts service reads it (read_committed). */
    static List<String> committedKeys(EmbeddedKafkaExtension kafka, String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            List<String> keys = new ArrayList<>();
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    keys.add(r.key());
                }
            }
            return keys;
        }
    }
}
