package id.netra.ingest;

import java.io.IOException;
import java.util.Map;

/**
 * Anything that yields public posts: a followed JSONL folder, feeds, web pages, the Mastodon API, import folders.
 * A source keeps no position of its own: each run gets the positions last committed with its posts, and records new
 * ones in the harvest, so what Kafka holds is always consistent with what was emitted (exactly once across crashes).
 * A source never throws for one bad record: it rejects it, and goes on.
 */
public interface Source extends AutoCloseable {

    /** The id from {@code sources.yml}, e.g. {@code kabar-lampung}: in logs, dead letters, provenance and health. */
    String id();

    /**
     * Collects what is new since {@code positions} into {@code out}, at most about {@code limit} records; the runner
     * calls again at once while a run comes back full.
     *
     * @throws IOException when the source as a whole cannot be read (its folder vanished, every URL failed); the
     *                     runner logs it, shows it in the health and tries again at the next interval
     */
    void collect(Map<String, String> positions, Harvest out, int limit) throws IOException, InterruptedException;

    /**
     * What the source reports about itself beyond the runner's counts, shown in its health (e.g. an API's quota used
     * today); read from other threads, so an implementation keeps it in a thread-safe form.
     */
    default Map<String, String> details() {
        return Map.of();
    }

    @Override
    default void close() throws IOException {
    }
}
