package id.netra.ingest;

import id.netra.ingest.http.PoliteFetcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import id.netra.ops.FatalSignal;
import id.netra.ops.Health;
import id.netra.ops.Metrics;
import id.netra.ops.MetricsAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: every source of {@code sources.yml} (and the configured extras) on its own thread, writing to
 * {@code posts}, {@code captures}, {@code posts-dlq}, {@code ingest-seen} and {@code ingest-cursors} in one
 * transaction per run; the report source for addresses submitted over HTTP; {@code sources.yml} re-read when it
 * changes, sources added, changed or removed without restart.
 */
public final class IngestService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private static final FileTime MISSING = FileTime.fromMillis(Long.MIN_VALUE);

    private final IngestConfig config;
    private final Clock clock;
    private final PoliteFetcher fetcher;
    private final Map<String, SourceRunner> runners = new LinkedHashMap<>();
    /** The watchlist topics followed for the sources of interactions, one follower per topic. */
    private final Map<String, WatchlistFollower> watchlists = new java.util.concurrent.ConcurrentHashMap<>();
    private final SourceContext context;
    private final ScheduledExecutorService watcher;
    private volatile CommittedState state;
    private ReportSource reports;
    private SourceRunner reportRunner;
    private IngestHttp http;
    private FileTime sourcesFileTime;
    private volatile String lastReloadError;
    private final MetricsAccess metricsAccess;
    private final Metrics metrics = new Metrics("ingest");
    private final FatalSignal fatal = new FatalSignal();
    private final Health health = new Health();
    private final Map<SourceRunner, SourceMeters> meters = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean started;

    public IngestService(IngestConfig config) {
        this(config, Clock.systemUTC());
    }

    /** With this rule for who may read {@code /metrics} (default: loopback clients only). */
    public IngestService(IngestConfig config, MetricsAccess metricsAccess) {
        this(config, Clock.systemUTC(), metricsAccess);
    }

    public IngestService(IngestConfig config, Clock clock) {
        this(config, clock, MetricsAccess.loopbackOnly());
    }

    private IngestService(IngestConfig config, Clock clock, MetricsAccess metricsAccess) {
        this.metricsAccess = metricsAccess;
        this.config = config;
        this.clock = clock;
        this.fetcher = new PoliteFetcher(clock);
        this.context = new SourceContext(this::watchlist, key -> state == null ? java.util.Optional.empty() : state.seen(key), System::getenv);
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "netra-ingest-reload");
            t.setDaemon(true);
            return t;
        });
        health.readiness("sources-started", () -> started);
    }

    /**
     * Starts every source. Fences earlier instances first (their open transactions are aborted), then reads the
     * committed positions and post versions, then starts the runners.
     *
     * @throws IllegalArgumentException when {@code sources.yml} has problems (all listed)
     */
    public synchronized void start() throws IOException {
        List<SourceSpec> specs = specs();
        List<SourceRunner> created = new ArrayList<>();
        for (SourceSpec spec : specs) {
            created.add(runner(spec));
        }
        if (config.httpPort() >= 0) {
            SourceSpec reportSpec = new SourceSpec(ReportSource.ID, "html", java.time.Duration.ofSeconds(30), 100, Map.of());
            reports = new ReportSource(fetcher, config.http().withAllowPrivate(config.reportsAllowPrivate()), config.reportsProfile(),
                    config.api().maxPendingReports(), clock);
            reportRunner = track(new SourceRunner(reportSpec, reports, writer(ReportSource.ID), () -> state, clock));
            created.add(reportRunner);
        }
        created.forEach(SourceRunner::init);
        state = CommittedState.load(config.kafka(), config.topics().cursors(), config.topics().seen());
        for (SourceRunner r : created) {
            if (r != reportRunner) {
                runners.put(r.spec().id(), r);
            }
            r.start();
        }
        started = true;
        if (config.httpPort() >= 0) {
            http = IngestHttp.start(config.httpHost(), config.httpPort(), config.api(), this, metricsAccess);
        }
        if (config.sourcesFile() != null) {
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, config.reloadInterval().toMillis(), config.reloadInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        log.info("Ingest started with {} source(s): {}.", runners.size(), runners.keySet());
    }

    private List<SourceSpec> specs() throws IOException {
        List<SourceSpec> specs = new ArrayList<>(config.sources());
        if (config.sourcesFile() != null) {
            if (!Files.exists(config.sourcesFile())) {
                if (sourcesFileTime != MISSING) {
                    log.warn("The sources file {} does not exist (yet); ingest watches for it.", config.sourcesFile());
                }
                sourcesFileTime = MISSING;
                return specs;
            }
            sourcesFileTime = Files.getLastModifiedTime(config.sourcesFile());
            specs.addAll(SourcesFile.read(config.sourcesFile()));
        }
        return specs;
    }

    private SourceRunner runner(SourceSpec spec) {
        Source source = SourceFactory.create(spec, fetcher, clock, config.http(), context);
        return track(new SourceRunner(spec, source, writer(spec.id()), () -> state, clock));
    }

    /** The source's liveness in the health, its meters, and its fatal failures raised as the service's. */
    private SourceRunner track(SourceRunner r) {
        r.onFatal(fatal::raise);
        health.liveness("source " + r.spec().id(), r::alive);
        meters.put(r, new SourceMeters(metrics, r));
        return r;
    }

    /** Stops a source removed or changed by a reload. */
    private void untrack(SourceRunner r) {
        r.close();
        health.remove("source " + r.spec().id());
        SourceMeters m = meters.remove(r);
        if (m != null) {
            m.close();
        }
    }

    /**
     * Liveness: one component per source, {@code source <id>}, DOWN once it can no longer run (its producer fenced by
     * another instance or failed for good, its thread dead). Readiness adds {@code sources-started}: the committed
     * positions are read and the sources run. (Each source's own state is {@link #health()}.)
     */
    public Health serviceHealth() {
        return health;
    }

    /** Per-source meters (up, last success, posts, failures, dead letters), the producers' and the HTTP requests'. */
    public Metrics metrics() {
        return metrics;
    }

    /** Raised when a source can no longer run; the process must exit non-zero. */
    public FatalSignal fatal() {
        return fatal;
    }

    private WatchlistFollower watchlist(String topic) {
        return watchlists.computeIfAbsent(topic, t -> {
            WatchlistFollower f = new WatchlistFollower(config.kafka(), id.netra.model.Topics.WATCHLIST.withName(t), clock);
            f.start();
            return f;
        });
    }

    private HarvestWriter writer(String sourceId) {
        return new HarvestWriter(sourceId, config.kafka(), config.topics(), () -> state, clock);
    }

    private void reloadIfChanged() {
        try {
            FileTime t = Files.exists(config.sourcesFile()) ? Files.getLastModifiedTime(config.sourcesFile()) : MISSING;
            if (!t.equals(sourcesFileTime)) {
                reload();
            }
        } catch (IOException | RuntimeException e) {
            if (!Objects.equals(e.getMessage(), lastReloadError)) {
                log.error("Cannot reload {}: {}. The sources keep running as they were.", config.sourcesFile(), e.getMessage());
            }
            lastReloadError = e.getMessage();
        }
    }

    /**
     * Re-reads {@code sources.yml}: new sources start, removed ones stop, changed ones restart with their committed
     * positions; unchanged ones go on undisturbed. A file with problems changes nothing.
     *
     * @return one line saying what changed
     * @throws IllegalArgumentException listing the file's problems
     */
    public synchronized String reload() throws IOException {
        if (config.sourcesFile() == null) {
            return "no sources file configured; nothing to reload";
        }
        List<SourceSpec> specs = specs();
        Map<String, SourceSpec> wanted = new LinkedHashMap<>();
        specs.forEach(s -> wanted.put(s.id(), s));
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (String id : List.copyOf(runners.keySet())) {
            SourceSpec now = wanted.get(id);
            SourceSpec before = runners.get(id).spec();
            if (now == null || !now.equals(before)) {
                untrack(runners.remove(id));
                (now == null ? removed : changed).add(id);
            }
        }
        for (SourceSpec spec : specs) {
            if (!runners.containsKey(spec.id())) {
                SourceRunner r = runner(spec);
                r.init();
                runners.put(spec.id(), r);
                r.start();
                if (!changed.contains(spec.id())) {
                    added.add(spec.id());
                }
            }
        }
        lastReloadError = null;
        String summary = String.format("sources reloaded: %d added %s, %d changed %s, %d removed %s, %d running", added.size(), added,
                changed.size(), changed, removed.size(), removed, runners.size());
        log.info("{} (from {}).", summary, config.sourcesFile());
        return summary;
    }

    /** The health of every source, in configuration order, then the report source. */
    public synchronized List<SourceHealth> health() {
        List<SourceHealth> out = new ArrayList<>();
        runners.values().forEach(r -> out.add(r.health()));
        if (reportRunner != null) {
            out.add(reportRunner.health());
        }
        return out;
    }

    /** The last error reading {@code sources.yml}, or {@code null}. */
    public String reloadError() {
        return lastReloadError;
    }

    ReportSource reports() {
        return reports;
    }

    SourceRunner reportRunner() {
        return reportRunner;
    }

    /** The port of the HTTP endpoint, or -1. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** Posts emitted (new and edited) by every source since start. */
    public long postsSent() {
        return health().stream().mapToLong(h -> h.postsNew() + h.postsEdited()).sum();
    }

    /** Records rejected and problems, every source, since start. */
    public long linesRejected() {
        return health().stream().mapToLong(SourceHealth::failed).sum();
    }

    /**
     * Stops every source at once (not one after the other): each run in progress gets {@link #STOP_GRACE} to commit its
     * transaction, then is interrupted (its transaction is aborted, nothing of it is visible), so the whole service
     * stops within Docker's 10 s.
     */
    @Override
    public synchronized void close() {
        watcher.shutdownNow();
        List<SourceRunner> all = new ArrayList<>(runners.values());
        if (reportRunner != null) {
            all.add(reportRunner);
        }
        all.forEach(SourceRunner::beginStop);
        if (http != null) {
            http.close();
        }
        long graceUntil = System.nanoTime() + STOP_GRACE.toNanos();
        long hardUntil = graceUntil + java.time.Duration.ofSeconds(2).toNanos();
        all.parallelStream().forEach(r -> r.awaitStop(graceUntil, hardUntil));
        meters.values().forEach(SourceMeters::close);
        meters.clear();
        watchlists.values().forEach(WatchlistFollower::close);
        fetcher.close();
        metrics.close();
        log.info("Ingest stopped: {} post(s) sent, {} record(s) rejected or failed.", postsSent(), linesRejected());
    }

    /** How long a source's run in progress may go on after a stop was asked, to commit what it collected. */
    static final java.time.Duration STOP_GRACE = java.time.Duration.ofSeconds(4);
}
