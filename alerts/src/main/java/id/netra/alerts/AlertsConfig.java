package id.netra.alerts;

import id.netra.alerts.auth.AuthConfig;
import id.netra.alerts.notify.NotifyConfig;
import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.Settings;
import id.netra.model.Topic;
import id.netra.model.Topics;
import id.netra.ops.MetricsAccess;
import java.util.Map;

/**
 * Configuration of the alerts service.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code http.host}</td><td>{@code 0.0.0.0}</td><td>address the feed listens on</td></tr>
 *   <tr><td>{@code http.port}</td><td>{@code 8080}</td><td>port of the feed; 0 picks a free one</td></tr>
 *   <tr><td>{@code alerts.topic}</td><td>{@code alerts}</td><td>the topic read</td></tr>
 *   <tr><td>{@code alerts.events-topic}</td><td>{@code alert-events}</td><td>where case events are written and read</td></tr>
 *   <tr><td>{@code kafka.*}</td><td></td><td>consumer settings; {@code kafka.bootstrap.servers} required</td></tr>
 *   <tr><td>{@code alerts.routing}, {@code alerts.smtp.*}, ...</td><td></td><td>notifications, see {@link NotifyConfig}</td></tr>
 *   <tr><td>{@code management.token}, {@code management.token-file}</td><td>(none)</td><td>who may read {@code /metrics}, see
 *       {@link MetricsAccess}</td></tr>
 *   <tr><td>{@code alerts.http.max-body}</td><td>{@code 65536}</td><td>largest request body in bytes, with or without a length (413)</td></tr>
 *   <tr><td>{@code alerts.ingest.url}, {@code alerts.ingest.api-token}</td><td></td><td>where reported post addresses go, see {@link IngestLink}</td></tr>
 *   <tr><td>{@code alerts.instance-id}</td><td>host name and process id</td><td>this instance's name among several alerts
 *       services on the same topics (client ids, logs)</td></tr>
 *   <tr><td>{@code alerts.sessions-topic}</td><td>{@code alerts-sessions}</td><td>compacted topic of the open sessions (created if
 *       missing), shared by every instance</td></tr>
 *   <tr><td>{@code alerts.state-dir}</td><td>{@code data/alerts-state}</td><td>where this instance keeps its state file (every
 *       alert and case, in SQLite, see {@link StateStore}); one directory per instance, kept across restarts. Deleting it
 *       makes the next start read the topics from the beginning, or start from the snapshot</td></tr>
 *   <tr><td>{@code alerts.snapshot-dir}</td><td>(none)</td><td>a directory shared by the instances (a volume) where a copy
 *       of the state file is written after a state was built from the topics and then every {@code alerts.snapshot-every};
 *       an instance without a state file starts from it and reads only what came after it, instead of the whole
 *       history (see {@link StateStore#snapshot})</td></tr>
 *   <tr><td>{@code alerts.snapshot-every}</td><td>{@code PT6H}</td><td>how often the snapshot is written again</td></tr>
 * </table>
 * Several alerts services may run on the same topics: one leads (opens cases, sends notifications), see
 * {@link LeaderElection}; the election topic is {@code <alerts.events-topic>-leader}, created if missing.
 * Access control ({@code alerts.users}, {@code alerts.cookie-secure}, ...) is in {@link AuthConfig}.
 *
 * @param notifications the notification settings, or {@code null} when notifications are off
 * @param ingest        where reported post addresses go, or {@code null}: reporting is off
 * @param stateDir      where the state file is kept, or {@code null}: a new temporary directory, deleted at close (tests)
 * @param snapshots     where copies of the state file are kept for new instances, or {@code null}: none
 */
