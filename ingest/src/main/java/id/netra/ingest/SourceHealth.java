package id.netra.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * How a source is doing, for {@code GET /api/sources} and the console.
 *
 * @param postsNew       posts emitted for the first time since the service started
 * @param postsEdited    new versions of posts emitted before
 * @param postsUnchanged posts seen again unchanged (not emitted)
 * @param failed         records rejected to the dead-letter topic plus problems (pages that failed, unreadable feeds)
 * @param lastError      the last run's error or problem, {@code null} after a clean run
 */
public record SourceHealth(String id, String type, Duration interval, String state, Instant lastRun, Instant lastSuccess,
                           String lastError, Instant lastErrorAt, long postsNew, long postsEdited, long postsUnchanged,
                           long failed, Instant nextRun) {
}
