package id.netra.model;

import java.time.Instant;

/**
 * A record that could not be processed, kept with the reason. Value of the {@code posts-dlq} topic.
 *
 * @param source  who rejected it, e.g. {@code ingest:jsonl} or {@code classifier}
 * @param origin  where it came from: {@code file:line} for a file, {@code topic-partition@offset} for a record
 * @param key     the record's key as text, or {@code null}
 * @param reason  why it was rejected, one line
 * @param payload the rejected bytes as UTF-8 text (invalid sequences replaced)
 */
public record DeadLetter(String source, String origin, String key, String reason, String payload, Instant failedAt) {
    public DeadLetter {
        Validate.notBlank(source, "source");
        Validate.notBlank(reason, "reason");
        Validate.notNull(failedAt, "failedAt");
    }
}
