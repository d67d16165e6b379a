package id.netra.classifier;

import id.netra.model.Account;
import id.netra.model.Alert;
import id.netra.model.Post;
import id.netra.model.Watchlist;
import java.util.ArrayList;
import java.util.List;
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
 * Classifies a post of a registered ASN as of the post's {@code publishedAt}: under the watchlist version in force then
 * ({@link WatchlistVersions}) and with the author's registry record as it was then ({@link RegistryHistory}), never
 * by the time it is processed, so a late post, a reprocessing and {@code netra replay} decide alike; with the text of its
 * pictures where {@link AwaitMediaProcessor} hands that on ({@link MediaWait}). The compiled
 * index of each version is cached, so a new version costs one compilation.
 */
final class ClassifyProcessor implements FixedKeyProcessor<String, ToClassify, Alert> {
    private static final Logger log = LoggerFactory.getLogger(ClassifyProcessor.class);

    private final String watchlistStore;
    private final String accountStore;
    private final AlertDecider decider;
    private FixedKeyProcessorContext<String, Alert> context;
    private ReadOnlyKeyValueStore<String, Object> watchlists;
    private ReadOnlyKeyValueStore<String, byte[]> accounts;
    private long seenEntries = -1;
    private WatchlistVersions versions = WatchlistVersions.of(List.of());

    /**
     * @param indexes the watchlist indexes by version, shared by all tasks of an instance: a national watchlist takes
     *                seconds to index and tens of megabytes, once per instance rather than once per partition
     * @param registryTopic the topic the account table's records come from, for errors
     */
    ClassifyProcessor(String watchlistStore, String accountStore, String registryTopic, Map<String, WatchlistIndex> indexes,
                      String lexiconVersion) {
        this.watchlistStore = watchlistStore;
        this.accountStore = accountStore;
        this.decider = new AlertDecider(Lexicons.classifier(lexiconVersion), indexes, registryTopic);
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Alert> context) {
        this.context = context;
        this.watchlists = context.getStateStore(watchlistStore);
        this.accounts = context.getStateStore(accountStore);
        // Index the newest version now (the global tables are loaded before tasks start), not with the first post:
        // a national watchlist takes about a second, which otherwise stalls the first posts of every task.
        current().newest().ifPresent(this::index);
    }

    private WatchlistIndex index(Watchlist w) {
        return decider.index(w);
    }

    @Override
    public void process(FixedKeyRecord<String, ToClassify> record) {
        Post post = record.value().post();
        byte[] history = accounts.get(Account.lookupKey(post.platform(), post.author().handle()));
        if (history == null) {
            return;
        }
        long at = post.publishedAt().toInstant().toEpochMilli();
        Optional<Watchlist> inForce = current().inForceAt(at);
        if (inForce.isEmpty()) {
            log.warn("No watchlist published yet: post {} is not classified. Publish one with 'netra watchlist publish'.",
                    post.key());
            return;
        }
        Optional<Alert> alert = decider.decide(post, record.value().mediaText(), history, at, inForce.get());
        if (record.value().edit()) {
            alert = alert.flatMap(MediaWait::asEdit);
        }
        alert.ifPresent(a -> context.forward(record.withValue(a)));
    }

    /**
     * The published versions. Versions are only ever added (a published version is never overwritten), so the table is
     * scanned again only when its size changes, not for every post: a national watchlist is a megabyte of JSON.
     */
    private WatchlistVersions current() {
        long entries = watchlists.approximateNumEntries();
        if (entries != seenEntries) {
            versions = scan();
            seenEntries = entries;
            log.info("Watchlist versions published: {}.", versions.names());
        }
        return versions;
    }

    private WatchlistVersions scan() {
        List<WatchlistVersions.Published> all = new ArrayList<>();
        try (KeyValueIterator<String, Object> it = watchlists.all()) {
            while (it.hasNext()) {
                KeyValue<String, Object> kv = it.next();
                if (kv.value instanceof ValueAndTimestamp<?> vt && vt.value() instanceof Watchlist w) {
                    all.add(new WatchlistVersions.Published(vt.timestamp(), w));
                } else if (kv.value instanceof Watchlist w) {
                    all.add(new WatchlistVersions.Published(0, w));
                }
            }
        }
        return WatchlistVersions.of(all);
    }

    @Override
    public void close() {
        // The indexes are shared by the instance's tasks and live as long as it does.
    }
}
