package id.netra.ingest;

import id.netra.model.SeenPost;
import id.netra.model.SourceCursor;
import id.netra.model.Topic;
import id.netra.model.TopicReader;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What ingest committed before: each source's positions ({@code ingest-cursors}) and the latest version of every post
 * emitted ({@code ingest-seen}), read whole at start with {@code read_committed}, then kept up to date by the writers
 * after each commit. Shared by all sources, so a post collected by two sources (a feed and a reported URL) is emitted
 * once.
 */
public final class CommittedState {
    private static final Logger log = LoggerFactory.getLogger(CommittedState.class);

    private final Map<String, Map<String, String>> cursors = new ConcurrentHashMap<>();
    private final Map<String, SeenPost> seen = new ConcurrentHashMap<>();

    /**
     * Reads both topics to their end. Call after every source's transactional producer has been initialised (which
     * aborts what a crashed predecessor left open), or the read waits for those transactions to time out.
     */
    public static CommittedState load(Map<String, Object> kafka, Topic<String, SourceCursor> cursorTopic, Topic<String, SeenPost> seenTopic) {
        CommittedState state = new CommittedState();
        long t0 = System.nanoTime();
        TopicReader.readToEnd(kafka, cursorTopic, (k, v) -> {
            if (v == null) {
                state.cursors.remove(k);
            } else {
                state.cursors.put(k, v.positions());
            }
        });
        TopicReader.readToEnd(kafka, seenTopic, (k, v) -> {
            if (v == null) {
                state.seen.remove(k);
            } else {
                state.seen.put(k, v);
            }
        });
        log.info("Ingest state loaded in {} ms: positions of {} source(s), {} post(s) seen before.",
                (System.nanoTime() - t0) / 1_000_000, state.cursors.size(), state.seen.size());
        return state;
    }

    public Map<String, String> positions(String sourceId) {
        return cursors.getOrDefault(sourceId, Map.of());
    }

    public Optional<SeenPost> seen(String postKey) {
        return Optional.ofNullable(seen.get(postKey));
    }

    public int seenCount() {
        return seen.size();
    }

    /** After a commit: what it wrote is now the committed state. */
    void committed(String sourceId, Map<String, String> positions, Map<String, SeenPost> posts) {
        cursors.put(sourceId, Map.copyOf(positions));
        seen.putAll(posts);
    }
}
