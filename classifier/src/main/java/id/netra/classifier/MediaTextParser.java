package id.netra.classifier;

import id.netra.model.DeadLetter;
import id.netra.model.JsonSerde;
import id.netra.model.MediaText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the raw bytes of a {@code media-text} record: a valid media text, or a dead letter naming the record (topic,
 * partition, offset, key) and the reason. The topology never stops on a bad record.
 */
final class MediaTextParser implements FixedKeyProcessor<String, byte[], MediaTextParser.Parsed> {
    private static final Logger log = LoggerFactory.getLogger(MediaTextParser.class);
    private static final JsonSerde<MediaText> MEDIA_TEXTS = new JsonSerde<>(MediaText.class);

    /** Exactly one of the two is set. */
    record Parsed(MediaText mediaText, DeadLetter deadLetter) {
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
            MediaText m = record.value() == null ? null : MEDIA_TEXTS.deserialize(origin, record.value());
            if (m != null) {
                context.forward(record.withValue(new Parsed(m, null)));
                return;
            }
            reason = "empty value (a tombstone is not a media text)";
        } catch (SerializationException e) {
            reason = e.getMessage();
        }
        log.warn("Bad record at {} (key {}) sent to the dead-letter topic: {}", origin, record.key(), reason);
        String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        DeadLetter dead = DeadLetter.of("classifier", origin, record.key(), reason, payload, Instant.ofEpochMilli(record.timestamp()));
        context.forward(record.withValue(new Parsed(null, dead)));
    }
}
