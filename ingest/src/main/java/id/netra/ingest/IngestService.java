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

    public IngestService(IngestConfig config) {
        this(config, Clock.systemUTC());
    }

    public IngestService(IngestConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.fetcher = new PoliteFetcher(clock);
        this.context = new SourceContext(this::watchlist, key -> state == null ? java.util.Optional.empty() : state.seen(key), System::getenv);
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "netra-ingest-reload");
            t.setDaemon(true);
            return t;
        });
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
            reportRunner = new SourceRunner(reportSpec, reports, writer(ReportSource.ID), () -> state, clock);
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
        if (config.httpPort() >= 0) {
            http = IngestHttp.start(config.httpHost(), config.httpPort(), config.api(), this);
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
        return new SourceRunner(spec, source, writer(spec.id()), () -> state, clock);
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
                runners.remove(id).close();
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

    @Override
    public synchronized void close() {
        watcher.shutdownNow();
        if (http != null) {
            http.close();
        }
        runners.values().forEach(SourceRunner::close);
        if (reportRunner != null) {
            reportRunner.close();
        }
        watchlists.values().forEach(WatchlistFollower::close);
        fetcher.close();
        log.info("Ingest stopped: {} post(s) sent, {} record(s) rejected or failed.", postsSent(), linesRejected());
    }
}
