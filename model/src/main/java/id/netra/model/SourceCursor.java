package id.netra.model;

import java.time.Instant;
import java.util.Map;

/**
 * Where a source stands: whatever it needs to go on after a restart without skipping or repeating (an ETag, the
 * last status id, the last modified time, a file position). Value of the compacted {@code ingest-cursors} topic,
 * keyed by source id, written in the same transaction as the posts it accounts for.
 *
 * @param positions free-form, per source type; e.g. {@code etag:https://a/feed.xml} -> {@code "abc"}
 */
public record SourceCursor(String sourceId, Map<String, String> positions, Instant updatedAt) {
    public SourceCursor {
        Validate.notBlank(sourceId, "sourceId");
        Validate.notNull(updatedAt, "updatedAt");
        positions = positions == null ? Map.of() : Map.copyOf(positions);
    }
}
