package id.netra.ingest;

import id.netra.model.DeadLetter;
import id.netra.model.Post;
import id.netra.model.Topic;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Source.Sink} that writes posts to the posts topic (key {@code platform:postId}) and rejected records to
 * the dead-letter topic, through one idempotent producer with {@code acks=all}.
 */
public final class PostPublisher implements Source.Sink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final Topic<String, Post> posts;
    private final Topic<String, DeadLetter> deadLetters;
    private final String sourceId;
    private final Clock clock;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public PostPublisher(Map<String, Object> kafka, Topic<String, Post> posts, Topic<String, DeadLetter> deadLetters,
                         String sourceId, Clock clock) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "netra-ingest");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.posts = posts;
        this.deadLetters = deadLetters;
        this.sourceId = sourceId;
        this.clock = clock;
    }

    @Override
    public void post(Post post, String origin) {
        byte[] value = posts.valueSerde().serializer().serialize(posts.name(), post);
        producer.send(new ProducerRecord<>(posts.name(), post.key(), value), (md, e) -> {
            if (e == null) {
                sent.incrementAndGet();
            } else {
                failed.incrementAndGet();
                log.error("Could not write post {} from {} to topic {}; it will be read again after a restart.",
                        post.key(), origin, posts.name(), e);
            }
        });
    }

    @Override
    public void reject(String origin, String payload, String reason) {
        rejected.incrementAndGet();
        log.warn("Rejected {} from source {}: {}. Sent to {}.", origin, sourceId, reason, deadLetters.name());
        DeadLetter dl = new DeadLetter("ingest:" + sourceId, origin, null, reason, payload, clock.instant());
        byte[] value = deadLetters.valueSerde().serializer().serialize(deadLetters.name(), dl);
        producer.send(new ProducerRecord<>(deadLetters.name(), origin, value), (md, e) -> {
            if (e != null) {
                failed.incrementAndGet();
                log.error("Could not write the dead letter for {} to topic {}.", origin, deadLetters.name(), e);
            }
        });
    }

    /** Waits until everything sent so far is acknowledged (or failed). */
    public void flush() {
        producer.flush();
    }

    public long postsSent() {
        return sent.get();
    }

    public long linesRejected() {
        return rejected.get();
    }

    public long sendFailures() {
        return failed.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
