package id.netra.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalog.
 *
 * <p><b>Retention.</b> What an auditor or a sanction procedure may need (posts, captures, alerts, case events, the
 * audit log, dead letters) is kept at least {@link #MIN_RETENTION five years}; the catalog creates these topics
 * without any time or size limit ({@code retention.ms=-1}, {@code retention.bytes=-1}), because Kafka deletes whole
 * segments by age and cannot hold back the evidence of a case still open or under appeal. An operator who must delete
 * older data (a data-protection policy) sets a {@code retention.ms} of at least {@code 157788000000} on those topics;
 * {@link #retentionShortfall} tells what falls short of the rule. Topics that hold state rather than history are
 * compacted: the registry (the latest record per NIP; its history is kept by {@code registry-accounts}, every change of
 * every account, without limit), the watchlist
 * (keyed by version, and a version is never overwritten, so every version is kept), ingest's positions and versions.
 */
public final class Topics {
    /**
     * The least time the history topics keep a record: five years of 365.25 days, 157,788,000,000 ms (Bawaslu's
     * findings and the ASN sanction procedures that follow them can be reopened for years after an election).
     */
    public static final Duration MIN_RETENTION = Duration.ofMillis(157_788_000_000L);

    /**
     * The largest record Netra writes to a topic created with the broker's default {@code max.message.bytes} (1 MiB):
     * a dead letter is cut to fit it ({@link DeadLetter}), with room for the record's key and headers.
     */
    public static final int MAX_RECORD_BYTES = 1_000_000;

    /**
     * The largest post ingest emits, as JSON. A post must fit {@code posts}, and the alert that embeds it (with the ASN
     * record, the evidence and the explanation) must fit {@code alerts}; a larger one goes to {@code posts-dlq}.
     */
    public static final int MAX_POST_BYTES = 512 * 1024;

    /**
     * Topics compacted by design: they hold state, and the latest record of each key is all they need to keep. The
     * registry's history is kept by {@code registry-accounts} (not compacted); the watchlist's key is the version, never
     * overwritten.
     */
    private static final Set<String> COMPACTED_STATE = Set.of("registry", "watchlist", "ingest-cursors",
            "ingest-seen");

    private static final Map<String, String> KEEP_FOREVER = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1");
    private static final Map<String, String> COMPACTED = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

    /** Collected posts, key {@code platform:postId}; read strictly ({@link PostLines#serde()}). */
    public static final Topic<String, Post> POSTS = new Topic<>("posts", Serdes.String(), PostLines.serde(), 3, KEEP_FOREVER);
    /** The ASN registry, key NIP; a tombstone removes a person. */
    public static final Topic<String, AsnRecord> REGISTRY = topic("registry", AsnRecord.class, 3, COMPACTED);
    /**
     * The registry by account, key = account lookup key ({@code x:budi_s}), value = one change of the account: a claim
     * by an ASN record (its JSON, NIP and time) or a removal (binary, read by the classifier's {@code RegistryHistory});
     * written by the classifier from {@code registry}, read whole by every classifier instance (which merges the changes
     * into each account's history) and by {@code netra replay}. Kept without limit: the changes are the history.
     */
    public static final Topic<String, byte[]> REGISTRY_ACCOUNTS = new Topic<>("registry-accounts", Serdes.String(), Serdes.ByteArray(), 3, KEEP_FOREVER);
    /** Watchlist versions, key = version; the newest record is the version in force. */
    public static final Topic<String, Watchlist> WATCHLIST = topic("watchlist", Watchlist.class, 1, COMPACTED);
    /** Alerts, key = alert id. */
    public static final Topic<String, Alert> ALERTS = topic("alerts", Alert.class, 3, KEEP_FOREVER);
    /** Records that could not be processed, with the reason. */
    public static final Topic<String, DeadLetter> POSTS_DLQ = topic("posts-dlq", DeadLetter.class, 1, KEEP_FOREVER);
    /** Raw payloads posts were read from (gzip), key = the post's key; evidence, kept without limit. */
    public static final Topic<String, Capture> CAPTURES = topic("captures", Capture.class, 3, with(KEEP_FOREVER,
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(Capture.MAX_RECORD_BYTES)));
    /**
     * What the media stage read in posts' pictures ({@link MediaText}), key = the post's key, like {@code posts}: the
     * two topics are co-partitioned (same partition count, same key, Kafka's default partitioner), so the classifier
     * reads a post and its media text in one task. Kept without limit: the classifier's decisions read it, and
     * {@code netra replay} derives them again from it.
     */
    public static final Topic<String, MediaText> MEDIA_TEXT = topic("media-text", MediaText.class, 3, KEEP_FOREVER);

    /** Each ingest source's position, key = source id; written in the transaction of the posts it accounts for. */
    public static final Topic<String, SourceCursor> INGEST_CURSORS = topic("ingest-cursors", SourceCursor.class, 1, COMPACTED);
    /** The latest version of each post ingest emitted, key = the post's key; so unchanged posts are not sent again. */
    public static final Topic<String, SeenPost> INGEST_SEEN = topic("ingest-seen", SeenPost.class, 3, COMPACTED);

    /**
     * Case events (opened, alert added, assigned, confirmed, dismissed, escalated, commented, reopened), key = case id;
     * one partition so the audit trail has one order. Kept without limit.
     */
    public static final Topic<String, AlertEvent> ALERT_EVENTS = topic("alert-events", AlertEvent.class, 1, KEEP_FOREVER);

    /**
     * Logins, case views, exports, notifications sent and silences ({@link AuditEntry}), key = user name; one partition
     * so the audit trail has one order. Kept without limit.
     */
    public static final Topic<String, AuditEntry> AUDIT_LOG = topic("audit-log", AuditEntry.class, 1, KEEP_FOREVER);

    /**
     * The notification outbox: planned notifications and their delivery outcomes (planned, suppressed, sending,
     * attempt-failed, delivered), key = notification id. Kept without limit: it is the audit of what was sent to whom.
     */
    public static final Topic<String, NotificationEvent> NOTIFICATIONS = topic("notifications", NotificationEvent.class, 3, KEEP_FOREVER);

    /**
     * Silences set and lifted by analysts, key = silence id. Kept without limit rather than compacted: every change
     * is audited, and silences are few.
     */
    public static final Topic<String, SilenceEvent> SILENCES = topic("silences", SilenceEvent.class, 1, KEEP_FOREVER);

    /**
     * Reports of {@code netra replay} ({@link ReplayReport}), key = run id; kept without limit, records up to 32 MiB
     * (a report lists every alert of its period).
     */
    public static final Topic<String, ReplayReport> REPLAY_REPORTS = topic("replay-reports", ReplayReport.class, 1, with(KEEP_FOREVER,
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(ReplayReport.MAX_RECORD_BYTES)));

    /** Prefix of the topic a replay writes its alerts to: {@code alerts-replay-<run id>}, kept without limit. */
    public static final String ALERTS_REPLAY_PREFIX = "alerts-replay-";

    private static final List<Topic<?, ?>> ALL = List.of(POSTS, REGISTRY, REGISTRY_ACCOUNTS, WATCHLIST, ALERTS, POSTS_DLQ,
            CAPTURES, INGEST_CURSORS, INGEST_SEEN, ALERT_EVENTS, AUDIT_LOG, NOTIFICATIONS, SILENCES, REPLAY_REPORTS, MEDIA_TEXT);

    private Topics() {
    }

    public static List<Topic<?, ?>> all() {
        return ALL;
    }

    /**
     * Why a topic with these (effective) configs falls short of the retention rule, or empty when it does not: a topic
     * that deletes must keep records at least {@link #MIN_RETENTION} and without a size limit; only the state topics of
     * the catalog may be compacted alone.
     *
     * @param configs the topic's configs; a key absent is read as Kafka's default ({@code delete}, 7 days, no size limit)
     */
    public static Optional<String> retentionShortfall(String topic, Map<String, String> configs) {
        List<String> policy = List.of(configs.getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .replace(" ", "").split(","));
        if (!policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
            return COMPACTED_STATE.contains(topic) ? Optional.empty()
                    : Optional.of("compacted, which keeps only the latest record per key; it must keep every record");
        }
        long ms = Long.parseLong(configs.getOrDefault(TopicConfig.RETENTION_MS_CONFIG, "604800000"));
        long bytes = Long.parseLong(configs.getOrDefault(TopicConfig.RETENTION_BYTES_CONFIG, "-1"));
        if (ms >= 0 && ms < MIN_RETENTION.toMillis()) {
            return Optional.of("retention.ms=" + ms + " is less than five years (" + MIN_RETENTION.toMillis() + ")");
        }
        if (bytes >= 0) {
            return Optional.of("retention.bytes=" + bytes + " deletes by size, whatever the age");
        }
        if (policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT) && !COMPACTED_STATE.contains(topic)) {
            return Optional.of("also compacted, which drops older records of a key; it must keep every record");
        }
        return Optional.empty();
    }

    /** The configuration of a replay's alerts topic: like {@code alerts}, kept without limit. */
    public static Map<String, String> replayAlertsConfigs() {
        return KEEP_FOREVER;
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new HashMap<>(base);
        m.put(key, value);
        return Map.copyOf(m);
    }

    private static <V> Topic<String, V> topic(String name, Class<V> type, int partitions, Map<String, String> configs) {
        Serde<String> keys = Serdes.String();
        return new Topic<>(name, keys, new JsonSerde<>(type), partitions, configs);
    }

    /**
     * Brings topics created by an earlier release up to this catalog where the change only keeps more:
     * {@code registry-accounts} was compacted (it held whole histories) and now holds the changes that make up the
     * histories, so it must keep every record. Nothing is ever shortened or deleted.
     *
     * @return what was changed, one line per topic (empty when nothing needed to)
     */
    public static List<String> upgrade(Admin admin) throws InterruptedException {
        List<String> done = new ArrayList<>();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, REGISTRY_ACCOUNTS.name());
        try {
            if (!admin.listTopics().names().get().contains(REGISTRY_ACCOUNTS.name())) {
                return done;
            }
            org.apache.kafka.clients.admin.ConfigEntry policy = admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy != null && policy.value() != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                List<org.apache.kafka.clients.admin.AlterConfigOp> ops = new ArrayList<>();
                REGISTRY_ACCOUNTS.configs().forEach((k, v) -> ops.add(new org.apache.kafka.clients.admin.AlterConfigOp(
                        new org.apache.kafka.clients.admin.ConfigEntry(k, v), org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)));
                admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get();
                done.add(REGISTRY_ACCOUNTS.name() + ": was compacted, now keeps every record (its changes are the registry's history)");
            }
            return done;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot check the configuration of " + REGISTRY_ACCOUNTS.name() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /** How long {@link #createMissing} waits for the partitions it created to be served by their leaders. */
    static final Duration LEADERS_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Returns once every partition of {@code topics} is served by its leader: a created topic's partitions are
     * created on the brokers a moment after the controller says so, and an idempotent producer that writes in that moment
     * with several requests in flight can see its first request refused (not the leader) and a later one accepted, then
     * retry the first forever ({@code OUT_OF_ORDER_SEQUENCE_NUMBER}, KAFKA-15591). Asking every partition's end offset is
     * answered by the leader alone. The admin client does not retry a partition whose topic the broker does not know yet
     * (its metadata lags the controller by a moment): this asks again for the partitions that failed with a retriable
     * error, after a pause that grows from 20 to 500 ms, until {@code timeout}.
     *
     * @param onRetry told the partitions still waited for before each new attempt
     * @throws IllegalStateException naming the partitions still without a leader once {@code timeout} has passed
     * @throws ExecutionException on an error that asking again would not cure (not authorized, for one)
     */
    public static void awaitLeaders(Admin admin, List<NewTopic> topics, Duration timeout,
            Consumer<Set<TopicPartition>> onRetry) throws InterruptedException, ExecutionException {
        Set<TopicPartition> pending = new TreeSet<>(
                Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        for (NewTopic t : topics) {
            for (int p = 0; p < t.numPartitions(); p++) {
                pending.add(new TopicPartition(t.name(), p));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMs = 20;
        Throwable last = null;
        while (true) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            pending.forEach(tp -> ends.put(tp, OffsetSpec.latest()));
            var result = admin.listOffsets(ends);
            for (TopicPartition tp : List.copyOf(pending)) {
                try {
                    result.partitionResult(tp).get();
                    pending.remove(tp);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException)) {
                        throw e;
                    }
                    last = e.getCause();
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("No leader serves " + pending + " " + timeout.toSeconds()
                        + " s after the topics were created (last error: " + last.getMessage() + ")", last);
            }
            onRetry.accept(Set.copyOf(pending));
            Thread.sleep(pauseMs);
            pauseMs = Math.min(500, pauseMs * 2);
        }
    }

    /**
     * Creates the catalog's topics that do not exist yet, with the broker's default replication factor.
     *
     * @return the names of the topics created
     */
    public static List<String> createMissing(Admin admin) throws InterruptedException {
        return createMissing(admin, TopicLayout.defaults());
    }

    /**
     * Creates the catalog's topics that do not exist yet, with the partitions and replication factor of {@code layout}.
     *
     * @return the names of the topics created
     */
    public static List<String> createMissing(Admin admin, TopicLayout layout) throws InterruptedException {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> t : ALL) {
                if (!existing.contains(t.name())) {
                    missing.add(new NewTopic(t.name(), Optional.of(layout.partitions(t)), layout.replicationFactor()).configs(t.configs()));
                }
            }
            List<String> names = missing.stream().map(NewTopic::name).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
                awaitLeaders(admin, missing, LEADERS_TIMEOUT, pending -> { });
            }
            return names;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create Netra's topics: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
