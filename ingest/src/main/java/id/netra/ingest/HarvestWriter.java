package id.netra.ingest;

import id.netra.model.Capture;
import id.netra.model.DeadLetter;
import id.netra.model.Post;
import id.netra.model.PostLines;
import id.netra.model.Provenance;
import id.netra.model.SeenPost;
import id.netra.model.SourceCursor;
import id.netra.model.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
    /** @param refused posts the writer sent to the dead-letter topic instead of {@code posts} (too large, a bad address) */
    record Outcome(int newPosts, int editedPosts, int unchanged, int rejected, List<Harvest.Reject> refused) {
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
        // A harvest is sent whole and committed at once, and the commit sends what lingers: large batches cost no
        // latency, and with small ones starting a compressed batch took a quarter of a bulk intake's time
        // (docs/BENCHMARKS.md (i)).
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 100);
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
        Batch batch = batch();
        try {
            harvest.items().forEach(batch::add);
            return batch.commit(harvest);
        } catch (KafkaException e) {
            batch.abort(e);
            throw e;
        }
    }

    /** A harvest to write as the source collects it: see {@link Batch}. */
    Batch batch() {
        return new Batch();
    }

    /**
     * One harvest's transaction, its posts sent as the source hands them over: the broker stores them while the source
     * reads on, so the commit waits for little (a bulk intake spent a third of its time waiting on commits when a
     * harvest was sent only once collected). Nothing is visible before {@link #commit}; the transaction begins with
     * the first record.
     */
    final class Batch {
        private final Map<String, SeenPost> versions = new LinkedHashMap<>();
        private final Map<Evidence, String> storedWith = new IdentityHashMap<>();
        private final Map<Evidence, byte[]> compressed = new IdentityHashMap<>();
        private boolean begun;
        private int fresh;
        private int edited;
        private int unchanged;
        private final List<Harvest.Reject> refused = new ArrayList<>();

        /** Sends one post (with its capture and version), a dead letter instead when it cannot go to {@code posts}. */
        void add(Harvest.Item item) {
            Post post = item.post();
            String key = post.key();
            String hash = post.contentHash();
            SeenPost before = versions.containsKey(key) ? versions.get(key) : state.get().seen(key).orElse(null);
            if (before != null && before.contentHash().equals(hash)) {
                unchanged++;
                return;
            }
            int version = before == null ? 1 : before.version() + 1;
            Evidence e = item.evidence();
            Post withProvenance = post.withProvenance(new Provenance(sourceId, e.requestUrl(), e.httpStatus(), e.fetchedAt(),
                    e.sha256(), hash, version, item.reportedBy()));
            byte[] value = topics.posts().valueSerde().serializer().serialize(topics.posts().name(), withProvenance);
            String problem = problem(post, value.length);
            if (problem != null) {
                refused.add(new Harvest.Reject(item.origin(), e.payload(), problem, null, null));
                sendDeadLetter(DeadLetter.of("ingest:" + sourceId, item.origin(), key, problem, e.payload(), clock.instant()));
                return;
            }
            if (before == null) {
                fresh++;
            } else {
                edited++;
            }
            send(topics.posts().name(), key, value);
            String first = storedWith.putIfAbsent(e, key);
            byte[] payload = first == null ? compressed.computeIfAbsent(e, x -> gzip(x.payload())) : null;
            Capture capture = new Capture(key, sourceId, e.requestUrl(), e.finalUrl(), e.httpStatus(), e.contentType(),
                    e.fetchedAt(), e.sha256(), "gzip", payload, first);
            send(topics.captures().name(), key, topics.captures().valueSerde().serializer().serialize(topics.captures().name(), capture));
            SeenPost now = new SeenPost(hash, version);
            versions.put(key, now);
            send(topics.seen().name(), key, topics.seen().valueSerde().serializer().serialize(topics.seen().name(), now));
        }

        /**
         * Sends the harvest's rejects and new positions and commits; then what it wrote is the committed state.
         *
         * @throws KafkaException when the transaction failed; call {@link #abort} then
         */
        Outcome commit(Harvest harvest) {
            for (Harvest.Reject r : harvest.rejects()) {
                String source = "ingest:" + sourceId;
                sendDeadLetter(r.size() == null ? DeadLetter.of(source, r.origin(), null, r.reason(), r.payload(), clock.instant())
                        : DeadLetter.ofHead(source, r.origin(), null, r.reason(), r.payload(), r.size(), r.sha256(), clock.instant()));
            }
            SourceCursor cursor = new SourceCursor(sourceId, harvest.positions(), clock.instant());
            send(topics.cursors().name(), sourceId, topics.cursors().valueSerde().serializer().serialize(topics.cursors().name(), cursor));
            producer.commitTransaction();
            begun = false;
            state.get().committed(sourceId, harvest.positions(), versions);
            return new Outcome(fresh, edited, unchanged, harvest.rejects().size() + refused.size(), List.copyOf(refused));
        }

        /** Aborts what was sent (nothing of it becomes visible); quiet when the producer is unusable (fenced). */
        void abort(Exception cause) {
            if (!begun) {
                return;
            }
            begun = false;
            try {
                producer.abortTransaction();
            } catch (KafkaException abortFailed) {
                cause.addSuppressed(abortFailed);
            }
        }

        private void sendDeadLetter(DeadLetter dl) {
            String topic = topics.deadLetters().name();
            send(topic, dl.key() != null ? dl.key() : dl.origin(), topics.deadLetters().valueSerde().serializer().serialize(topic, dl));
        }

        private void send(String topic, String key, byte[] value) {
            if (!begun) {
                producer.beginTransaction();
                begun = true;
            }
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }

    /**
     * Why {@code post} cannot go to {@code posts}, or null: an address that is not an absolute http(s) one, or a size
     * the topic (and the alert embedding it) cannot take. A record that can never be written must not fail the
     * transaction, or the source would try it again for ever and never read past it.
     */
    private static String problem(Post post, int size) {
        try {
            PostLines.requireWebAddress(post);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (size > Topics.MAX_POST_BYTES) {
            return String.format("post too large: %,d bytes as JSON, more than a post may have (%,d bytes)", size, Topics.MAX_POST_BYTES);
        }
        return null;
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
