package id.netra.ingest;

import id.netra.model.Capture;
import id.netra.model.DeadLetter;
import id.netra.model.Post;
import id.netra.model.Provenance;
import id.netra.model.SeenPost;
import id.netra.model.SourceCursor;
import id.netra.model.TopicReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes one source's harvests, each in one Kafka transaction: new and edited posts (with provenance) to
 * {@code posts}, their payloads to {@code captures}, their versions to {@code ingest-seen}, rejects to
 * {@code posts-dlq}, and the source's new positions to {@code ingest-cursors}. An unchanged post is skipped. The
 * transactional id is the source's, so a second instance of the same source fences the first.
 */
final class HarvestWriter implements AutoCloseable {

    /** What one harvest amounted to. */
    record Outcome(int newPosts, int editedPosts, int unchanged, int rejected) {
    }

    private final String sourceId;
    private final IngestTopics topics;
    private final java.util.function.Supplier<CommittedState> state;
    private final Clock clock;
    private final KafkaProducer<String, byte[]> producer;

    HarvestWriter(String sourceId, Map<String, Object> kafka, IngestTopics topics, java.util.function.Supplier<CommittedState> state, Clock clock) {
        this.sourceId = sourceId;
        this.topics = topics;
        this.state = state;
        this.clock = clock;
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "netra-ingest-" + sourceId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "netra-ingest-" + sourceId);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Capture.MAX_RECORD_BYTES);
        props.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * Capture.MAX_RECORD_BYTES);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Fences a predecessor with the same source id and aborts what it left open. */
    void init() {
        producer.initTransactions();
    }

    /**
     * Writes the harvest in one transaction and, once committed, makes it the committed state.
     *
     * @throws ProducerFencedException when another instance of this source took over; this writer is then unusable
     * @throws KafkaException          when the transaction failed; it was aborted and nothing of it is visible
     */
    Outcome write(Harvest harvest) {
        Map<String, SeenPost> versions = new LinkedHashMap<>();
        Outcome outcome = TopicReader.inTransaction(producer, () -> sendAll(harvest, versions));
        state.get().committed(sourceId, harvest.positions(), versions);
        return outcome;
    }

    private Outcome sendAll(Harvest harvest, Map<String, SeenPost> versions) {
        Map<Evidence, String> storedWith = new IdentityHashMap<>();
        Map<Evidence, byte[]> compressed = new IdentityHashMap<>();
        int fresh = 0;
        int edited = 0;
        int unchanged = 0;
        for (Harvest.Item item : harvest.items()) {
            Post post = item.post();
            String key = post.key();
            String hash = post.contentHash();
            SeenPost before = versions.containsKey(key) ? versions.get(key) : state.get().seen(key).orElse(null);
            if (before != null && before.contentHash().equals(hash)) {
                unchanged++;
                continue;
            }
            int version = before == null ? 1 : before.version() + 1;
            if (before == null) {
                fresh++;
            } else {
                edited++;
            }
            Evidence e = item.evidence();
            Post withProvenance = post.withProvenance(new Provenance(sourceId, e.requestUrl(), e.httpStatus(), e.fetchedAt(),
                    e.sha256(), hash, version, item.reportedBy()));
            send(topics.posts().name(), key, topics.posts().valueSerde().serializer().serialize(topics.posts().name(), withProvenance));
            String first = storedWith.putIfAbsent(e, key);
            byte[] payload = first == null ? compressed.computeIfAbsent(e, x -> gzip(x.payload())) : null;
            Capture capture = new Capture(key, sourceId, e.requestUrl(), e.finalUrl(), e.httpStatus(), e.contentType(),
                    e.fetchedAt(), e.sha256(), "gzip", payload, first);
            send(topics.captures().name(), key, topics.captures().valueSerde().serializer().serialize(topics.captures().name(), capture));
            SeenPost now = new SeenPost(hash, version);
            versions.put(key, now);
            send(topics.seen().name(), key, topics.seen().valueSerde().serializer().serialize(topics.seen().name(), now));
        }
        for (Harvest.Reject r : harvest.rejects()) {
            DeadLetter dl = new DeadLetter("ingest:" + sourceId, r.origin(), null, r.reason(), r.payload(), clock.instant());
            send(topics.deadLetters().name(), r.origin(), topics.deadLetters().valueSerde().serializer().serialize(topics.deadLetters().name(), dl));
        }
        SourceCursor cursor = new SourceCursor(sourceId, harvest.positions(), clock.instant());
        send(topics.cursors().name(), sourceId, topics.cursors().valueSerde().serializer().serialize(topics.cursors().name(), cursor));
        return new Outcome(fresh, edited, unchanged, harvest.rejects().size());
    }

    private void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Binds this writer's producer metrics; close the returned binder with the writer. */
    AutoCloseable bindMetrics(id.netra.ops.Metrics metrics) {
        return metrics.bind(producer);
    }

    /** Closes the producer; an open transaction is aborted (at the latest by the next start's fencing). */
    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(2));
    }
}
