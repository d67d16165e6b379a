package id.netra.app.bench;

import id.netra.classifier.ClassifierConfig;
import id.netra.classifier.ClassifierService;
import id.netra.classifier.Lexicon;
import id.netra.classifier.NetraAnalyzer;
import id.netra.classifier.PostClassifier;
import id.netra.classifier.WatchlistIndex;
import id.netra.embedded.EmbeddedKafka;
import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.Election;
import id.netra.model.JsonSerde;
import id.netra.model.Post;
import id.netra.model.Settings;
import id.netra.model.Severity;
import id.netra.model.Topics;
import id.netra.model.Watchlist;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netra bench}: the classifier at national scale, figures on stdout. (a) the matcher alone, posts per second on
 * one thread; (b) the classifier topology end to end on an embedded broker, against the pass-through ceiling of a
 * plain consumer -> producer copy of the same posts on the same broker, and against an exactly-once (transactional)
 * copy as a second reference; (c) the time until the classifier has the
 * whole registry, and what it takes in memory and on disk. Parts run alone with {@code --only}: replay, intake,
 * latency, media, and the analysts' app at national scale ({@link AlertsAppBench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks the classifier on a generated national watchlist (545 elections, ~1,550 pairs) and registry.",
                       "Prints (a) matcher posts/s per thread, (b) end-to-end throughput on an embedded broker and its ratio to",
                       "a plain consumer->producer copy (and to an exactly-once copy), (c) registry load time and memory.",
                       "Alone: --only replay (r), intake (i: a dropped JSONL file, posts/s), latency (l: p50/p95/p99 from a post's",
                       "arrival at ingest to its alert on the alerts service's live stream, at --rate posts/s for --duration),",
                       "media (m: pictures OCR'd per second per core at 1080 px; ml: the feed's latency with and without the media stage),",
                       "alerts-app (aa: --alerts in cases loaded into the alerts service in a JVM of its own with --heap: time to ready, heap,",
                       "then --analysts on their sessions for --duration: latency by request kind; an export of every case and the heap meanwhile).",
                       "Results: docs/BENCHMARKS.md."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--registry-size", defaultValue = "4500000", description = "ASN in the generated registry (default: ${DEFAULT-VALUE}).")
    long registrySize;

    @Option(names = "--posts", defaultValue = "200000", description = "Posts through the broker for (b) (default: ${DEFAULT-VALUE}).")
    int posts;

    @Option(names = "--matcher-posts", defaultValue = "200000", description = "Posts for the matcher alone, (a) (default: ${DEFAULT-VALUE}).")
    int matcherPosts;

    @Option(names = "--lexicon-version", paramLabel = "V",
            description = "The classifier data of (a), as alerts record it (default: this build's current ones).")
    String lexiconVersion;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--only", description = "Run only 'matcher', 'pipeline', or one of the parts not in a full run: 'replay', 'intake', 'latency', 'media', 'alerts-app'.")
    String only;

    @Option(names = "--pictures", defaultValue = "40", description = "Posters read for (m), --only media (default: ${DEFAULT-VALUE}).")
    int pictures;

    @Option(names = "--media-posts", defaultValue = "40", description = "Posts of each latency run (l), --only media, two per second (default: ${DEFAULT-VALUE}).")
    int mediaPosts;

    @Option(names = "--classifier-setting", paramLabel = "KEY=VALUE",
            description = "A classifier setting for the pipeline runs, e.g. kafka.producer.linger.ms=5 (repeatable; to try settings).")
    Map<String, String> classifierSettings = new java.util.LinkedHashMap<>();

    @Option(names = "--rate", defaultValue = "2000", description = "Latency run: posts per second into ingest's inbox (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "PT3M", description = "Latency run: how long posts are sent; alerts run: how long analysts work (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "PT30S", description = "Latency and alerts runs: the first part not counted (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--ingest-setting", paramLabel = "KEY=VALUE",
            description = "An ingest setting for the intake and latency runs, e.g. ingest.max-per-poll=1000 (repeatable; to try settings).")
    Map<String, String> ingestSettings = new java.util.LinkedHashMap<>();

    @Option(names = "--alerts", defaultValue = "1000000", description = "Alerts run: alerts published (default: ${DEFAULT-VALUE}).")
    long alerts;

    @Option(names = "--cases", description = "Alerts run: cases they form (default: --cases-ratio of the alerts).")
    Integer cases;

    @Option(names = "--cases-ratio", defaultValue = "0.3", description = "Alerts run: cases per alert when --cases is not given (default: ${DEFAULT-VALUE}).")
    double casesRatio;

    @Option(names = "--analysts", defaultValue = "50", description = "Alerts run: concurrent analysts, a fifth national (default: ${DEFAULT-VALUE}).")
    int analysts;

    @Option(names = "--requests", defaultValue = "0", description = "Alerts run: stop after this many requests (default: none, --duration decides).")
    long requests;

    @Option(names = "--heap", defaultValue = "1g", description = "Alerts run: -Xmx of the alerts service's JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--think", defaultValue = "PT1S", description = "Alerts run: an analyst's mean pause between two requests (default: ${DEFAULT-VALUE}).")
    Duration think;

    @Option(names = "--dir", description = "Where the broker and classifier keep their data (default: a temporary directory, removed afterwards).")
    Path dir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private static final long LATENCY_REGISTRY = 100_000;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        if (only != null && !Set.of("matcher", "pipeline", "replay", "intake", "latency", "media", "alerts-app").contains(only)) {
            throw new IllegalArgumentException("--only must be 'matcher', 'pipeline', 'replay', 'intake', 'latency', 'media' or 'alerts-app', not '" + only + "'");
        }
        if ("media".equals(only)) {
            out.printf("netra bench: %d CPU(s), max heap %d MiB, Java %s%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, Runtime.version());
            Path base = dir != null ? dir : Files.createTempDirectory("netra-bench");
            try {
                MediaBench.run(out, base, pictures, mediaPosts);
            } finally {
                if (dir == null) {
                    delete(base);
                }
            }
            out.flush();
            return 0;
        }
        if (registrySize < 1 || registrySize > 12_000_000 || posts < 1 || matcherPosts < 1) {
            throw new IllegalArgumentException("--registry-size must be 1..12000000, --posts and --matcher-posts positive");
        }
        if (rate < 1 || duration.isNegative() || duration.isZero() || warmup.isNegative() || warmup.compareTo(duration) >= 0) {
            throw new IllegalArgumentException("--rate must be positive, --duration positive and --warmup shorter than --duration");
        }
        out.printf("netra bench: %d CPU(s), max heap %d MiB, Java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.version());
        long t0 = System.nanoTime();
        Watchlist watchlist = NationalData.watchlist(seed);
        int pairs = watchlist.elections().stream().mapToInt(e -> e.candidates().size()).sum();
        out.printf("watchlist %s: %d elections, %d candidate pairs, %d parties (generated in %d ms)%n", watchlist.version(),
                watchlist.elections().size(), pairs, watchlist.parties().size(), millis(t0));
        if (only == null || only.equals("matcher")) {
            matcher(watchlist);
        }
        if ("alerts-app".equals(only)) {
            int caseCount = cases != null ? cases : (int) Math.max(1, Math.round(alerts * casesRatio));
            if (alerts < 1 || caseCount < 1 || caseCount > alerts || analysts < 1 || requests < 0 || think.isNegative()) {
                throw new IllegalArgumentException("--alerts must be positive, the cases 1 to --alerts, --analysts positive, --requests and --think not negative");
            }
            Path base = dir != null ? dir : Files.createTempDirectory("netra-bench");
            try {
                AlertsAppBench.run(out, watchlist, base, new AlertsAppBench.Settings(alerts, caseCount, analysts, heap, duration, warmup, requests,
                        think, seed));
            } finally {
                if (dir == null) {
                    delete(base);
                }
            }
        }
        if (only == null || Set.of("pipeline", "replay", "intake", "latency").contains(only)) {
            Path base = dir != null ? dir : Files.createTempDirectory("netra-bench");
            try {
                if ("replay".equals(only)) {
                    ReplayBench.run(out, watchlist, base, registrySize, posts, classifierSettings);
                } else if ("intake".equals(only)) {
                    IntakeBench.run(out, watchlist, base, posts, ingestSettings);
                } else if ("latency".equals(only)) {
                    // A latency run needs a registry, not a national one: its load would take minutes before the first post.
                    long registry = spec.commandLine().getParseResult().hasMatchedOption("--registry-size") ? registrySize : LATENCY_REGISTRY;
                    LatencyBench.run(out, watchlist, base, registry, rate, duration, warmup, classifierSettings, ingestSettings);
                } else {
                    pipeline(watchlist, base);
                }
            } finally {
                if (dir == null) {
                    delete(base);
                }
            }
        }
        out.flush();
        return 0;
    }

    /** (a): classify in one thread, after a warm-up, and count; with each matcher. */
    private void matcher(Watchlist watchlist) throws IOException {
        PostClassifier classifier = id.netra.classifier.Lexicons.classifier(lexiconVersion == null ? id.netra.classifier.Lexicons.current() : lexiconVersion);
        NetraAnalyzer analyzer = classifier.analyzer();
        out.printf("(a) classifier data %s%n", classifier.lexiconVersion());
        List<Election> elections = watchlist.elections();
        int n = matcherPosts;
        List<Post> everyday = new ArrayList<>(n);
        List<Post> election = new ArrayList<>(n);
        List<AsnRecord> authors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long asn = (i * 7919L) % Math.max(registrySize, 1);
            everyday.add(NationalData.post(i, asn, elections));
            election.add(NationalData.electionPost(i, asn, elections));
            authors.add(NationalData.asn(asn, elections));
        }
        for (WatchlistIndex.Matcher m : WatchlistIndex.Matcher.values()) {
            long t0 = System.nanoTime();
            try (WatchlistIndex index = new WatchlistIndex(watchlist, analyzer, m)) {
                out.printf("(a) %s: %,d terms in %,d phrases, indexed in %d ms%n", m.name().toLowerCase(java.util.Locale.ROOT),
                        index.size(), index.queries(), millis(t0));
                for (int i = 0; i < Math.min(n, 20_000); i++) {
                    classifier.classify(everyday.get(i), authors.get(i), index);
                    classifier.classify(election.get(i), authors.get(i), index);
                }
                timeMatcher(m + ", everyday mix (80 % chatter, 20 % election)", everyday, authors, classifier, index);
                timeMatcher(m + ", election posts only (worst case)", election, authors, classifier, index);
            }
        }
    }

    /** Three timed rounds over the same posts; the median is the figure (garbage collection makes single runs noisy). */
    private void timeMatcher(String what, List<Post> batch, List<AsnRecord> authors, PostClassifier classifier, WatchlistIndex index) {
        Map<Severity, Integer> bySeverity = new java.util.EnumMap<>(Severity.class);
        double[] rates = new double[3];
        for (int round = 0; round < rates.length; round++) {
            bySeverity.clear();
            long start = System.nanoTime();
            for (int i = 0; i < batch.size(); i++) {
                Optional<Alert> a = classifier.classify(batch.get(i), authors.get(i), index);
                a.ifPresent(x -> bySeverity.merge(x.severity(), 1, Integer::sum));
            }
            rates[round] = batch.size() / ((System.nanoTime() - start) / 1e9);
        }
        double[] sorted = rates.clone();
        java.util.Arrays.sort(sorted);
        out.printf("(a) matcher, %s: %,d posts x 3 rounds on one thread = %,.0f posts/s per thread (median; rounds %,.0f / %,.0f / %,.0f; alerts per round: %s)%n",
                what, batch.size(), sorted[1], rates[0], rates[1], rates[2], bySeverity);
    }

    /** (b) and (c) on an embedded broker. */
    private void pipeline(Watchlist watchlist, Path base) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(base.resolve("kafka"), port);
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            out.printf("broker started in %d ms at %s%n", millis(t0), kafka.bootstrapServers());
            Topics.createMissing(admin);
            Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers());
            List<Election> elections = watchlist.elections();

            produce(props, Topics.WATCHLIST.name(), List.of(watchlist.version()), k -> new JsonSerde<>(Watchlist.class).serialize("", watchlist));
            t0 = System.nanoTime();
            JsonSerde<AsnRecord> asnSerde = new JsonSerde<>(AsnRecord.class);
            java.util.concurrent.atomic.AtomicLong accounts = new java.util.concurrent.atomic.AtomicLong();
            long produced = produceRange(props, Topics.REGISTRY.name(), registrySize, i -> {
                AsnRecord r = NationalData.asn(i, elections);
                accounts.addAndGet(r.accounts().size());
                return Map.entry(r.nip(), asnSerde.serialize("", r));
            });
            long registryBytes = topicBytes(kafka, Topics.REGISTRY.name());
            out.printf("(c) registry: %,d ASN published in %.1f s (%,d MiB on the topic)%n", produced, seconds(t0), registryBytes >> 20);

            // (c) from classifier start to the whole registry in its account table.
            String appId = "netra-bench-classifier";
            Path state = base.resolve("classifier");
            Map<String, String> settings = new HashMap<>(classifierSettings);
            settings.putAll(Map.of(Settings.BOOTSTRAP_SERVERS, kafka.bootstrapServers(), "application.id", appId,
                    "classifier.state-dir", state.toString()));
            if (!classifierSettings.isEmpty()) {
                out.printf("classifier settings: %s%n", classifierSettings);
            }
            ClassifierConfig config = ClassifierConfig.from(Settings.of(settings));
            long heapBefore = usedHeapAfterGc();
            t0 = System.nanoTime();
            try (ClassifierService classifier = new ClassifierService(config)) {
                classifier.start();
                long start = t0;
                long expected = accounts.get();
                waitFor("registry loaded", () -> caughtUp(admin, appId, t -> t.equals(Topics.REGISTRY.name()))
                                && classifier.registryAccountsEstimate() >= expected * 0.95 && classifier.registryAccounts(expected) == expected,
                        () -> String.format("%.0f s, registry lag %,d, accounts in the table ~%,d of %,d", seconds(start),
                                lag(admin, appId, t -> t.equals(Topics.REGISTRY.name())), classifier.registryAccountsEstimate(), expected));
                double loadSeconds = seconds(t0);
                long heapAfter = usedHeapAfterGc();
                out.printf("(c) registry ready in the classifier: %.1f s for %,d ASN (%,d accounts); heap +%,d MiB (RocksDB keeps the table off the heap), state on disk %,d MiB%n",
                        loadSeconds, registrySize, expected, Math.max(0, heapAfter - heapBefore) >> 20, dirBytes(state) >> 20);
            }

            // (b) the same posts through a plain copy and through the classifier.
            JsonSerde<Post> postSerde = new JsonSerde<>(Post.class);
            long step = Math.max(1, registrySize / posts);
            produceRange(props, Topics.POSTS.name(), posts, i -> {
                Post p = NationalData.post(i, (i * step + i % step) % registrySize, elections);
                return Map.entry(p.key(), postSerde.serialize("", p));
            });
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("bench-copy", 3, (short) 1),
                    new org.apache.kafka.clients.admin.NewTopic("bench-copy-eos", 3, (short) 1))).all().get();
            double copySeconds = copy(props, Topics.POSTS.name(), "bench-copy", posts);
            double copyRate = posts / copySeconds;
            out.printf("(b) pass-through ceiling: %,d posts copied consumer->producer in %.2f s = %,.0f posts/s%n", posts, copySeconds, copyRate);
            double eosSeconds = transactionalCopy(props, Topics.POSTS.name(), "bench-copy-eos", posts);
            double eosRate = posts / eosSeconds;
            out.printf("(b) exactly-once copy (read_committed, a transaction with the consumer offsets every 1 s): %,d posts in %.2f s = %,.0f posts/s (%.2f of the plain copy)%n",
                    posts, eosSeconds, eosRate, eosRate / copyRate);

            try (ClassifierService classifier = new ClassifierService(config)) {
                classifier.start();
                waitFor("classifier running", () -> classifier.state() == KafkaStreams.State.RUNNING, () -> "state " + classifier.state());
                long start = System.nanoTime();
                // Streams' own process counters mark when half and all of the posts went through: the second half is
                // the rate once the JIT has compiled the Streams path (the whole run starts cold). The registry is
                // loaded already, so this instance's stream threads process posts only.
                long[] half = new long[2];
                long[] all = new long[2];
                waitFor("posts classified", () -> {
                            long done = classifier.recordsProcessed();
                            if (half[0] == 0 && done >= posts / 2) {
                                half[0] = System.nanoTime();
                                half[1] = done;
                            }
                            if (all[0] == 0 && done >= posts) {
                                all[0] = System.nanoTime();
                                all[1] = done;
                            }
                            return caughtUp(admin, appId, t -> t.equals(Topics.POSTS.name()));
                        },
                        () -> String.format("%.0f s, posts lag %,d", seconds(start), lag(admin, appId, t -> t.equals(Topics.POSTS.name()))));
                double seconds = seconds(start);
                long alerts = admin.listOffsets(partitions(admin, Topics.ALERTS.name()).stream()
                                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get()
                        .values().stream().mapToLong(o -> o.offset()).sum();
                double rate = posts / seconds;
                out.printf("(b) classifier end to end: %,d posts in %.2f s = %,.0f posts/s (alerts topic: %,d records incl. transaction markers)%n",
                        posts, seconds, rate, alerts);
                out.printf("(b) ratio to the pass-through ceiling: %.2f%n", rate / copyRate);
                out.printf("(b) ratio to the exactly-once copy: %.2f%n", rate / eosRate);
                if (half[0] != 0 && all[0] > half[0]) {
                    double second = (all[1] - half[1]) / ((all[0] - half[0]) / 1e9);
                    out.printf("(b) classifier, second half of the run (by Streams' process counters, commit wait excluded): %,.0f posts/s = %.2f of the plain copy, %.2f of the exactly-once copy%n",
                            second, second / copyRate, second / eosRate);
                }
            }
        }
    }

    private interface Record {
        Map.Entry<String, byte[]> make(long i);
    }

    private long produceRange(Map<String, Object> props, String topic, long count, Record make) {
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long next = Math.max(1, count / 10);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < count; i++) {
                Map.Entry<String, byte[]> r = make.make(i);
                producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue()));
                if (i + 1 >= next && count >= 100_000) {
                    System.err.printf("  %s: %,d of %,d produced%n", topic, i + 1, count);
                    next += Math.max(1, count / 10);
                }
            }
            producer.flush();
        }
        return count;
    }

    private void produce(Map<String, Object> props, String topic, List<String> keys, java.util.function.Function<String, byte[]> value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            keys.forEach(k -> producer.send(new ProducerRecord<>(topic, k, value.apply(k))));
            producer.flush();
        }
    }

    /** A plain copy: one consumer, one producer, no parsing, until {@code count} records went through. */
    private double copy(Map<String, Object> props, String from, String to, long count) {
        Map<String, Object> c = new HashMap<>(props);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "netra-bench-copy");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(from));
            long copied = 0;
            long start = System.nanoTime();
            long deadline = start + Duration.ofMinutes(30).toNanos();
            while (copied < count) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                records.forEach(r -> producer.send(new ProducerRecord<>(to, r.key(), r.value())));
                copied += records.count();
                consumer.commitAsync();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the copy did not finish in 30 minutes");
                }
            }
            producer.flush();
            consumer.commitSync();
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /**
     * The copy with the classifier's guarantees: a transactional producer, a read_committed consumer, and every ~1 s
     * (Streams' commit interval here) the consumer's offsets sent in the transaction and the transaction committed.
     * Same batching as the plain copy, so the difference is the transactions.
     */
    private double transactionalCopy(Map<String, Object> props, String from, String to, long count) {
        Map<String, Object> c = new HashMap<>(props);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "netra-bench-copy-eos");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "netra-bench-copy-eos");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            consumer.subscribe(List.of(from));
            long copied = 0;
            long start = System.nanoTime();
            long deadline = start + Duration.ofMinutes(30).toNanos();
            long lastCommit = start;
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            producer.beginTransaction();
            while (copied < count) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (var r : records) {
                    producer.send(new ProducerRecord<>(to, r.key(), r.value()));
                    offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
                copied += records.count();
                long now = System.nanoTime();
                if (copied >= count || now - lastCommit >= Duration.ofSeconds(1).toNanos()) {
                    if (!offsets.isEmpty()) {
                        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                        offsets.clear();
                    }
                    producer.commitTransaction();
                    lastCommit = now;
                    if (copied < count) {
                        producer.beginTransaction();
                    }
                }
                if (now > deadline) {
                    throw new IllegalStateException("the exactly-once copy did not finish in 30 minutes");
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static List<TopicPartition> partitions(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** The group's lag summed over the partitions of the topics it reads that {@code which} selects. */
    static long lag(Admin admin, String group, java.util.function.Predicate<String> which) {
        try {
            Set<String> topics = admin.listTopics().names().get().stream().filter(which).collect(Collectors.toSet());
            List<TopicPartition> tps = new ArrayList<>();
            for (String t : topics) {
                tps.addAll(partitions(admin, t));
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            var ends = admin.listOffsets(tps.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
            long lag = 0;
            for (TopicPartition tp : tps) {
                OffsetAndMetadata c = committed.get(tp);
                long end = ends.get(tp).offset();
                // A transaction's commit marker takes the last offset of a partition: one short of the end is caught up.
                lag += Math.max(0, end - (c == null ? 0 : c.offset()) - 1);
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the offsets of " + group, e);
        }
    }

    static boolean caughtUp(Admin admin, String group, java.util.function.Predicate<String> which) {
        return lag(admin, group, which) == 0;
    }

    static void waitFor(String what, BooleanSupplier done, java.util.function.Supplier<String> progress) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
        long nextReport = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what + " after 60 minutes");
            }
            if (System.nanoTime() > nextReport) {
                System.err.println("  waiting for " + what + ": " + progress.get());
                nextReport += Duration.ofSeconds(10).toNanos();
            }
            Thread.sleep(100); // polling the broker's offsets; this is a benchmark, not a test
        }
    }

    private static long topicBytes(EmbeddedKafka kafka, String topic) {
        try (Stream<Path> dirs = Files.list(kafka.dataDir())) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(topic + "-")).mapToLong(BenchCommand::dirBytes).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long dirBytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
