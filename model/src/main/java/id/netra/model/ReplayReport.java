package id.netra.model;

import java.time.Instant;
import java.util.List;

/**
 * What {@code netra replay} found for a period: the alerts it derived again from the posts, compared with the alerts
 * recorded on {@code alerts} for the same posts. Value of the {@code replay-reports} topic, keyed by {@link #runId()};
 * also written as JSON and HTML files for the auditor.
 *
 * @param runId           the replay's id; its alerts are on {@code alerts-replay-<runId>}
 * @param from            start of the period (inclusive), by the posts' {@code publishedAt}
 * @param to              end of the period (exclusive)
 * @param replayedAt      when the replay ran (the only field that differs between replays of the same period)
 * @param versions        the versions asked for; a null field means "the ones in force when each post was published"
 * @param outputTopic     where the replayed alerts are
 * @param postsRead       records read from {@code posts}, including those outside the period
 * @param postsInPeriod   valid posts published in the period
 * @param seconds         how long the replay took
 * @param postsPerSecond  {@code postsRead / seconds}
 * @param counts          how many entries of each kind
 * @param entries         one per post with a recorded or replayed alert, ordered by kind then post key
 */
public record ReplayReport(String runId, Instant from, Instant to, Instant replayedAt, Versions versions,
                           String outputTopic, long postsRead, long postsInPeriod, double seconds, double postsPerSecond,
                           Counts counts, List<Entry> entries) {
    public ReplayReport {
        Validate.notBlank(runId, "runId");
        Validate.notNull(from, "from");
        Validate.notNull(to, "to");
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** The largest report record the topic takes (compressed). */
    public static final int MAX_RECORD_BYTES = 32 * 1024 * 1024;

    /** How a replayed alert compares with the recorded one. */
    public enum Kind { IDENTICAL, CHANGED, MISSING, NEW }

    /**
     * Versions of the data a decision used; in {@link #versions()} the ones asked for.
     *
     * @param watchlist the watchlist version
     * @param registry  in an entry the fingerprint of the ASN record used; in {@link #versions()} the time the registry
     *                  was looked up at (ISO), when one was asked for
     * @param lexicon   the classifier's data files, {@code cues-v2+slang-v1+rules-v1}
     */
    public record Versions(String watchlist, String registry, String lexicon) {
    }

    /** Entries of each kind, and the alerts on each side. */
    public record Counts(long identical, long changed, long missing, long added, long recorded, long replayed) {
    }

    /** A field that differs, with its JSON on each side. */
    public record Change(String field, String recorded, String replayed) {
    }

    /**
     * One post's comparison.
     *
     * @param postKey    the post's version key ({@code x:123}, {@code x:123#v2} for an edit)
     * @param recordedId the recorded alert's id, null when there is none ({@link Kind#NEW})
     * @param replayedId the replayed alert's id, null when there is none ({@link Kind#MISSING})
     * @param recorded   the versions the recorded alert was decided with
     * @param replayed   the versions the replayed alert was decided with
     * @param changes    for {@link Kind#CHANGED}, field by field
     */
    public record Entry(Kind kind, String postKey, String recordedId, String replayedId, Severity recordedSeverity,
                        Severity replayedSeverity, Versions recorded, Versions replayed, List<Change> changes) {
        public Entry {
            Validate.notNull(kind, "kind");
            Validate.notBlank(postKey, "postKey");
            changes = changes == null ? List.of() : List.copyOf(changes);
        }
    }
}
