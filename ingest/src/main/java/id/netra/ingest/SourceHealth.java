package id.netra.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How a source is doing, for {@code GET /api/sources} and the console.
 *
 * @param postsNew       posts emitted for the first time since the service started
 * @param postsEdited    new versions of posts emitted before
 * @param postsUnchanged posts seen again unchanged (not emitted)
 * @param failed         records rejected to the dead-letter topic plus problems (pages that failed, unreadable feeds)
 * @param lastError      the last run's error or problem, {@code null} after a clean run
 * @param details        what the source itself reports (an API's quota used today, videos whose comments are off);
 *                       empty for most sources, left out of the JSON then
 */
public record SourceHealth(String id, String type, Duration interval, String state, Instant lastRun, Instant lastSuccess,
                           String lastError, Instant lastErrorAt, long postsNew, long postsEdited, long postsUnchanged,
                           long failed, Instant nextRun, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> details) {

    public SourceHealth {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** The health of a source that reports nothing of its own. */
    public SourceHealth(String id, String type, Duration interval, String state, Instant lastRun, Instant lastSuccess,
                        String lastError, Instant lastErrorAt, long postsNew, long postsEdited, long postsUnchanged,
                        long failed, Instant nextRun) {
        this(id, type, interval, state, lastRun, lastSuccess, lastError, lastErrorAt, postsNew, postsEdited, postsUnchanged,
                failed, nextRun, Map.of());
    }
}
