package id.netra.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalog. Posts, alerts and the watchlist are audit records: kept without time or size limit.
 * The registry is compacted by NIP (the latest record per ASN); the watchlist is compacted by version, so
 * every version is kept.
 */
public final class Topics {
    private static final Map<String, String> KEEP_FOREVER = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1");
    private static final Map<String, String> COMPACTED = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

    /** Collected posts, key {@code platform:postId}. */
    public static final Topic<String, Post> POSTS = topic("posts", Post.class, 3, KEEP_FOREVER);
    /** The ASN registry, key NIP; a tombstone removes a person. */
    public static final Topic<String, AsnRecord> REGISTRY = topic("registry", AsnRecord.class, 3, COMPACTED);
    /**
     * The registry by account, key = account lookup key ({@code x:budi_s}), value = the account's history (every
     * version of its {@link AsnRecord} JSON with the time it counts from, and removals; binary, read by the classifier's
     * {@code RegistryHistory}); written by the classifier from {@code registry}, read by every classifier instance
     * whole and by {@code netra replay}.
     */
    public static final Topic<String, byte[]> REGISTRY_ACCOUNTS = new Topic<>("registry-accounts", Serdes.String(), Serdes.ByteArray(), 3, COMPACTED);
    /** Watchlist versions, key = version; the newest record is the version in force. */
    public static final Topic<String, Watchlist> WATCHLIST = topic("watchlist", Watchlist.class, 1, COMPACTED);
    /** Alerts, key = alert id. */
    public static final Topic<String, Alert> ALERTS = topic("alerts", Alert.class, 3, KEEP_FOREVER);
    /** Records that could not be processed, with the reason. */
    public static final Topic<String, DeadLetter> POSTS_DLQ = topic("posts-dlq", DeadLetter.class, 1, KEEP_FOREVER);
    /** Raw payloads posts were read from (gzip), key = the post's key; evidence, kept without limit. */
    public static final Topic<String, Capture> CAPTURES = topic("captures", Capture.class, 3, with(KEEP_FOREVER,
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(Capture.MAX_RECORD_BYTES)));
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
     * Reports of {@code netra replay} ({@link ReplayReport}), key = run id; kept without limit, records up to 32 MiB
     * (a report lists every alert of its period).
     */
    public static final Topic<String, ReplayReport> REPLAY_REPORTS = topic("replay-reports", ReplayReport.class, 1, with(KEEP_FOREVER,
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(ReplayReport.MAX_RECORD_BYTES)));

    /** Prefix of the topic a replay writes its alerts to: {@code alerts-replay-<run id>}, kept without limit. */
    public static final String ALERTS_REPLAY_PREFIX = "alerts-replay-";

    private static final List<Topic<?, ?>> ALL = List.of(POSTS, REGISTRY, REGISTRY_ACCOUNTS, WATCHLIST, ALERTS, POSTS_DLQ,
            CAPTURES, INGEST_CURSORS, INGEST_SEEN, ALERT_EVENTS, AUDIT_LOG, REPLAY_REPORTS);

    private Topics() {
    }

    public static List<Topic<?, ?>> all() {
        return ALL;
    }

    /** The configuration of a replay's alerts topic: like {@code alerts}, kept without limit. */
    public static Map<String, String> replayAlertsConfigs() {
        return KEEP_FOREVER;
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(base);
        m.put(key, value);
        return Map.copyOf(m);
    }

    private static <V> Topic<String, V> topic(String name, Class<V> type, int partitions, Map<String, String> configs) {
        Serde<String> keys = Serdes.String();
        return new Topic<>(name, keys, new JsonSerde<>(type), partitions, configs);
    }

    /**
     * Creates the catalog's topics that do not exist yet, with the broker's default replication factor.
     *
     * @return the names of the topics created
     */
    public static List<String> createMissing(Admin admin) throws InterruptedException {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> t : ALL) {
                if (!existing.contains(t.name())) {
                    missing.add(new NewTopic(t.name(), Optional.of(t.partitions()), Optional.empty()).configs(t.configs()));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create Netra's topics: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
