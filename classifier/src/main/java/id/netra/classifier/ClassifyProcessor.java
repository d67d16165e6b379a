package id.netra.classifier;

import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.JsonSerde;
import id.netra.model.Post;
import id.netra.model.Watchlist;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies a post of a registered ASN under the watchlist version in force: the newest record of the watchlist
 * topic (by timestamp, then version). The compiled index of each version is cached, so a new version costs one
 * compilation and takes effect with the next post.
 */
final class ClassifyProcessor implements FixedKeyProcessor<String, ClassifyProcessor.PostOfAsn, Alert> {
    private static final Logger log = LoggerFactory.getLogger(ClassifyProcessor.class);

    /** A post joined with its author's registry record, as the bytes of the account table. */
    record PostOfAsn(Post post, byte[] asn) {
    }

    private static final JsonSerde<AsnRecord> ASNS = new JsonSerde<>(AsnRecord.class);

    private final String watchlistStore;
    private final String registryTopic;
    private final PostClassifier classifier;
    private final NetraAnalyzer analyzer;
    private final Map<String, WatchlistIndex> indexes;
    private FixedKeyProcessorContext<String, Alert> context;
    private ReadOnlyKeyValueStore<String, Object> watchlists;
    private long seenEntries = -1;
    private Optional<Watchlist> inForce = Optional.empty();

    /**
     * @param indexes the watchlist indexes by version, shared by all tasks of an instance: a national watchlist takes
     *                seconds to index and tens of megabytes, once per instance rather than once per partition
     * @param registryTopic the topic the account table's records come from, for errors
     */
    ClassifyProcessor(String watchlistStore, String registryTopic, Map<String, WatchlistIndex> indexes) {
        this.watchlistStore = watchlistStore;
        this.registryTopic = registryTopic;
        this.indexes = indexes;
        this.analyzer = new NetraAnalyzer();
        this.classifier = new PostClassifier(analyzer, Lexicon.load(analyzer));
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Alert> context) {
        this.context = context;
        this.watchlists = context.getStateStore(watchlistStore);
        // Index the version in force now (the global tables are loaded before tasks start), not with the first post:
        // a national watchlist takes about a second, which otherwise stalls the first posts of every task.
        current().ifPresent(this::index);
    }

    private WatchlistIndex index(Watchlist w) {
        return indexes.computeIfAbsent(w.version(), v -> {
            log.info("Watchlist version {} is now in force.", v);
            return new WatchlistIndex(w, analyzer);
        });
    }

    @Override
    public void process(FixedKeyRecord<String, PostOfAsn> record) {
        Optional<Watchlist> current = current();
        if (current.isEmpty()) {
            log.warn("No watchlist published yet: post {} is not classified. Publish one with 'netra watchlist publish'.",
                    record.value().post().key());
            return;
        }
        WatchlistIndex index = index(current.get());
        // The decision needs the author's region only; the whole record is read for an alert. A record that does not
        // read plainly is read whole right away, and fails as it did when every record was read whole.
        byte[] asn = record.value().asn();
        String region = RegistryRecordBytes.regionCode(asn);
        Optional<Alert> alert;
        if (region == null || region.isBlank()) {
            alert = classifier.classify(record.value().post(), ASNS.deserialize(registryTopic, asn), index);
        } else {
            alert = classifier.classify(record.value().post(), region, () -> ASNS.deserialize(registryTopic, asn), index);
        }
        alert.ifPresent(a -> context.forward(record.withValue(a)));
    }

    /**
     * The version in force: the newest record of the watchlist table. Versions are only ever added (a published version
     * is never overwritten), so the table is scanned again only when its size changes, not for every post: a national
     * watchlist is a megabyte of JSON.
     */
    private Optional<Watchlist> current() {
        long entries = watchlists.approximateNumEntries();
        if (entries != seenEntries) {
            inForce = scan();
            seenEntries = entries;
        }
        return inForce;
    }

    private Optional<Watchlist> scan() {
        Watchlist best = null;
        long bestTs = Long.MIN_VALUE;
        try (KeyValueIterator<String, Object> it = watchlists.all()) {
            while (it.hasNext()) {
                KeyValue<String, Object> kv = it.next();
                Watchlist w;
                long ts;
                if (kv.value instanceof ValueAndTimestamp<?> vt) {
                    w = (Watchlist) vt.value();
                    ts = vt.timestamp();
                } else {
                    w = (Watchlist) kv.value;
                    ts = 0;
                }
                if (w != null && (best == null || ts > bestTs || (ts == bestTs && w.version().compareTo(best.version()) > 0))) {
                    best = w;
                    bestTs = ts;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public void close() {
        // The indexes are shared by the instance's tasks and live as long as it does.
    }
}
