package id.netra.classifier;

import id.netra.model.Watchlist;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The published watchlist versions, each in force from its record's timestamp on the {@code watchlist} topic.
 *
 * <p>As-of rule: the version in force at a time is the newest version (by record timestamp, then by version name)
 * published at or before it; a post older than every version is judged with the oldest one (watchlists are published
 * after the posts they are about are written, e.g. the 2024 samples). The classifier applies it to the post's
 * {@code publishedAt}, not to the time it runs, so a post gets the same version live, late, or in a replay.
 */
public final class WatchlistVersions {
    /** One published version and the time from which it is in force. */
    public record Published(long fromMillis, Watchlist watchlist) {
    }

    private static final WatchlistVersions NONE = new WatchlistVersions(List.of());

    private final List<Published> versions;
    private final long[] froms;

    private WatchlistVersions(List<Published> sorted) {
        this.versions = List.copyOf(sorted);
        this.froms = sorted.stream().mapToLong(Published::fromMillis).toArray();
    }

    /** The versions in any order; a version published twice counts from its last record. */
    public static WatchlistVersions of(List<Published> published) {
        java.util.Map<String, Published> byVersion = new java.util.HashMap<>();
        for (Published p : published) {
            byVersion.put(p.watchlist().version(), p);
        }
        List<Published> sorted = new ArrayList<>(byVersion.values());
        sorted.sort(Comparator.comparingLong(Published::fromMillis).thenComparing(p -> p.watchlist().version()));
        return sorted.isEmpty() ? NONE : new WatchlistVersions(sorted);
    }

    public boolean isEmpty() {
        return versions.isEmpty();
    }

    public int size() {
        return versions.size();
    }

    /** The version in force at {@code atMillis} (see the class comment); empty when none was published. */
    public Optional<Watchlist> inForceAt(long atMillis) {
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        int lo = 0;
        int hi = froms.length - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (froms[mid] <= atMillis) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.of(versions.get(found).watchlist());
    }

    /**
     * The version named {@code version}.
     *
     * @throws IllegalArgumentException listing the published versions when there is none of that name
     */
    public Watchlist version(String version) {
        return versions.stream().map(Published::watchlist).filter(w -> w.version().equals(version)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no watchlist version '" + version + "' was published; published: "
                        + (versions.isEmpty() ? "none" : String.join(", ", names()))));
    }

    /** The newest version. */
    public Optional<Watchlist> newest() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast().watchlist());
    }

    /** The versions' names, oldest first. */
    public List<String> names() {
        return versions.stream().map(p -> p.watchlist().version()).toList();
    }

    public List<Published> versions() {
        return versions;
    }
}
