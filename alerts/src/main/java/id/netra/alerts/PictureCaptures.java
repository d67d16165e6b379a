package id.netra.alerts;

import id.netra.model.Capture;
import id.netra.model.JsonSerde;
import id.netra.model.MediaText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The captured bytes of a picture an alert read, looked up on {@code captures}: in the partition of the post's key (Kafka's
 * default partitioner), from the offset of the picture's fetch time on, for the media stage's capture of that address
 * with that SHA-256; returned only when the bytes hash to it. The last few are kept (at most {@link #CACHE_BYTES}).
 */
final class PictureCaptures {
    static final long CACHE_BYTES = 32L * 1024 * 1024;
    private static final JsonSerde<Capture> CAPTURES = new JsonSerde<>(Capture.class);

    private final Map<String, Object> kafka;
    private final String topic;
    private final Map<String, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long cached;

    PictureCaptures(Map<String, Object> kafka, String topic) {
        this.kafka = Map.copyOf(kafka);
        this.topic = topic;
    }

    /** The picture's bytes as fetched, or empty when no capture of it is stored (or it does not hash to the recorded value). */
    Optional<byte[]> find(String postKey, MediaText.Item item) {
        if (item.sha256() == null || item.fetchedAt() == null) {
            return Optional.empty();
        }
        synchronized (this) {
            byte[] hit = cache.get(item.sha256());
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        Optional<byte[]> found = scan(postKey, item);
        found.ifPresent(bytes -> remember(item.sha256(), bytes));
        return found;
    }

    private Optional<byte[]> scan(String postKey, MediaText.Item item) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "netra-alerts-pictures-" + UUID.randomUUID());
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Capture.MAX_RECORD_BYTES);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> parts = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (parts == null || parts.isEmpty()) {
                return Optional.empty();
            }
            TopicPartition tp = new TopicPartition(topic, Utils.toPositive(Utils.murmur2(postKey.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    % parts.size());
            c.assign(List.of(tp));
            long from = item.fetchedAt().minus(Duration.ofMinutes(1)).toEpochMilli();
            OffsetAndTimestamp start = c.offsetsForTimes(Map.of(tp, from)).get(tp);
            long end = c.endOffsets(List.of(tp)).get(tp);
            if (start == null) {
                return Optional.empty();
            }
            c.seek(tp, start.offset());
            long until = item.fetchedAt().plus(Duration.ofHours(1)).toEpochMilli();
            while (c.position(tp) < end) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.timestamp() > until) {
                        return Optional.empty();
                    }
                    Optional<byte[]> bytes = match(r, postKey, item);
                    if (bytes.isPresent()) {
                        return bytes;
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static Optional<byte[]> match(ConsumerRecord<String, byte[]> r, String postKey, MediaText.Item item) {
        if (!postKey.equals(r.key()) || r.value() == null) {
            return Optional.empty();
        }
        try {
            Capture capture = CAPTURES.deserialize(r.topic(), r.value());
            if (!"media".equals(capture.sourceId()) || !capture.sha256().equalsIgnoreCase(item.sha256()) || capture.payload() == null) {
                return Optional.empty();
            }
            byte[] bytes;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(capture.payload()))) {
                bytes = in.readAllBytes();
            }
            return sha256(bytes).equalsIgnoreCase(item.sha256()) ? Optional.of(bytes) : Optional.empty();
        } catch (SerializationException | IOException e) {
            return Optional.empty();
        }
    }

    private synchronized void remember(String sha, byte[] bytes) {
        cache.put(sha, bytes);
        cached += bytes.length;
        var it = cache.entrySet().iterator();
        while (cached > CACHE_BYTES && it.hasNext()) {
            cached -= it.next().getValue().length;
            it.remove();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
