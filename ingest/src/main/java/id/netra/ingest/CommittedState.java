package id.netra.ingest;

import id.netra.model.SeenPost;
import id.netra.model.SourceCursor;
import id.netra.model.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What ingest committed before: each source's positions ({@code ingest-cursors}) and the latest version of every post
 * emitted ({@code ingest-seen}), read whole at start with {@code read_committed}, then kept up to date by the writers
 * after each commit. Shared by all sources, so a post collected by two sources (a feed and a reported URL) is emitted
 * once.
 */
public final class CommittedState {
    private static final Logger log = LoggerFactory.getLogger(CommittedState.class);

    private final Map<String, Map<String, String>> cursors = new ConcurrentHashMap<>();
    private final Map<String, SeenPost> seen = new ConcurrentHashMap<>();

    /**
     * Reads both topics to their end. Call after every source's transactional producer has been initialised (which
     * aborts what a crashed predecessor left open), or the read waits for those transactions to time out.
     */
    public static CommittedState load(Map<String, Object> kafka, Topic<String, SourceCursor> cursorTopic, Topic<String, SeenPost> seenTopic) {
        CommittedState state = new CommittedState();
        long t0 = System.nanoTime();
        readAll(kafka, cursorTopic, (k, v) -> {
            if (v == null) {
                state.cursors.remove(k);
            } else {
                state.cursors.put(k, v.positions());
            }
        });
        readAll(kafka, seenTopic, (k, v) -> {
            if (v == null) {
                state.seen.remove(k);
            } else {
                state.seen.put(k, v);
            }
        });
        log.info("Ingest state loaded in {} ms: positions of {} source(s), {} post(s) seen before.",
                (System.nanoTime() - t0) / 1_000_000, state.cursors.size(), state.seen.size());
        return state;
    }

    public Map<String, String> positions(String sourceId) {
        return cursors.getOrDefault(sourceId, Map.of());
    }

    public Optional<SeenPost> seen(String postKey) {
        return Optional.ofNullable(seen.get(postKey));
    }

    public int seenCount() {
        return seen.size();
    }

    /** After a commit: what it wrote is now the committed state. */
    void committed(String sourceId, Map<String, String> positions, Map<String, SeenPost> posts) {
        cursors.put(sourceId, Map.copyOf(positions));
        seen.putAll(posts);
    }

    private static <V> void readAll(Map<String, Object> kafka, Topic<String, V> topic, BiConsumer<String, V> apply) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "netra-ingest-state-" + UUID.randomUUID());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic.name() + " does not exist; create Netra's topics first (netra topics create)");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    V value;
                    try {
                        value = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    } catch (SerializationException e) {
                        log.warn("Skipping unreadable record {}-{}@{} (key {}) of {}: {}", r.topic(), r.partition(), r.offset(),
                                r.key(), topic.name(), e.getMessage());
                        continue;
                    }
                    apply.accept(r.key(), value);
                }
            }
        }
    }
}
