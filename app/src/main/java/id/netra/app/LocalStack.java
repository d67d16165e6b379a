package id.netra.app;

import id.netra.alerts.AlertsConfig;
import id.netra.alerts.AlertsService;
import id.netra.alerts.IngestLink;
import id.netra.classifier.ClassifierConfig;
import id.netra.classifier.ClassifierService;
import id.netra.embedded.EmbeddedKafka;
import id.netra.ingest.IngestApi;
import id.netra.ingest.IngestConfig;
import id.netra.ingest.IngestService;
import id.netra.ingest.IngestTopics;
import id.netra.ingest.SourceSpec;
import id.netra.media.MediaConfig;
import id.netra.media.MediaService;
import id.netra.model.RegistryCsv;
import id.netra.model.Settings;
import id.netra.model.Topics;
import id.netra.model.Watchlist;
import id.netra.model.WatchlistFiles;
import id.netra.web.BearerToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import id.netra.ops.FatalSignal;
import id.netra.ops.ManagementServer;
import id.netra.ops.MetricsAccess;
import org.apache.kafka.clients.admin.Admin;

/**
 * The whole system in one process, as {@code netra up} runs it: an embedded broker with its data under a data
 * folder, the topics, the sample registry and watchlist (first start only), the classifier, the alerts feed, and
 * the ingest service following {@code <data>/inbox} in batches and {@code <data>/samples} (into which the sample posts
 * are copied on the first start) at the pace asked for, the feed of a small local demo news site ({@link DemoSite}), the
 * interactions around the watchlist's campaign accounts on a small local Mastodon instance ({@link DemoMastodon}), and
 * the sources an operator adds to
 * {@code <data>/sources.yml}. Closing stops everything in reverse order.
 */
final class LocalStack implements AutoCloseable {
    /**
     * @param pace   posts ingested per second
     * @param alerts more settings of the alerts service, e.g. {@code alerts.smtp.host} and {@code alerts.smtp.port} to
     *               send notifications (off without them)
     */
    record Options(Path dataDir, int kafkaPort, int httpPort, int ingestPort, int pace, boolean samples, Map<String, String> alerts,
                   int classifierPort) {
        Options {
            if (pace < 1) {
                throw new IllegalArgumentException("--pace must be at least 1 post per second");
            }
            alerts = Map.copyOf(alerts);
        }

        /** Without the classifier's management port. */
        Options(Path dataDir, int kafkaPort, int httpPort, int ingestPort, int pace, boolean samples, Map<String, String> alerts) {
            this(dataDir, kafkaPort, httpPort, ingestPort, pace, samples, alerts, -1);
        }

        Options(Path dataDir, int kafkaPort, int httpPort, int ingestPort, int pace, boolean samples) {
            this(dataDir, kafkaPort, httpPort, ingestPort, pace, samples, Map.of());
        }
    }

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final Consumer<String> status;
    private EmbeddedKafka kafka;
    private AlertsService alerts;
    private IngestService ingest;
    private ClassifierService classifier;
    private MediaService media;
    private String mediaOff;
    private ManagementServer classifierHttp;
    private String ingestToken;
    private Path inbox;
    private Path dataDir;
    private String demoSite;
    private Map<String, String> demoUsers = Map.of();

    private LocalStack(Consumer<String> status) {
        this.status = status;
    }

