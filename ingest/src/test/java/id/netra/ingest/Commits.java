package id.netra.ingest;

import id.netra.model.Post;
import id.netra.model.SeenPost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link HarvestWriter} and {@link CommittedState} do, without Kafka, for tests of one source: runs it, keeps the
 * positions and post versions of each "committed" run, drops an unchanged post as the writer does, and hands the
 * source the same {@link SourceContext} view of what was committed that the service does.
 */
final class Commits {
    private final Map<String, SeenPost> seen = new HashMap<>();
    private final List<Post> emitted = new ArrayList<>();
    private final List<Harvest.Reject> rejected = new ArrayList<>();
    private Map<String, String> positions = Map.of();

    SourceContext context(java.util.function.Function<String, WatchlistFollower> watchlists) {
        return new SourceContext(watchlists, key -> Optional.ofNullable(seen.get(key)), name -> null);
    }

    SourceContext context() {
        return context(topic -> {
            throw new IllegalStateException("this test follows no watchlist");
        });
    }

    /** One run of the source from the committed positions; committed unless {@code crash}. */
    Harvest run(Source source, int limit, boolean crash) throws Exception {
        Harvest h = new Harvest(positions);
        source.collect(positions, h, limit);
        if (!crash) {
            for (Harvest.Item item : h.items()) {
                Post p = item.post();
                SeenPost before = seen.get(p.key());
                if (before != null && before.contentHash().equals(p.contentHash())) {
                    continue;
                }
                seen.put(p.key(), new SeenPost(p.contentHash(), before == null ? 1 : before.version() + 1));
                emitted.add(p);
            }
            rejected.addAll(h.rejects());
            positions = Map.copyOf(h.positions());
            h.afterCommitActions().forEach(Runnable::run);
        }
        return h;
    }

    Harvest run(Source source) throws Exception {
        return run(source, 10_000, false);
    }

    /** Every post emitted (new or edited) by the committed runs, in order. */
    List<Post> emitted() {
        return List.copyOf(emitted);
    }

    List<Harvest.Reject> rejected() {
        return List.copyOf(rejected);
    }

    Map<String, String> positions() {
        return positions;
    }
}
