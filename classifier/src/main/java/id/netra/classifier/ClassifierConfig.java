package id.netra.classifier;

import id.netra.model.Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/**
 * Configuration of the classifier.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code application.id}</td><td>{@code netra-classifier}</td><td>instances with the same id share the work</td></tr>
 *   <tr><td>{@code classifier.state-dir}</td><td>{@code ./data/classifier}</td><td>Kafka Streams state</td></tr>
 *   <tr><td>{@code classifier.posts-topic} ... {@code classifier.dlq-topic}</td><td>the catalog's names</td><td>topics</td></tr>
 *   <tr><td>{@code classifier.lexicon-version}</td><td>{@link Lexicons#current()}</td><td>the classifier data to decide with,
 *       as alerts record it: pin an earlier one to roll a new release out before its decisions</td></tr>
 *   <tr><td>{@code classifier.media-wait}</td><td>{@code PT30S}</td><td>how long a post with pictures waits for the text read in
 *       them ({@link MediaWait})</td></tr>
 *   <tr><td>{@code classifier.media-keep}</td><td>{@code P7D}</td><td>how late a media text is still read, as a second decision</td></tr>
 *   <tr><td>{@code kafka.*}</td><td></td><td>Kafka Streams settings; {@code kafka.bootstrap.servers} required</td></tr>
 * </table>
 */
public record ClassifierConfig(String applicationId, Path stateDir, ClassifierTopology.TopicNames topics, Map<String, Object> kafka,
                               String lexiconVersion, java.time.Duration mediaWait, java.time.Duration mediaKeep) {
    public ClassifierConfig {
        kafka = Map.copyOf(kafka);
        lexiconVersion = lexiconVersion == null ? Lexicons.current() : lexiconVersion;
        mediaWait = mediaWait == null ? MediaWait.DEFAULT_WAIT : mediaWait;
        mediaKeep = mediaKeep == null ? MediaWait.DEFAULT_KEEP : mediaKeep;
        if (mediaWait.isNegative() || mediaWait.compareTo(mediaKeep) > 0) {
            throw new IllegalArgumentException("classifier.media-wait must be between 0 and classifier.media-keep (" + mediaKeep + "), not " + mediaWait);
        }
    }

    /** A configuration deciding with {@code lexiconVersion}, waiting for media texts as long as by default. */
    public ClassifierConfig(String applicationId, Path stateDir, ClassifierTopology.TopicNames topics, Map<String, Object> kafka,
                            String lexiconVersion) {
        this(applicationId, stateDir, topics, kafka, lexiconVersion, null, null);
    }

    /** A configuration deciding with this build's current classifier data. */
    public ClassifierConfig(String applicationId, Path stateDir, ClassifierTopology.TopicNames topics, Map<String, Object> kafka) {
        this(applicationId, stateDir, topics, kafka, null);
    }

    /** @throws IllegalArgumentException naming the key that is missing or wrong */
    public static ClassifierConfig from(Settings s) {
        s.required(Settings.BOOTSTRAP_SERVERS);
        ClassifierTopology.TopicNames d = ClassifierTopology.TopicNames.defaults();
        return new ClassifierConfig(s.string("application.id", "netra-classifier"),
                s.path("classifier.state-dir", Path.of("data", "classifier")),
                new ClassifierTopology.TopicNames(s.string("classifier.posts-topic", d.posts()),
                        s.string("classifier.registry-topic", d.registry()),
                        s.string("classifier.registry-accounts-topic", d.registryAccounts()), s.string("classifier.watchlist-topic", d.watchlist()),
                        s.string("classifier.alerts-topic", d.alerts()), s.string("classifier.dlq-topic", d.deadLetters()),
                        s.string("classifier.media-text-topic", d.mediaText())),
                s.kafka(), lexiconVersion(s.string("classifier.lexicon-version", Lexicons.current())),
                s.duration("classifier.media-wait", MediaWait.DEFAULT_WAIT), s.duration("classifier.media-keep", MediaWait.DEFAULT_KEEP));
    }

    private static String lexiconVersion(String v) {
        try {
            return Lexicons.classifier(v).lexiconVersion();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("classifier.lexicon-version: " + e.getMessage(), e);
        }
    }

    /** The Kafka Streams properties: exactly-once, explicit error handlers, then every {@code kafka.*} key. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Posts are parsed by the topology itself (bad ones go to the dead-letter topic); a corrupt registry or
        // watchlist record is logged with its topic, partition and offset and skipped.
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class.getName());
        // The same for the global tables (registry accounts, watchlist): a record that fails is logged and skipped.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DefaultProductionExceptionHandler.class.getName());
        // Exactly-once commits (and state flushes) once a second rather than every 100 ms: alerts are a second later
        // at worst, and a bulk registry load or a backlog of posts goes markedly faster.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        // One stream thread per core: the registry load and the posts' partitions spread over them.
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Runtime.getRuntime().availableProcessors());
        // Larger, compressed batches for what the classifier writes (account histories, changelogs, alerts): a
        // national registry load went from 243 s to 212 s (docs/BENCHMARKS.md (c)); a single alert waits 20 ms more.
        p.put(StreamsConfig.producerPrefix(org.apache.kafka.clients.producer.ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.producerPrefix(org.apache.kafka.clients.producer.ProducerConfig.BATCH_SIZE_CONFIG), 262_144);
        p.put(StreamsConfig.producerPrefix(org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG), 20);
        // Failover: a killed instance (no leaving the group) is noticed after the session timeout, then the survivors
        // take its tasks over. 6 s is the least a broker allows by default (group.min.session.timeout.ms); Kafka's
        // default, 45 s, stalled the killed instance's partitions for as long (docs/BENCHMARKS.md (f)).
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
        p.put(org.apache.kafka.clients.consumer.ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_500);
        p.put(StreamsConfig.producerPrefix(org.apache.kafka.clients.producer.ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 5_000);
        p.putAll(kafka);
        return p;
    }
}
