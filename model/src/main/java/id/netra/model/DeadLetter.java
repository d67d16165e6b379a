package id.netra.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A record that could not be processed, kept with the reason. Value of the {@code posts-dlq} topic.
 *
 * <p>A dead letter always fits its topic: a payload whose dead letter would be larger than
 * {@link Topics#MAX_RECORD_BYTES} keeps only its first {@link #HEAD_BYTES} bytes, with the size and SHA-256 of the
 * whole, so a huge bad record never blocks the source that read it (its transaction would fail for good otherwise).
 *
 * @param source           who rejected it, e.g. {@code ingest:jsonl} or {@code classifier}
 * @param origin           where it came from: {@code file:line} for a file, {@code topic-partition@offset} for a record
 * @param key              the record's key as text, or {@code null}
 * @param reason           why it was rejected, one line
 * @param payload          the rejected bytes as UTF-8 text (invalid sequences replaced), or their head when
 *                         {@code payloadTruncated}
 * @param payloadBytes     the size of the whole rejected payload in bytes; {@code null} in dead letters written before
 *                         it was recorded
 * @param payloadSha256    SHA-256 (hex) of the whole rejected payload; {@code null} as {@code payloadBytes}
 * @param payloadTruncated whether {@code payload} holds only the head of the payload
 */
public record DeadLetter(String source, String origin, String key, String reason, String payload, Instant failedAt,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Long payloadBytes,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String payloadSha256,
                         boolean payloadTruncated) {
    /** How much of a payload too large for the topic a dead letter keeps. */
    public static final int HEAD_BYTES = 64 * 1024;

    public DeadLetter {
        Validate.notBlank(source, "source");
        Validate.notBlank(reason, "reason");
        Validate.notNull(failedAt, "failedAt");
    }

    /**
     * The dead letter of {@code payload}: whole when it fits the topic, else its head, with the size and SHA-256 of the
     * whole either way.
     *
     * @param payload the rejected bytes, or {@code null} (a tombstone)
     */
    public static DeadLetter of(String source, String origin, String key, String reason, byte[] payload, Instant failedAt) {
        if (payload == null) {
            return new DeadLetter(source, origin, key, reason, null, failedAt, null, null, false);
        }
        String sha256 = Sha256.hex(payload);
        DeadLetter whole = new DeadLetter(source, origin, key, reason, new String(payload, StandardCharsets.UTF_8), failedAt,
                (long) payload.length, sha256, false);
        // JSON escapes a control character into six bytes: below a sixth of the limit, the whole payload fits.
        if (payload.length <= Topics.MAX_RECORD_BYTES / 6 || whole.jsonBytes() <= Topics.MAX_RECORD_BYTES) {
            return whole;
        }
        return ofHead(source, origin, key, reason, Arrays.copyOf(payload, HEAD_BYTES), payload.length, sha256, failedAt);
    }

    /** The dead letter of the text {@code payload}, read as {@link #of(String, String, String, String, byte[], Instant)}. */
    public static DeadLetter of(String source, String origin, String key, String reason, String payload, Instant failedAt) {
        return of(source, origin, key, reason, payload == null ? null : payload.getBytes(StandardCharsets.UTF_8), failedAt);
    }

    /**
     * The dead letter of a payload of which only {@code head} was kept (a line too long to hold in memory whole).
     *
     * @param size   the size of the whole payload in bytes
     * @param sha256 SHA-256 (hex) of the whole payload
     */
    public static DeadLetter ofHead(String source, String origin, String key, String reason, byte[] head, long size, String sha256,
                                    Instant failedAt) {
        byte[] kept = head.length > HEAD_BYTES ? Arrays.copyOf(head, HEAD_BYTES) : head;
        return new DeadLetter(source, origin, key, reason, new String(kept, StandardCharsets.UTF_8), failedAt, size, sha256,
                kept.length < size);
    }

    private int jsonBytes() {
        try {
            return Json.mapper().writeValueAsBytes(this).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a dead letter is always writable as JSON", e);
        }
    }
}
