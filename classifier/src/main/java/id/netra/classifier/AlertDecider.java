package id.netra.classifier;

import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.JsonSerde;
import id.netra.model.Post;
import id.netra.model.Watchlist;
import java.util.Map;
import java.util.Optional;

/**
 * The decision for one post, shared by the live classifier and {@code netra replay} so that both decide alike: the
 * author's registry record as of a time (normally the post's {@code publishedAt}, see {@link RegistryHistory}), the
 * given watchlist version, and the classifier's data files. Nothing here reads a clock or depends on the order posts
 * arrive in, so the same post with the same versions gives the same alert, byte for byte.
 * Not thread-safe (the analyzer is not); one per stream task or replay thread.
 */
public final class AlertDecider {
    private static final JsonSerde<AsnRecord> ASNS = new JsonSerde<>(AsnRecord.class);

    private final PostClassifier classifier;
    private final Map<String, WatchlistIndex> indexes;
    private final String registryTopic;

    /**
     * @param indexes       the compiled watchlist indexes by version, shared by the deciders of an instance (a national
     *                      watchlist takes a second and tens of megabytes to index); must come from deciders with the
     *                      same analyzer settings
     * @param registryTopic the topic the account histories come from, for errors
     */
    public AlertDecider(PostClassifier classifier, Map<String, WatchlistIndex> indexes, String registryTopic) {
        this.classifier = classifier;
        this.indexes = indexes;
        this.registryTopic = registryTopic;
    }

    /** The compiled index of {@code watchlist}, built once per version. */
    public WatchlistIndex index(Watchlist watchlist) {
        return indexes.computeIfAbsent(watchlist.version(), v -> new WatchlistIndex(watchlist, classifier.analyzer()));
    }

    /** The versions of the classifier's data files, as alerts record them. */
    public String lexiconVersion() {
        return classifier.lexiconVersion();
    }

    /**
     * The alert for {@code post}, if any.
     *
     * @param accountHistory     the author account's {@link RegistryHistory} (value of {@code registry-accounts}), or a
     *                           plain record as written before histories existed
     * @param registryAsOfMillis the time the author is looked up at
     * @param watchlist          the watchlist version to judge with
     * @return empty when the post is not partisan, or the account was not an ASN's at that time
     * @throws org.apache.kafka.common.errors.SerializationException when the registry record is not a valid record
     */
    public Optional<Alert> decide(Post post, byte[] accountHistory, long registryAsOfMillis, Watchlist watchlist) {
        return decide(post, null, accountHistory, registryAsOfMillis, watchlist);
    }

    /** Whether the classifier's data reads the text in pictures: then a post with pictures waits for it ({@link MediaWait}). */
    public boolean readsPictures() {
        return classifier.readsPictures();
    }

    /** The classifier deciding. */
    public PostClassifier classifier() {
        return classifier;
    }

    /**
     * The same, reading the text of the post's pictures too ({@code pictures}, where the rule data reads it).
     *
     * @param pictures the post's media text, or null
     */
    public Optional<Alert> decide(Post post, id.netra.model.MediaText pictures, byte[] accountHistory, long registryAsOfMillis,
                                  Watchlist watchlist) {
        RegistryHistory.Version version;
        try {
            version = RegistryHistory.asOf(accountHistory, registryAsOfMillis);
        } catch (IllegalArgumentException e) {
            throw new org.apache.kafka.common.errors.SerializationException("account history of " + post.author().handle()
                    + " on " + registryTopic + ": " + e.getMessage());
        }
        if (version == null) {
            return Optional.empty();
        }
        WatchlistIndex index = index(watchlist);
        // The decision needs the author's region only; the whole record is read for an alert. A record that does not
        // read plainly is read whole right away, and fails as it did when every record was read whole.
        String region = RegistryRecordBytes.regionCode(version.bytes(), version.offset(), version.length());
        if (region == null || region.isBlank()) {
            id.netra.model.AsnRecord asn = ASNS.deserialize(registryTopic, version.copy());
            return classifier.classify(post, pictures, asn.regionCode(), () -> asn, index);
        }
        return classifier.classify(post, pictures, region, () -> ASNS.deserialize(registryTopic, version.copy()), index);
    }
}
