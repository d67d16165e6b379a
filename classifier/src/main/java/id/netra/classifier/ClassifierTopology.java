package id.netra.classifier;

import id.netra.model.Alert;
import id.netra.model.DeadLetter;
import id.netra.model.JsonSerde;
import id.netra.model.MediaText;
import id.netra.model.Post;
import id.netra.model.Topics;
import id.netra.model.Watchlist;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The classifier topology: {@code posts} -> author lookup in the registry -> watchlist match -> {@code alerts}.
 *
 * <p>The registry is keyed by NIP but looked up by account, so registry changes are turned into account changes
 * (a claim for each account of a record, a removal for each account it no longer has) on the {@code registry-accounts}
 * topic, which every instance reads whole into a global store in RocksDB (off the heap, 4.5 million ASN fit), merging
 * the changes into each account's {@link RegistryHistory}. Posts look their author up where they are, without being
 * re-keyed: the posts' partitions share the work across instances, and a post costs no extra trip through the broker.
 * The watchlist (a handful of versions) is a global in-memory table; the newest record is the version in force.
 * A record on {@code posts} that is not a valid post goes to {@code posts-dlq} with the reason.
 *
 * <p>Pictures: the media stage writes the text it read in a post's pictures to {@code media-text}, keyed and partitioned
 * like {@code posts}, so that a post and its media text meet in one task. From rule data that reads pictures
 * ({@code media-ocr}), a post with pictures waits for its media text ({@link AwaitMediaProcessor}, at most
 * {@code classifier.media-wait}) and is decided as {@link MediaWait} says; a record on {@code media-text} that cannot be
 * read goes to {@code posts-dlq} too.
 */
public final class ClassifierTopology {
    static final String REGISTRY_BY_NIP = "registry-by-nip";
    static final String REGISTRY_BY_ACCOUNT = "registry-by-account";
    static final String WATCHLIST_VERSIONS = "watchlist-versions";

    /** The topics the topology reads and writes; tests use their own names. */
    public record TopicNames(String posts, String registry, String registryAccounts, String watchlist, String alerts,
                             String deadLetters, String mediaText) {
        /** With the catalog's {@code media-text}. */
        public TopicNames(String posts, String registry, String registryAccounts, String watchlist, String alerts, String deadLetters) {
            this(posts, registry, registryAccounts, watchlist, alerts, deadLetters, Topics.MEDIA_TEXT.name());
        }

        public static TopicNames defaults() {
            return new TopicNames(Topics.POSTS.name(), Topics.REGISTRY.name(), Topics.REGISTRY_ACCOUNTS.name(),
                    Topics.WATCHLIST.name(), Topics.ALERTS.name(), Topics.POSTS_DLQ.name(), Topics.MEDIA_TEXT.name());
        }
    }

    private ClassifierTopology() {
    }

    /** The topology deciding with this build's current classifier data. */
    public static Topology build(TopicNames topics) {
        return build(topics, Lexicons.current());
    }

    /** The topology deciding with the classifier data {@code lexiconVersion} ({@link Lexicons#classifier}). */
    public static Topology build(TopicNames topics, String lexiconVersion) {
        return build(topics, lexiconVersion, ClassifierMeters.none());
    }

    /** Like {@link #build(TopicNames, String)}, counting its alerts and dead letters in {@code meters}. */
    static Topology build(TopicNames topics, String lexiconVersion, ClassifierMeters meters) {
        return build(topics, lexiconVersion, meters, MediaWait.DEFAULT_WAIT, MediaWait.DEFAULT_KEEP);
    }

