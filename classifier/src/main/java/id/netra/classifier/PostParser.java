package id.netra.classifier;

import id.netra.model.DeadLetter;
import id.netra.model.JsonSerde;
import id.netra.model.Post;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the raw bytes of a posts record: a valid post, or a dead letter naming the record (topic, partition,
 * offset, key) and the reason. The topology never stops on a bad record.
 */
final class PostParser implements FixedKeyProcessor<String, byte[], PostParser.Parsed> {
    private static final Logger log = LoggerFactory.getLogger(PostParser.class);
    // As strict as ingest: a post the format does not allow is dead-lettered, not coerced.
    private static final JsonSerde<Post> POSTS = id.netra.model.PostLines.serde();

    /** Exactly one of the two is set. */
    record Parsed(Post post, DeadLetter deadLetter) {
    }

    private FixedKeyProcessorContext<String, Parsed> context;

    @Override
    public void init(FixedKeyProcessorContext<String, Parsed> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        String origin = context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("unknown");
        String reason;
        try {
            Post post = record.value() == null ? null : POSTS.deserialize(origin, record.value());
            if (post != null) {
                context.forward(record.withValue(new Parsed(post, null)));
                return;
            }
            reason = "empty value (a tombstone is not a post)";
        } catch (SerializationException e) {
            reason = e.getMessage();
        }
        log.warn("Bad record at {} (key {}) sent to the dead-letter topic: {}", origin, record.key(), reason);
        DeadLetter dead = DeadLetter.of("classifier", origin, record.key(), reason, record.value(), Instant.ofEpochMilli(record.timestamp()));
        context.forward(record.withValue(new Parsed(null, dead)));
    }
}
