package id.netra.app;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads topics from their start to their end as of now (committed records only), as raw bytes, for the audit
 * commands. Long reads report their progress on {@code err} every few seconds, so an operator sees that a scan of a
 * large topic such as {@code captures} is moving.
 */
final class TopicScan implements AutoCloseable {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

    private final Admin admin;
    private final KafkaConsumer<String, byte[]> consumer;
    private final PrintWriter err;
    private final String command;

    TopicScan(Map<String, Object> kafka, PrintWriter err, String command) {
        this.err = err;
        this.command = command;
        this.admin = Admin.create(kafka);
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "netra-" + command.replace(' ', '-') + "-" + UUID.randomUUID());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The topic's partition count, or empty when the topic does not exist. */
    Optional<Integer> partitions(String topic) {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            return Optional.of(d.partitions().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new IllegalStateException("Cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing topic " + topic, e);
        }
    }

    /**
     * The partition the producers' default partitioner puts {@code key} in (murmur2 of the key's UTF-8 bytes, as
     * Kafka's {@code BuiltInPartitioner.partitionForKey} computes it); Kafka Streams' {@code to()} and ingest use it.
     */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Hands every committed record of the given partitions of {@code topic} to {@code each}, in offset order per partition. */
    long scan(String topic, List<Integer> partitions, Consumer<ConsumerRecord<String, byte[]>> each) {
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        Map<TopicPartition, Long> start = consumer.beginningOffsets(tps);
        Map<TopicPartition, Long> end = consumer.endOffsets(tps);
        long total = tps.stream().mapToLong(tp -> end.get(tp) - start.get(tp)).sum();
        long seen = 0;
        long nextReport = System.nanoTime() + PROGRESS_EVERY.toNanos();
        while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < end.get(tp)) {
                    each.accept(r);
                    seen++;
                }
            }
            if (System.nanoTime() - nextReport > 0) {
                long read = tps.stream().mapToLong(tp -> Math.min(consumer.position(tp), end.get(tp)) - start.get(tp)).sum();
                err.printf("netra %s: reading %s%s: %,d of %,d offsets (%d%%)%n", command, topic, describe(partitions), read, total,
                        total == 0 ? 100 : read * 100 / total);
                err.flush();
                nextReport = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
        }
        consumer.unsubscribe();
        return seen;
    }

    /** Every partition of {@code topic}, in order. */
    static List<Integer> all(int partitions) {
        return java.util.stream.IntStream.range(0, partitions).boxed().toList();
    }

    private static String describe(List<Integer> partitions) {
        return partitions.size() == 1 ? " partition " + partitions.getFirst() : "";
    }

    @Override
    public void close() {
        consumer.close();
        admin.close();
    }
}
