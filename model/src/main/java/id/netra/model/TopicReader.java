package id.netra.model;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading a whole topic once, as a service does at start to rebuild its state (committed records only), and writing
 * in one transaction. Unreadable records are logged with topic, partition, offset and key and skipped.
 */
public final class TopicReader {
    private static final Logger log = LoggerFactory.getLogger(TopicReader.class);

    private TopicReader() {
    }

    /**
     * Hands every committed record of {@code topic}, from its start to its end as of now, to {@code apply} (a
     * tombstone as {@code null}).
     *
     * @return how many records were handed over
     * @throws IllegalStateException when the topic does not exist
     */
    public static <V> long readToEnd(Map<String, Object> kafka, Topic<String, V> topic, BiConsumer<String, V> apply) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "netra-read-" + topic.name() + "-" + UUID.randomUUID());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        long n = 0;
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (tps.isEmpty()) {
                throw new IllegalStateException("topic " + topic.name() + " does not exist; create Netra's topics first (netra topics create)");
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    V value;
                    try {
                        value = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    } catch (SerializationException e) {
                        log.warn("Skipped an unreadable record at {}-{}@{} (key {}): {}", r.topic(), r.partition(), r.offset(), r.key(),
                                e.getMessage());
                        continue;
                    }
                    apply.accept(r.key(), value);
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Runs {@code sends} in one transaction of {@code producer} and commits; on failure aborts (nothing of it becomes
     * visible) and rethrows.
     */
    public static void inTransaction(KafkaProducer<?, ?> producer, Runnable sends) {
        inTransaction(producer, () -> {
            sends.run();
            return null;
        });
    }

    /** Like {@link #inTransaction(KafkaProducer, Runnable)}, returning what {@code sends} returns. */
    public static <T> T inTransaction(KafkaProducer<?, ?> producer, java.util.function.Supplier<T> sends) {
        producer.beginTransaction();
        try {
            T result = sends.get();
            producer.commitTransaction();
            return result;
        } catch (org.apache.kafka.common.errors.ProducerFencedException e) {
            throw e;
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }
}
