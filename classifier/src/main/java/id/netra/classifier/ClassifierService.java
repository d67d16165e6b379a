package id.netra.classifier;

import java.time.Duration;
import id.netra.ops.FatalSignal;
import id.netra.ops.Health;
import id.netra.ops.Metrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the classifier topology: reads posts, registry and watchlist, writes alerts and dead letters. */
public final class ClassifierService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClassifierService.class);

    private final ClassifierConfig config;
    private final KafkaStreams streams;
    private final Metrics metrics = new Metrics("classifier");
    private final FatalSignal fatal = new FatalSignal();
    private final Health health = new Health();
    private volatile boolean closing;

    public ClassifierService(ClassifierConfig config) {
        this.config = config;
        this.streams = new KafkaStreams(ClassifierTopology.build(config.topics(), config.lexiconVersion(),
                new ClassifierMeters(metrics.registry()), config.mediaWait(), config.mediaKeep()),
                config.streamsProperties());
        // A stream thread (or the global thread) that dies takes the whole client to ERROR: the process must then end
        // non-zero so that its supervisor restarts it, instead of idling with no thread processing posts.
        streams.setStateListener((now, before) -> {
            log.info("Classifier {} -> {}.", before, now);
            if (now == KafkaStreams.State.PENDING_ERROR || now == KafkaStreams.State.ERROR) {
                fatal.raise("Kafka Streams went from " + before + " to " + now, null);
            } else if ((now == KafkaStreams.State.PENDING_SHUTDOWN || now == KafkaStreams.State.NOT_RUNNING) && !closing) {
                fatal.raise("Kafka Streams went from " + before + " to " + now + " without being asked to stop", null);
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            log.error("The classifier hit an unexpected error and stops; fix the cause and restart it.", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        metrics.bind(new KafkaStreamsMetrics(streams, java.util.List.of(), metrics.refreshScheduler(), Metrics.KAFKA_REFRESH));
        health.liveness("streams", () -> !fatal.raised())
                .readiness("streams-running", () -> streams.state() == KafkaStreams.State.RUNNING);
    }

    /**
     * Liveness: {@code streams} is DOWN once Kafka Streams failed (a dead stream or global thread). Readiness:
     * {@code streams-running} is UP in state RUNNING (the global stores, registry accounts and watchlist, are restored
     * and the posts' partitions assigned), DOWN while starting or rebalancing.
     */
    public Health health() {
        return health;
    }

    /** Kafka Streams' metrics (threads, tasks, consumers' lag, producers) and the classifier's alert and dead-letter counts. */
    public Metrics metrics() {
        return metrics;
    }

    /** Raised when Kafka Streams failed; the process must exit non-zero. */
    public FatalSignal fatal() {
        return fatal;
    }

    public void start() {
        log.info("Classifier {} starting: {} -> {} (bad records to {}), state in {}, deciding with {}.", config.applicationId(),
                config.topics().posts(), config.topics().alerts(), config.topics().deadLetters(), config.stateDir(), config.lexiconVersion());
        log.info("Posts with pictures wait up to {} for their text from {}.", config.mediaWait(), config.topics().mediaText());
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * How many registry accounts this instance can look up, counting up to {@code atMost}; 0 while the classifier
     * is still starting. Lets a caller wait for the registry before feeding posts: a post joined before its
     * author's record arrived is not flagged.
     */
    public long registryAccounts(long atMost) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return 0;
        }
        try {
            ReadOnlyKeyValueStore<String, ?> store = streams.store(StoreQueryParameters.fromNameAndType(
                    ClassifierTopology.REGISTRY_BY_ACCOUNT, QueryableStoreTypes.keyValueStore()));
            long n = 0;
            try (KeyValueIterator<String, ?> it = store.all()) {
                while (n < atMost && it.hasNext()) {
                    it.next();
                    n++;
                }
            }
            return n;
        } catch (InvalidStateStoreException e) {
            return 0;
        }
    }

    /**
     * How many versions of an account's registry record (removals included) this instance can see, 0 when none or
     * while starting: lets a caller wait until a registry change has reached the classifier.
     *
     * @param accountKey an account lookup key, {@code x:budi_s}
     */
    public int registryVersions(String accountKey) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return 0;
        }
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                    ClassifierTopology.REGISTRY_BY_ACCOUNT, QueryableStoreTypes.<String, byte[]>keyValueStore()));
            return RegistryHistory.count(store.get(accountKey));
        } catch (InvalidStateStoreException e) {
            return 0;
        }
    }

    /** The watchlist versions this instance has read (in no particular order); empty while starting. */
    public java.util.List<String> watchlistVersions() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return java.util.List.of();
        }
        try {
            ReadOnlyKeyValueStore<String, ?> store = streams.store(StoreQueryParameters.fromNameAndType(
                    ClassifierTopology.WATCHLIST_VERSIONS, QueryableStoreTypes.keyValueStore()));
            java.util.List<String> out = new java.util.ArrayList<>();
            try (KeyValueIterator<String, ?> it = store.all()) {
                it.forEachRemaining(kv -> out.add(kv.key));
            }
            return out;
        } catch (InvalidStateStoreException e) {
            return java.util.List.of();
        }
    }

    /**
     * RocksDB's estimate of the accounts in this instance's registry table (cheap; exact enough to watch a bulk load),
     * 0 while the classifier is not running.
     */
    public long registryAccountsEstimate() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return 0;
        }
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(ClassifierTopology.REGISTRY_BY_ACCOUNT,
                    QueryableStoreTypes.keyValueStore())).approximateNumEntries();
        } catch (InvalidStateStoreException e) {
            return 0;
        }
    }

    /**
     * Records processed by this instance's stream threads since it started (Kafka Streams' {@code process-total}
     * of each stream thread, summed): progress at a finer grain than committed offsets, which move once per commit.
     */
    public long recordsProcessed() {
        double total = 0;
        for (var e : streams.metrics().entrySet()) {
            if (e.getKey().group().equals("stream-thread-metrics") && e.getKey().name().equals("process-total")
                    && e.getValue().metricValue() instanceof Number n) {
                total += n.doubleValue();
            }
        }
        return (long) total;
    }

    /**
     * Stops the classifier and leaves its consumer group, so that an instance started next (a restart, or another
     * instance taking over) gets the partitions at once instead of after the group's session timeout (45 s).
     */
    @Override
    public void close() {
        closing = true;
        streams.close(org.apache.kafka.streams.CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        metrics.close();
    }
}