public record AlertsConfig(String httpHost, int httpPort, Topic<String, Alert> alertsTopic, Topic<String, AlertEvent> eventsTopic,
                           Map<String, Object> kafka, AuthConfig auth, NotifyConfig notifications, IngestLink ingest, long maxBodyBytes,
                           MetricsAccess management, String instanceId, String sessionsTopic, java.nio.file.Path stateDir,
                           Snapshots snapshots) {
    public static final long DEFAULT_MAX_BODY = 64 * 1024;
    public static final String DEFAULT_STATE_DIR = "data/alerts-state";
    public static final String DEFAULT_SESSIONS_TOPIC = "alerts-sessions";
    public static final java.time.Duration DEFAULT_SNAPSHOT_EVERY = java.time.Duration.ofHours(6);

    /** Where copies of the state file are written ({@code dir}) and how often. */
    public record Snapshots(java.nio.file.Path dir, java.time.Duration every) {
        public Snapshots {
            java.util.Objects.requireNonNull(dir, "dir");
            if (every == null || every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("alerts.snapshot-every must be a positive duration, not " + every);
            }
        }
    }

    public AlertsConfig {
        java.util.Objects.requireNonNull(auth, "auth");
        java.util.Objects.requireNonNull(management, "management");
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("http.port must be between 0 and 65535, not " + httpPort);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > id.netra.web.BodyLimit.MOST) {
            throw new IllegalArgumentException("alerts.http.max-body must be between 1 and " + id.netra.web.BodyLimit.MOST + " bytes, not " + maxBodyBytes);
        }
        kafka = Map.copyOf(kafka);
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = defaultInstanceId();
        }
        if (!instanceId.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("alerts.instance-id must be 1 to 100 letters, digits, '.', '_' or '-', not '" + instanceId + "'");
        }
        if (sessionsTopic == null || sessionsTopic.isBlank()) {
            sessionsTopic = DEFAULT_SESSIONS_TOPIC;
        }
    }

    /** Like the canonical constructor, with a temporary state directory. */
    public AlertsConfig(String httpHost, int httpPort, Topic<String, Alert> alertsTopic, Topic<String, AlertEvent> eventsTopic,
                        Map<String, Object> kafka, AuthConfig auth, NotifyConfig notifications, IngestLink ingest, long maxBodyBytes,
                        MetricsAccess management, String instanceId, String sessionsTopic) {
        this(httpHost, httpPort, alertsTopic, eventsTopic, kafka, auth, notifications, ingest, maxBodyBytes, management, instanceId, sessionsTopic, null, null);
    }

    /** These settings with snapshots of the state written to and started from {@code newSnapshots} ({@code null}: none). */
    public AlertsConfig withSnapshots(Snapshots newSnapshots) {
        return new AlertsConfig(httpHost, httpPort, alertsTopic, eventsTopic, kafka, auth, notifications, ingest, maxBodyBytes, management,
                instanceId, sessionsTopic, stateDir, newSnapshots);
    }

    /** These settings with the state kept in {@code dir} ({@code null}: a temporary directory). */
    public AlertsConfig withStateDir(java.nio.file.Path dir) {
        return new AlertsConfig(httpHost, httpPort, alertsTopic, eventsTopic, kafka, auth, notifications, ingest, maxBodyBytes, management,
                instanceId, sessionsTopic, dir, snapshots);
    }

    /** Like the canonical constructor, with the default instance id and sessions topic. */
    public AlertsConfig(String httpHost, int httpPort, Topic<String, Alert> alertsTopic, Topic<String, AlertEvent> eventsTopic,
                        Map<String, Object> kafka, AuthConfig auth, NotifyConfig notifications, IngestLink ingest, long maxBodyBytes,
                        MetricsAccess management) {
        this(httpHost, httpPort, alertsTopic, eventsTopic, kafka, auth, notifications, ingest, maxBodyBytes, management, null, null);
    }

    /** The host name and process id, e.g. {@code alerts-1-4711}. */
    static String defaultInstanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "alerts";
        }
        String id = (host + "-" + ProcessHandle.current().pid()).replaceAll("[^A-Za-z0-9._-]", "-");
        return id.length() > 100 ? id.substring(id.length() - 100) : id;
    }

    /** These settings with this instance id and sessions topic ({@code null}: the defaults). */
    public AlertsConfig withInstance(String newInstanceId, String newSessionsTopic) {
        return new AlertsConfig(httpHost, httpPort, alertsTopic, eventsTopic, kafka, auth, notifications, ingest, maxBodyBytes, management,
                newInstanceId, newSessionsTopic, stateDir, snapshots);
    }

    /** The one-partition topic whose consumer group elects the leader. */
    public String leaderTopic() {
        return eventsTopic.name() + "-leader";
    }

    /** Without reporting to ingest, with the default body limit. */
    public AlertsConfig(String httpHost, int httpPort, Topic<String, Alert> alertsTopic, Topic<String, AlertEvent> eventsTopic,
                        Map<String, Object> kafka, AuthConfig auth, NotifyConfig notifications) {
        this(httpHost, httpPort, alertsTopic, eventsTopic, kafka, auth, notifications, null, DEFAULT_MAX_BODY, MetricsAccess.loopbackOnly());
    }

    /** With metrics for loopback clients only. */
    public AlertsConfig(String httpHost, int httpPort, Topic<String, Alert> alertsTopic, Topic<String, AlertEvent> eventsTopic,
                        Map<String, Object> kafka, AuthConfig auth, NotifyConfig notifications, IngestLink ingest, long maxBodyBytes) {
        this(httpHost, httpPort, alertsTopic, eventsTopic, kafka, auth, notifications, ingest, maxBodyBytes, MetricsAccess.loopbackOnly());
    }

    /** Without a users file (the app starts but nobody can log in) and without notifications. */
    public AlertsConfig(String httpHost, int httpPort, Topic<String, Alert> alertsTopic, Topic<String, AlertEvent> eventsTopic,
                        Map<String, Object> kafka) {
        this(httpHost, httpPort, alertsTopic, eventsTopic, kafka, AuthConfig.defaults(), null);
    }

    /** With this access control and without notifications. */
    public AlertsConfig(String httpHost, int httpPort, Topic<String, Alert> alertsTopic, Topic<String, AlertEvent> eventsTopic,
                        Map<String, ?> kafka, AuthConfig auth) {
        this(httpHost, httpPort, alertsTopic, eventsTopic, Map.copyOf(kafka), auth, null);
    }

    /** These settings with {@code auth} as the access control. */
    public AlertsConfig withAuth(AuthConfig newAuth) {
        return new AlertsConfig(httpHost, httpPort, alertsTopic, eventsTopic, kafka, newAuth, notifications, ingest, maxBodyBytes, management, instanceId, sessionsTopic, stateDir, snapshots);
    }

    /** These settings with these notifications ({@code null}: off). */
    public AlertsConfig withNotifications(NotifyConfig newNotifications) {
        return new AlertsConfig(httpHost, httpPort, alertsTopic, eventsTopic, kafka, auth, newNotifications, ingest, maxBodyBytes, management, instanceId, sessionsTopic, stateDir, snapshots);
    }

    /** These settings with reports passed on to this ingest ({@code null}: reporting off). */
    public AlertsConfig withIngest(IngestLink newIngest) {
        return new AlertsConfig(httpHost, httpPort, alertsTopic, eventsTopic, kafka, auth, notifications, newIngest, maxBodyBytes, management, instanceId, sessionsTopic, stateDir, snapshots);
    }

    /** These settings with this body limit. */
    public AlertsConfig withMaxBodyBytes(long max) {
        return new AlertsConfig(httpHost, httpPort, alertsTopic, eventsTopic, kafka, auth, notifications, ingest, max, management, instanceId, sessionsTopic, stateDir, snapshots);
    }

    /** These settings with this rule for {@code /metrics}. */
    public AlertsConfig withManagement(MetricsAccess newManagement) {
        return new AlertsConfig(httpHost, httpPort, alertsTopic, eventsTopic, kafka, auth, notifications, ingest, maxBodyBytes, newManagement, instanceId, sessionsTopic, stateDir, snapshots);
    }

    /** With the catalog's {@code alert-events} topic, no users file and no notifications. */
    public AlertsConfig(String httpHost, int httpPort, Topic<String, Alert> alertsTopic, Map<String, Object> kafka) {
        this(httpHost, httpPort, alertsTopic, Topics.ALERT_EVENTS, kafka);
    }

    /** @throws IllegalArgumentException naming the key that is missing or wrong */
    public static AlertsConfig from(Settings s) {
        s.required(Settings.BOOTSTRAP_SERVERS);
        return new AlertsConfig(s.string("http.host", "0.0.0.0"), s.integer("http.port", 8080),
                Topics.ALERTS.withName(s.string("alerts.topic", Topics.ALERTS.name())),
                Topics.ALERT_EVENTS.withName(s.string("alerts.events-topic", Topics.ALERT_EVENTS.name())), s.kafka(),
                AuthConfig.from(s), NotifyConfig.from(s, System.getenv()), IngestLink.from(s),
                s.integer("alerts.http.max-body", (int) DEFAULT_MAX_BODY), MetricsAccess.from(s), s.string("alerts.instance-id", null),
                s.string("alerts.sessions-topic", DEFAULT_SESSIONS_TOPIC), java.nio.file.Path.of(s.string("alerts.state-dir", DEFAULT_STATE_DIR)),
                snapshots(s));
    }

    private static Snapshots snapshots(Settings s) {
        String dir = s.string("alerts.snapshot-dir", null);
        return dir == null || dir.isBlank() ? null
                : new Snapshots(java.nio.file.Path.of(dir.strip()), s.duration("alerts.snapshot-every", DEFAULT_SNAPSHOT_EVERY));
    }
}
