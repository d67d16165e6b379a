package id.netra.classifier.replay;

import id.netra.classifier.AlertDecider;
import id.netra.classifier.Lexicons;
import id.netra.classifier.MediaWait;
import id.netra.classifier.PostClassifier;
import id.netra.classifier.RegistryHistory;
import id.netra.classifier.WatchlistVersions;
import id.netra.model.Account;
import id.netra.model.Alert;
import id.netra.model.JsonSerde;
import id.netra.model.Post;
import id.netra.model.ReplayReport;
import id.netra.model.Topics;
import id.netra.model.Watchlist;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code netra replay}: derives the alerts of a period again from the posts collected, with the versions in force when
 * each post was published or with chosen ones, and compares them with the alerts recorded.
 *
 * <p>Reads {@code posts} from the offsets of the period's start ({@code offsetsForTimes}) to the end offsets as of the
 * start (a post published in the period may have been collected any time after it), keeps the posts published in
 * [from, to), and decides each with {@link AlertDecider}, the code the live classifier decides with. Registry histories
 * are read from {@code registry-accounts} for the period's authors only, the watchlist versions from {@code watchlist}.
 * Alerts go to a topic of the run's own ({@code alerts-replay-<runId>}); the replay writes no live topic, joins no
 * consumer group and leaves the running classifier alone. It ends by itself.
 *
 * <p>A post that is not a valid post (the live classifier dead-letters it) is counted and skipped.
 *
 * <p>Pictures: where the classifier data reads them, the text read in a post's pictures is taken from {@code media-text}
 * (the first record of the post version) and the post is decided as {@link MediaWait} says, by the records' timestamps
 * on {@code posts} and {@code media-text} and the {@code classifier.media-wait} and {@code classifier.media-keep} of the
 * options: once with it, or without it and again with it (the edit's own id).
 */
public final class Replay {
    private static final Logger log = LoggerFactory.getLogger(Replay.class);
    private static final JsonSerde<Post> POSTS = id.netra.model.PostLines.serde();
    private static final JsonSerde<Alert> ALERTS = new JsonSerde<>(Alert.class);

    /** Told how far the replay is: posts read of the estimated total, and what it is doing. */
    public interface Progress {
        void posts(String phase, long read, long total);
    }

    /** What a run did, and its report. */
    public record Result(ReplayReport report, List<Alert> alerts, long badPosts) {
    }

    private final ReplayOptions options;
    private final Clock clock;
    private final Progress progress;

    public Replay(ReplayOptions options, Clock clock, Progress progress) {
        this.options = options;
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * Runs the replay to its end.
     *
     * @throws IllegalArgumentException when a version asked for does not exist (listing those that do), no watchlist was
     *                                  ever published, or the run id was used before
     */
    public Result run() throws InterruptedException {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        PostClassifier classifier = Lexicons.classifier(options.lexiconVersion() == null ? Lexicons.current() : options.lexiconVersion());
        WatchlistVersions watchlists = readWatchlists();
        if (watchlists.isEmpty()) {
            throw new IllegalArgumentException("no watchlist was ever published on " + options.topics().watchlist());
        }
        Watchlist fixed = options.watchlistVersion() == null ? null : watchlists.version(options.watchlistVersion());
        createOutputTopic();

        Map<TopicPartition, Long> start;
        Map<TopicPartition, Long> end;
        long total;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, options.topics().posts());
            end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, options.from().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            start = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp o = found.get(tp);
                start.put(tp, o == null ? end.get(tp) : o.offset());
            }
            total = partitions.stream().mapToLong(tp -> end.get(tp) - start.get(tp)).sum();
        }
        log.info("Replay {}: reading {} for posts published from {} to {}, about {} records; alerts to {}.", options.runId(), options.topics().posts(),
                options.from(), options.to(), total, options.outputTopic());

        // Pass 1: the period's authors, so that only their registry histories are held (the registry has millions).
        Set<String> authors = new HashSet<>();
        Set<String> withPictures = new HashSet<>();
        readPosts(start, end, total, "authors", (post, offset, ts) -> {
            authors.add(Account.lookupKey(post.platform(), post.author().handle()));
            if (MediaWait.waits(classifier, post)) {
                withPictures.add(post.versionKey());
            }
        });
        Map<String, Recorded> mediaTexts = readMediaTexts(withPictures);
        Map<String, byte[]> histories = new HashMap<>();
        readWhole(options.topics().registryAccounts(), (r) -> {
            if (r.key() != null && r.value() != null && authors.contains(r.key())) {
                // The changes of an account merged as the live classifier's account table merges them.
                try {
                    histories.put(r.key(), RegistryHistory.merge(histories.get(r.key()), r.value()));
                } catch (IllegalArgumentException e) {
                    log.warn("Replay {}: a change of registry account {} is not readable and is skipped: {}", options.runId(), r.key(), e.getMessage());
                }
            }
        });

        // Pass 2: decide and write.
        AlertDecider decider = new AlertDecider(classifier, new HashMap<>(), options.topics().registryAccounts());
        List<Alert> alerts = new ArrayList<>();
        long[] counts = new long[2];
        try (KafkaProducer<String, byte[]> producer = producer()) {
            counts[1] = readPosts(start, end, total, "posts", (post, offset, ts) -> {
                counts[0]++;
                byte[] history = histories.get(Account.lookupKey(post.platform(), post.author().handle()));
                if (history == null) {
                    return;
                }
                long at = post.publishedAt().toInstant().toEpochMilli();
                Watchlist watchlist = fixed != null ? fixed : watchlists.inForceAt(at).orElseThrow();
                long registryAt = options.registryAsOf() == null ? at : options.registryAsOf().toEpochMilli();
                List<Alert> decided = new ArrayList<>();
                Recorded m = MediaWait.waits(classifier, post) ? mediaTexts.get(post.versionKey()) : null;
                if (m != null && MediaWait.inTime(ts, m.timestamp(), options.mediaWait())) {
                    decider.decide(post, m.mediaText(), history, registryAt, watchlist).ifPresent(decided::add);
                } else {
                    decider.decide(post, history, registryAt, watchlist).ifPresent(decided::add);
                    if (m != null && MediaWait.notTooLate(ts, m.timestamp(), options.mediaKeep())) {
                        decider.decide(post, m.mediaText(), history, registryAt, watchlist).flatMap(MediaWait::asEdit).ifPresent(decided::add);
                    }
                }
                for (Alert a : decided) {
                    alerts.add(a);
                    producer.send(new ProducerRecord<>(options.outputTopic(), a.id(), ALERTS.serialize(options.outputTopic(), a)));
                }
            });
            producer.flush();
        }
        List<Alert> recorded = readRecorded();
        double seconds = (System.nanoTime() - t0) / 1e9;
        ReplayReport report = ReportBuilder.build(options, started, seconds, total, counts[0], recorded, alerts, decider.lexiconVersion());
        log.info("Replay {} done: {} posts in the period, {} alerts, {} identical, {} changed, {} missing, {} new, {} s.",
                options.runId(), counts[0], alerts.size(), report.counts().identical(), report.counts().changed(),
                report.counts().missing(), report.counts().added(), String.format("%.1f", seconds));
        return new Result(report, List.copyOf(alerts), counts[1]);
    }

    /**
     * Puts {@code report} on {@code replay-reports} (key: run id), where the alerts service lists it for auditors.
     *
     * @throws IllegalStateException when the broker refuses it (e.g. larger than the topic takes); the files remain
     */
    public static void publish(Map<String, Object> kafka, String topic, ReplayReport report) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ReplayReport.MAX_RECORD_BYTES);
        JsonSerde<ReplayReport> serde = new JsonSerde<>(ReplayReport.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, report.runId(), serde.serialize(topic, report))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing report " + report.runId(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot publish report " + report.runId() + " on " + topic + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private interface PostHandler {
        void post(Post post, long offset, long timestamp);
    }

    /** A media text and its record's timestamp. */
    private record Recorded(id.netra.model.MediaText mediaText, long timestamp) {
    }

    /** Reads posts from {@code start} to {@code end}, hands on those published in the period; returns the bad ones. */
    private long readPosts(Map<TopicPartition, Long> start, Map<TopicPartition, Long> end, long total, String phase, PostHandler handler) {
        long from = options.from().toEpochMilli();
        long to = options.to().toEpochMilli();
        long read = 0;
        long bad = 0;
        long lastReport = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> open = new ArrayList<>(start.keySet().stream().filter(tp -> start.get(tp) < end.get(tp)).toList());
            consumer.assign(open);
            open.forEach(tp -> consumer.seek(tp, start.get(tp)));
            while (!open.isEmpty()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp)) {
                        continue;
                    }
                    read++;
                    Post post;
                    try {
                        post = r.value() == null ? null : POSTS.deserialize(r.topic(), r.value());
                    } catch (SerializationException e) {
                        post = null;
                    }
                    if (post == null) {
                        bad++;
                        continue;
                    }
                    long at = post.publishedAt().toInstant().toEpochMilli();
                    if (at >= from && at < to) {
                        handler.post(post, r.offset(), r.timestamp());
                    }
                }
                // Past the end offset as of the start (transaction markers included): this partition is done.
                List<TopicPartition> done = open.stream().filter(tp -> consumer.position(tp) >= end.get(tp)).toList();
                if (!done.isEmpty()) {
                    consumer.pause(done);
                    open.removeAll(done);
                }
                long now = System.nanoTime();
                if (now - lastReport > 1_000_000_000L || open.isEmpty()) {
                    progress.posts(phase, read, total);
                    lastReport = now;
                }
            }
        }
        return bad;
    }

    /** The first media text of each post version in {@code versionKeys}, from the whole {@code media-text} topic. */
    private Map<String, Recorded> readMediaTexts(Set<String> versionKeys) {
        Map<String, Recorded> out = new HashMap<>();
        if (versionKeys.isEmpty()) {
            return out;
        }
        JsonSerde<id.netra.model.MediaText> serde = new JsonSerde<>(id.netra.model.MediaText.class);
        try {
            readWhole(options.topics().mediaText(), r -> {
                if (r.value() == null) {
                    return;
                }
                try {
                    id.netra.model.MediaText m = serde.deserialize(r.topic(), r.value());
                    if (versionKeys.contains(m.versionKey())) {
                        out.putIfAbsent(m.versionKey(), new Recorded(m, r.timestamp()));
                    }
                } catch (SerializationException e) {
                    log.warn("Media text record {}-{}@{} (key {}) cannot be read and is left out, as the live classifier leaves it out: {}",
                            r.topic(), r.partition(), r.offset(), r.key(), e.getMessage());
                }
            });
        } catch (IllegalArgumentException e) {
            log.warn("Replay {}: {}; posts with pictures are decided without the text in them.", options.runId(), e.getMessage());
        }
        return out;
    }

    private WatchlistVersions readWatchlists() {
        JsonSerde<Watchlist> serde = new JsonSerde<>(Watchlist.class);
        Map<String, WatchlistVersions.Published> byVersion = new HashMap<>();
        readWhole(options.topics().watchlist(), r -> {
            if (r.value() == null) {
                byVersion.remove(r.key());
                return;
            }
            try {
                Watchlist w = serde.deserialize(r.topic(), r.value());
                byVersion.put(w.version(), new WatchlistVersions.Published(r.timestamp(), w));
            } catch (SerializationException e) {
                log.warn("Watchlist record {}-{}@{} (key {}) is not a valid watchlist and is skipped: {}", r.topic(), r.partition(),
                        r.offset(), r.key(), e.getMessage());
            }
        });
        return WatchlistVersions.of(List.copyOf(byVersion.values()));
    }

    /** The recorded alerts of posts published in the period, once each (by id), in the topic's order. */
    private List<Alert> readRecorded() {
        long from = options.from().toEpochMilli();
        long to = options.to().toEpochMilli();
        Map<String, Alert> byId = new java.util.LinkedHashMap<>();
        readWhole(options.topics().alerts(), r -> {
            if (r.value() == null) {
                return;
            }
            try {
                Alert a = ALERTS.deserialize(r.topic(), r.value());
                long at = a.post().publishedAt().toInstant().toEpochMilli();
                if (at >= from && at < to) {
                    byId.putIfAbsent(a.id(), a);
                }
            } catch (SerializationException e) {
                log.warn("Alert record {}-{}@{} (key {}) cannot be read and is left out of the comparison: {}", r.topic(),
                        r.partition(), r.offset(), r.key(), e.getMessage());
            }
        });
        return List.copyOf(byId.values());
    }

    private void readWhole(String topic, java.util.function.Consumer<ConsumerRecord<String, byte[]>> each) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<TopicPartition> open = new ArrayList<>(partitions);
            open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
            while (!open.isEmpty()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    each.accept(r);
                }
                open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
            }
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("no topic " + topic + " on the broker");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private void createOutputTopic() throws InterruptedException {
        try (Admin admin = Admin.create(options.kafka())) {
            int partitions = admin.describeTopics(List.of(options.topics().posts())).allTopicNames().get()
                    .get(options.topics().posts()).partitions().size();
            admin.createTopics(List.of(new NewTopic(options.outputTopic(), Optional.of(partitions), Optional.empty())
                    .configs(Topics.replayAlertsConfigs()))).all().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                throw new IllegalArgumentException("run id " + options.runId() + " was used before: " + options.outputTopic()
                        + " exists; choose another --run-id");
            }
            throw new IllegalStateException("Cannot create " + options.outputTopic() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> props = new HashMap<>(options.kafka());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "netra-replay-" + options.runId());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        Map<String, Object> props = new HashMap<>(options.kafka());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "netra-replay-" + options.runId());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