    /**
     * The topology, posts with pictures waiting up to {@code mediaWait} for their media text and reading one that comes
     * up to {@code mediaKeep} after them ({@link MediaWait}).
     */
    static Topology build(TopicNames topics, String lexiconVersion, ClassifierMeters meters, java.time.Duration mediaWait,
                          java.time.Duration mediaKeep) {
        Serde<String> keys = Serdes.String();
        JsonSerde<Post> posts = new JsonSerde<>(Post.class);
        JsonSerde<Watchlist> watchlists = new JsonSerde<>(Watchlist.class);
        StreamsBuilder builder = new StreamsBuilder();
        Map<String, WatchlistIndex> indexes = new java.util.concurrent.ConcurrentHashMap<>();

        builder.globalTable(topics.watchlist(), Consumed.with(keys, watchlists).withName("watchlist-source"),
                Materialized.<String, Watchlist>as(Stores.inMemoryKeyValueStore(WATCHLIST_VERSIONS))
                        .withKeySerde(keys).withValueSerde(watchlists)
                        // No cache in front: the classifier notices a new version by the store's size, which a cache
                        // would hold back until its next flush (WatchlistSwitchIT).
                        .withCachingDisabled());

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REGISTRY_BY_NIP), keys, Serdes.String()));
        builder.stream(topics.registry(), Consumed.with(keys, Serdes.ByteArray()).withName("registry-source"))
                .process(() -> new RegistryAccountsProcessor(REGISTRY_BY_NIP), Named.as("registry-account-changes"), REGISTRY_BY_NIP)
                .to(topics.registryAccounts(), Produced.with(keys, Serdes.ByteArray()).withName("registry-accounts-sink"));
        // The account table: every instance reads the account changes whole and merges them into each account's
        // history, in RocksDB (off the heap: 4.5 million ASN fit). The topic is its changelog; Kafka Streams runs the
        // merging processor again when it rebuilds the table. For a post the classifier finds the version as of the
        // post, reads the region from its bytes, and the whole record only when it writes an alert.
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REGISTRY_BY_ACCOUNT), keys, Serdes.ByteArray())
                        .withLoggingDisabled(),
                topics.registryAccounts(), Consumed.with(keys, Serdes.ByteArray()).withName("registry-accounts-source"),
                () -> new RegistryTableProcessor(REGISTRY_BY_ACCOUNT, topics.registryAccounts()));

        Map<String, KStream<String, PostParser.Parsed>> parsed = builder
                .stream(topics.posts(), Consumed.with(keys, Serdes.ByteArray()).withName("posts-source"))
                .processValues(PostParser::new, Named.as("parse-posts"))
                .split(Named.as("posts-"))
                .branch((k, v) -> v.post() == null, Branched.as("invalid"))
                .defaultBranch(Branched.as("valid"));

        parsed.get("posts-invalid")
                .mapValues(PostParser.Parsed::deadLetter, Named.as("to-dead-letter"))
                .peek((k, dead) -> meters.deadLetter(dead.reason()), Named.as("count-dead-letters"))
                .to(topics.deadLetters(), Produced.with(keys, new JsonSerde<>(DeadLetter.class)).withName("dead-letter-sink"));

        Map<String, KStream<String, MediaTextParser.Parsed>> mediaTexts = builder
                .stream(topics.mediaText(), Consumed.with(keys, Serdes.ByteArray()).withName("media-text-source"))
                .processValues(MediaTextParser::new, Named.as("parse-media-texts"))
                .split(Named.as("media-texts-"))
                .branch((k, v) -> v.mediaText() == null, Branched.as("invalid"))
                .defaultBranch(Branched.as("valid"));
        mediaTexts.get("media-texts-invalid")
                .mapValues(MediaTextParser.Parsed::deadLetter, Named.as("media-text-to-dead-letter"))
                .peek((k, dead) -> meters.deadLetter(dead.reason()), Named.as("count-media-text-dead-letters"))
                .to(topics.deadLetters(), Produced.with(keys, new JsonSerde<>(DeadLetter.class)).withName("media-text-dead-letter-sink"));

        boolean readsPictures = Lexicons.classifier(lexiconVersion).readsPictures();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AwaitMediaProcessor.WAITING), keys, Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AwaitMediaProcessor.DUE), keys, Serdes.String()));
        parsed.get("posts-valid")
                .mapValues(p -> MediaArrival.of(p.post()), Named.as("post"))
                .merge(mediaTexts.get("media-texts-valid").mapValues(m -> MediaArrival.of(m.mediaText()), Named.as("media-text")),
                        Named.as("posts-and-media-texts"))
                .process(() -> new AwaitMediaProcessor(REGISTRY_BY_ACCOUNT, readsPictures, mediaWait, mediaKeep), Named.as("await-media-text"),
                        AwaitMediaProcessor.WAITING, AwaitMediaProcessor.DUE)
                .processValues(() -> new ClassifyProcessor(WATCHLIST_VERSIONS, REGISTRY_BY_ACCOUNT, topics.registryAccounts(), indexes, lexiconVersion),
                        Named.as("classify"))
                .selectKey((k, alert) -> alert.id(), Named.as("key-by-alert-id"))
                .peek((k, alert) -> meters.alert(alert.severity()), Named.as("count-alerts"))
                .to(topics.alerts(), Produced.with(keys, new JsonSerde<>(Alert.class)).withName("alerts-sink"));
        return builder.build();
    }
}