    /** Starts everything; on failure stops what was started and rethrows. */
    static LocalStack start(Options options, Consumer<String> status) throws IOException {
        LocalStack stack = new LocalStack(status);
        try {
            stack.startAll(options);
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Options o) throws IOException {
        Path data = o.dataDir().toAbsolutePath().normalize();
        dataDir = data;
        inbox = Files.createDirectories(data.resolve("inbox"));
        status.accept("starting Kafka (data in " + data.resolve("kafka") + ")");
        kafka = EmbeddedKafka.start(data.resolve("kafka"), o.kafkaPort());
        running.push(kafka);
        Map<String, Object> kafkaProps = Map.of("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(kafkaProps)) {
            List<String> created = Topics.createMissing(admin);
            if (!created.isEmpty()) {
                status.accept("created topics " + created);
            }
            Topics.upgrade(admin).forEach(status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
        long accounts = o.samples() ? publishSamplesOnce(data, kafkaProps) : 0;
        classifier = new ClassifierService(ClassifierConfig.from(Settings.of(Map.of(
                Settings.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                "classifier.state-dir", data.resolve("classifier").toString()))));
        classifier.start();
        running.push(classifier);
        if (o.classifierPort() >= 0) {
            classifierHttp = ManagementServer.start("127.0.0.1", o.classifierPort(), classifier.health(), classifier.metrics(),
                    MetricsAccess.loopbackOnly());
            running.push(classifierHttp);
        }
        awaitRegistry(classifier, accounts);
        DemoSite site = DemoSite.start(0);
        running.push(site);
        DemoMastodon mastodon = DemoMastodon.start(0);
        running.push(mastodon);
        demoSite = site.address();
        startMedia(kafka.bootstrapServers());
        // Ingest's API token: random at every start, known only to this process (printed by netra up for curl).
        ingestToken = randomToken();
        Path sourcesFile = sourcesFileOnce(data);
        Path samples = Files.createDirectories(data.resolve("samples"));
        IngestConfig ingestConfig = IngestConfig.jsonl(inbox, IngestConfig.DEFAULT_POLL_INTERVAL, IngestConfig.DEFAULT_MAX_PER_POLL,
                IngestTopics.defaults(), kafkaProps);
        // The sample posts trickle in at the pace asked for, one per transaction, so that the feed fills visibly.
        SourceSpec paced = new SourceSpec("samples", "jsonl", Duration.ofMillis(Math.max(1, 1000 / o.pace())), 1,
                Map.of("path", samples.toString()));
        SourceSpec demo = new SourceSpec("demo-news", "feed", Duration.ofMinutes(1), 100, Map.of(
                "urls", "http://127.0.0.1:" + site.port() + "/feed.xml", "allowPrivate", "true"));
        // Replies, boosts and favourites around the watchlist's campaign accounts on the demo Mastodon instance.
        SourceSpec demoInteractions = new SourceSpec("demo-mastodon", "mastodon-interactions", Duration.ofMinutes(1), 1000, Map.of(
                "instance", "http://127.0.0.1:" + mastodon.port(), "allowPrivate", "true"));
        ingestConfig = new IngestConfig(sourcesFile, List.of(ingestConfig.sources().getFirst(), paced, demo, demoInteractions),
                Duration.ofSeconds(5), "127.0.0.1", o.ingestPort(), "news-article", false, ingestConfig.http(), ingestConfig.topics(),
                kafkaProps, IngestApi.withToken(ingestToken));
        ingest = new IngestService(ingestConfig);
        ingest.start();
        running.push(ingest);
        // Demo users, one per role, with fresh passwords at every start (only known when written): printed by netra up.
        Path users = data.resolve("users.yml");
        demoUsers = id.netra.alerts.auth.UsersFile.writeDemo(users);
        // The alerts service's state file stays with the broker's data, so a restart reads only what came since.
        AlertsConfig alertsConfig = new AlertsConfig("0.0.0.0", o.httpPort(), Topics.ALERTS, kafkaProps).withStateDir(data.resolve("alerts-state"))
                .withAuth(id.netra.alerts.auth.AuthConfig.from(Settings.of(withPublicUrl(o))).withUsersFile(users))
                .withNotifications(id.netra.alerts.notify.NotifyConfig.from(Settings.of(withPublicUrl(o)), System.getenv()));
        if (ingest.httpPort() > 0) {
            // Analysts report post addresses from the case list; the app passes them on to this ingest with its token.
            alertsConfig = alertsConfig.withIngest(new IngestLink(URI.create("http://127.0.0.1:" + ingest.httpPort()),
                    BearerToken.of(ingestToken, "ingest.api-token")));
        }
        alerts = new AlertsService(alertsConfig);
        alerts.start();
        running.push(alerts);
        if (o.samples()) {
            copySamplePostsOnce(samples, o.pace());
        }
    }

    /**
     * The media stage, reading the pictures of posts (the demo site's on loopback too). Without Tesseract on the machine
     * everything else runs and says so: posts with pictures are then decided without their text once their wait is over.
     */
    private void startMedia(String bootstrapServers) {
        MediaConfig config = MediaConfig.defaults(bootstrapServers);
        config = config.withHttp(config.http().withAllowPrivate(true));
        try {
            media = new MediaService(config);
        } catch (IllegalStateException e) {
            mediaOff = e.getMessage();
            status("media stage off: " + e.getMessage());
            return;
        }
        media.start();
        running.push(media);
        status.accept("media stage reading pictures with " + media.engine());
    }

    private void status(String message) {
        status.accept(message);
    }

    /** Why the media stage does not run, or null when it does. */
    String mediaOff() {
        return mediaOff;
    }

    /** The media stage, or null when it does not run. */
    MediaService media() {
        return media;
    }

    /** The alerts settings of the options, with case links pointing at this feed unless they say otherwise. */
    private static Map<String, String> withPublicUrl(Options o) {
        Map<String, String> m = new java.util.HashMap<>(o.alerts());
        m.putIfAbsent("alerts.public-url", "http://localhost:" + (o.httpPort() == 0 ? 8080 : o.httpPort()));
        return m;
    }

    EmbeddedKafka kafka() {
        return kafka;
    }

    /** The port of the classifier's /health, /ready and /metrics, or -1. */
    int classifierPort() {
        return classifierHttp == null ? -1 : classifierHttp.port();
    }

    /** Why a service of the stack failed for good (a dead stream thread or consumer, a fenced writer), if one did. */
    java.util.Optional<String> failure() {
        java.util.List<FatalSignal> signals = new java.util.ArrayList<>();
        if (classifier != null) {
            signals.add(classifier.fatal());
        }
        if (alerts != null) {
            signals.add(alerts.fatal());
        }
        if (ingest != null) {
            signals.add(ingest.fatal());
        }
        if (media != null) {
            signals.add(media.fatal());
        }
        return signals.stream().map(FatalSignal::reason).flatMap(java.util.Optional::stream).findFirst();
    }

    AlertsService alerts() {
        return alerts;
    }

    IngestService ingest() {
        return ingest;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Ingest's API token of this start. */
    String ingestToken() {
        return ingestToken;
    }

    private static String randomToken() {
        byte[] b = new byte[32];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    /** The demo users written at this start: user name -> password. */
    Map<String, String> demoUsers() {
        return demoUsers;
    }

    Path inbox() {
        return inbox;
    }

    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                status.accept("while stopping: " + e);
            }
        }
    }

    /**
     * Posts joined before their author's registry record reached the classifier are not flagged, so the first start
     * waits (a minute at most) until the classifier holds the sample registry's accounts.
     */
    private void awaitRegistry(ClassifierService classifier, long accounts) {
        if (accounts == 0) {
            return;
        }
        status.accept("waiting for the classifier to load the registry...");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (classifier.registryAccounts(accounts) < accounts && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    /**
     * The sample registry and watchlist go in once: a later start must not undo what an operator published since.
     *
     * @return how many accounts the published registry has, 0 when nothing was published
     */
    private long publishSamplesOnce(Path data, Map<String, Object> kafkaProps) throws IOException {
        Path marker = data.resolve(".samples-published");
        if (Files.exists(marker)) {
            return 0;
        }
        long accounts;
        Publisher publisher = new Publisher(kafkaProps);
        try (Reader r = new InputStreamReader(sample("registry.csv"), StandardCharsets.UTF_8)) {
            RegistryCsv.Result registry = RegistryCsv.read(r, "samples/registry.csv");
            publisher.publishRegistry(registry.records());
            accounts = registry.records().stream().flatMap(a -> a.accounts().stream()).map(id.netra.model.Account::lookupKey).distinct().count();
            status.accept("published the sample registry: " + registry.records().size() + " ASN");
        }
        Path watchlistFile = Files.createTempFile("netra-watchlist", ".json");
        try (InputStream in = sample("watchlist.json")) {
            Files.copy(in, watchlistFile, StandardCopyOption.REPLACE_EXISTING);
            Watchlist w = WatchlistFiles.read(watchlistFile);
            publisher.publishWatchlist(w);
            status.accept("published the sample watchlist, version " + w.version());
        } finally {
            Files.deleteIfExists(watchlistFile);
        }
        Files.writeString(marker, "samples published\n");
        return accounts;
    }

    /** An operator's own sources go here; written once, with examples in comments, and re-read when it changes. */
    private Path sourcesFileOnce(Path data) throws IOException {
        Path file = data.resolve("sources.yml");
        if (!Files.exists(file)) {
            Files.writeString(file, """
                    # Sources that `netra up` collects besides the inbox folder and the demo news feed.
                    # Edit and save: ingest re-reads this file within seconds (see GET /api/sources on the ingest port).
                    # Types: feed (RSS/Atom), html (with a profile), mastodon, mastodon-interactions, youtube, jsonl, x-import,
                    # csv-import. See README.md and sources.example.yml.
                    sources: []
                    #  - id: kabar-daerah
                    #    type: feed
                    #    urls: [https://kabar-daerah.example/feed.xml]
                    #    interval: 10m
                    #  - id: tagar-pilkada
                    #    type: mastodon
                    #    instance: https://mastodon.example
                    #    hashtags: [pilkada]
                    #    interval: 5m
                    #  - id: interaksi-mastodon
                    #    type: mastodon-interactions
                    #    instance: https://mastodon.example
                    #    interval: 10m
                    """);
        }
        return file;
    }

    /**
     * Copied whole under a temporary name first: the source only follows *.jsonl files. A data folder of an earlier
     * release streamed them from the inbox, which then holds them already.
     */
    private void copySamplePostsOnce(Path samples, int pace) throws IOException {
        Path target = samples.resolve("posts.jsonl");
        if (Files.exists(target) || Files.exists(inbox.resolve("samples.jsonl"))) {
            return;
        }
        Path tmp = samples.resolve("posts.jsonl.part");
        try (InputStream in = sample("posts.jsonl")) {
            // Pictures of the demo site are given by a placeholder address: it is served on a port chosen at start.
            String posts = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(DemoSite.SAMPLE_ADDRESS, demoSite);
            Files.writeString(tmp, posts, StandardCharsets.UTF_8);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        status.accept("streaming the sample posts from " + target + " at " + pace + "/s");
    }

    private static InputStream sample(String name) {
        InputStream in = LocalStack.class.getResourceAsStream("/samples/" + name);
        if (in == null) {
            throw new IllegalStateException("the bundled sample " + name + " is missing from the build");
        }
        return in;
    }
}
