package id.netra.alerts;

import id.netra.alerts.auth.Access;
import id.netra.alerts.auth.AccessControl;
import id.netra.alerts.auth.AuditLog;
import id.netra.alerts.auth.Jurisdiction;
import id.netra.alerts.auth.Routes;
import id.netra.alerts.auth.Session;
import id.netra.alerts.auth.Users;
import id.netra.alerts.auth.UsersFile;
import id.netra.model.Alert;
import id.netra.model.Regions;
import id.netra.model.Severity;
import id.netra.ops.FatalSignal;
import id.netra.ops.Health;
import id.netra.ops.ManagementEndpoints;
import id.netra.ops.Metrics;
import id.netra.web.BodyLimit;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysts' web app: reads the alerts topic into an {@link AlertFeed} and the cases from {@code alert-events}, both
 * kept in a {@link StateStore} (SQLite under {@code alerts.state-dir}) rather than the heap, and serves them to
 * logged-in users, each seeing only the cases and alerts of their jurisdiction.
 *
 * <ul>
 *   <li>{@code GET/POST /login}, {@code POST /logout} (see {@link AccessControl}); {@code GET /health}, {@code /ready} are
 *       open, {@code /metrics} is for loopback clients or with the management token (see {@link ManagementEndpoints})</li>
 *   <li>{@code GET /kasus}, {@code GET /kasus/{id}} the case list and one case (the view is audited);
 *       {@code GET /kasus/baris/{id}?<filters>} one row of the list, 404 when the case is not in that list (live updates)</li>
 *   <li>{@code GET /api/cases?<filters>&sort=newest|oldest|severity|opened|posted&limit=200&after=<next>} a page of cases
 *       ({@code total}, {@code counts} by name, {@code cases}, {@code next}: the cursor of the next page, null on the last;
 *       filters in {@link CaseQuery}), {@code /api/cases/{id}} (audited), {@code /api/cases/export.csv|json} (audited,
 *       streamed)</li>
 *   <li>{@code GET /kasus/{id}/asn}, {@code /api/cases/{id}/asn} the case's civil servant: cases, alerts, registry history
 *       (audited; see {@link AsnRoutes})</li>
 *   <li>{@code GET /kasus/{id}/berkas.pdf} a confirmed case's referral dossier (audited, its hash recorded on the case; see
 *       {@link DossierRoutes})</li>
 *   <li>{@code POST /api/cases/{id}/actions} triage, analysts and admins only</li>
 *   <li>{@code GET /api/live} server-sent events of new alerts and changed cases</li>
 *   <li>{@code GET /}, {@code /api/alerts?minSeverity=MEDIUM&nip=&q=&limit=200}, {@code /api/alerts/{id}} (audited) the raw alert
 *       feed (LOW alerts with {@code minSeverity=LOW})</li>
 *   <li>{@code POST /kasus/laporkan} (the case list's form) or {@code POST /api/reports} {@code {"url": ...}}: report a post's
 *       address; passed on to ingest with its token, the analyst as reporter</li>
 *   <li>{@code GET /kasus/{id}/gambar/{alertId}/{n}} a picture whose text an alert of the case read, from its capture</li>
 *   <li>{@code GET /assets/netra.js}, {@code /assets/netra.css} the pages' script and stylesheet (the Content-Security-Policy allows no inline script)</li>
 *   <li>{@code GET /laporan}, {@code /laporan/{runId}} replay reports, for national auditors and admins</li>
 * </ul>
 * A case or alert outside the user's jurisdiction is answered 404, as if it did not exist. Lists and JSON answers show
 * NIPs masked (see {@link PersonalData}); every request body is bounded ({@code alerts.http.max-body}).
 */
public final class AlertsService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertsService.class);
    static final int MAX_LIMIT = 10_000;

    private final AlertsConfig config;
    /** The temporary state directory when none is configured (tests), deleted at close; else null. */
    private final java.nio.file.Path temporaryState;
    private final StateStore state;
    /** Writes snapshots of the state (with {@code alerts.snapshot-dir}), once caught up; else null. */
    private volatile java.util.concurrent.ScheduledExecutorService snapshots;
    private final AlertFeed feed;
    private final CaseBook book;
    private final CaseSearch search;
    private final AlertConsumer consumer;
    private final CaseLog cases;
    private final LiveUpdates live = new LiveUpdates();
    private final Users users;
    private final AuditLog audit;
    private final AccessControl access;
    /** Notifications, or null when they are off. */
    private final id.netra.alerts.notify.Notifier notifier;
    private final ReplayReportLog reports;
    private final Regions regions = Regions.bundled();
    private final Metrics metrics = new Metrics("alerts");
    private final FatalSignal fatal = new FatalSignal();
    private final Health health = new Health();
    private final LeaderElection election;
    private final id.netra.alerts.auth.KafkaSessionStore sessions;
    /** Counted down once the case events committed before the start are read. */
    private final java.util.concurrent.CountDownLatch casesRead = new java.util.concurrent.CountDownLatch(1);
    private final Object electionLock = new Object();
    private boolean electionStarted;
    private volatile boolean closed;
    private Javalin http;
    private Routes routes;

    /** @throws IllegalArgumentException when the users file cannot be read or has problems (each named with its line) */
    public AlertsService(AlertsConfig config) {
        this(config, alert -> { });
    }

    /**
     * @param afterAlert told of every alert after the feed and the cases have it, on the consumer thread (tests use it to
     *                   make that thread fail as a bug or an exhausted heap would)
     */
    AlertsService(AlertsConfig config, java.util.function.Consumer<Alert> afterAlert) {
        this.config = config;
        this.users = loadUsers(config);
        Clock clock = Clock.systemUTC();
        try {
            this.temporaryState = config.stateDir() == null ? java.nio.file.Files.createTempDirectory("netra-alerts-state") : null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot create a temporary state directory", e);
        }
        this.state = StateStore.open(config.stateDir() == null ? temporaryState : config.stateDir(),
                Map.of("alerts-topic", config.alertsTopic().name(), "events-topic", config.eventsTopic().name()),
                config.snapshots() == null ? null : config.snapshots().dir());
        this.feed = new AlertFeed(state);
        this.book = new CaseBook(state);
        this.search = new CaseSearch(state);
        this.cases = new CaseLog(config.kafka(), config.eventsTopic(), book, clock, config.instanceId());
        this.audit = new AuditLog(config.kafka(), config.auth().auditTopic(), clock);
        this.sessions = new id.netra.alerts.auth.KafkaSessionStore(config.kafka(), config.sessionsTopic(), config.instanceId());
        this.access = new AccessControl(config.auth(), users, audit, clock, sessions);
        this.reports = new ReplayReportLog(config.kafka(), id.netra.model.Topics.REPLAY_REPORTS.name());
        this.consumer = new AlertConsumer(config.kafka(), config.alertsTopic(), feed, (alert, recent) -> {
            // What the start reads again is history: open pages hear only of alerts committed after it.
            if (recent) {
                live.publish("alert", Map.of("id", alert.id(), "severity", alert.severity().name()), alert.asn().regionCode());
            }
            cases.onAlert(alert);
            afterAlert.accept(alert);
        }, cases::flush);
        consumer.onDeath(fatal::raise);
        consumer.onCaughtUp(() -> {
            boolean built = state.building();
            if (built && !awaitCasesRead()) {
                return;
            }
            state.loaded();
            scheduleSnapshots();
            if (built) {
                // Beside: the service is ready without waiting for the election's topic to be made and joined.
                Thread.ofPlatform().daemon().name("netra-alerts-election-start").start(this::startElection);
            }
        });
        this.notifier = config.notifications() == null ? null
                : new id.netra.alerts.notify.Notifier(config.notifications(), config.kafka(), cases::get, feed::get, clock);
        if (notifier != null) {
            notifier.onFatal(fatal::raise);
            notifier.bindMetrics(metrics.registry());
        }
        consumer.bindMetrics(metrics);
        for (Severity sev : Severity.values()) {
            io.micrometer.core.instrument.Gauge.builder("netra.feed.alerts", () -> feed.count(sev) - next(sev).map(feed::count).orElse(0L))
                    .description("Alerts in the feed, by severity").tag("severity", sev.name()).register(metrics.registry());
        }
        health.liveness("alerts-consumer", consumer::alive).liveness("case-log", cases::alive);
        if (notifier != null) {
            health.liveness("notifications", notifier::alive);
        }
        health.readiness("feed-caught-up", consumer::caughtUp);
        this.election = new LeaderElection(config.kafka(), config.leaderTopic(), config.instanceId(), new Lead());
        cases.onEvent(e -> {
            live.publish("case", Map.of("id", e.caseId(), "event", e.type().id()), search.regionOf(e.caseId()));
            if (notifier != null) {
                notifier.onCaseEvent(e);
            }
        });
    }

    /**
     * With {@code alerts.snapshot-dir}: a snapshot of the state at once when it was built from the topics' beginnings
     * (the long way, which a new instance can then skip), then every {@code alerts.snapshot-every}.
     */
    private void scheduleSnapshots() {
        AlertsConfig.Snapshots s = config.snapshots();
        if (s == null || snapshots != null) {
            return;
        }
        snapshots = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "netra-alerts-snapshot");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        long first = state.rebuilt() ? 0 : s.every().toMillis();
        snapshots.scheduleWithFixedDelay(() -> {
            try {
                long t0 = System.nanoTime();
                long bytes = state.snapshot(s.dir());
                log.info("Wrote a snapshot of the state to {} ({} MB) in {} s.", s.dir(), bytes / (1024 * 1024),
                        String.format("%.1f", (System.nanoTime() - t0) / 1e9));
            } catch (RuntimeException e) {
                // The service works on without it; a new instance would build its state from the topics.
                log.error("Could not write a snapshot of the state to {}: {}", s.dir(), e.getMessage(), e);
            }
        }, first, s.every().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * On the consumer thread, when a state built from the beginning has every alert: waits until the case events are
     * read too (both topics are read at once). False if the service closed meanwhile.
     */
    private boolean awaitCasesRead() {
        try {
            while (!casesRead.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                if (closed) {
                    return false;
                }
            }
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Joins the election of the leader. An instance whose state is built from the beginning joins once it is built: its
     * cases are described and grouped only then, and a leader places new alerts by them (meanwhile another instance
     * leads, or the alerts that come wait and are placed at this one's election).
     */
    private void startElection() {
        synchronized (electionLock) {
            if (!closed && !electionStarted) {
                electionStarted = true;
                election.start();
            }
        }
    }

    /** Leading: opening cases and notifying; following: neither (another instance does). */
    private final class Lead implements LeaderElection.Listener {
        @Override
        public void elected() {
            cases.lead(() -> feed.withoutCase(Severity.MEDIUM, 1000));
            if (notifier != null) {
                try {
                    notifier.lead(() -> book.updatedSince(java.time.Instant.now().minus(config.notifications().catchUp())));
                } catch (RuntimeException e) {
                    log.error("Could not start sending notifications as the leader; they wait for the next election.", e);
                }
            }
        }

        @Override
        public void deposed() {
            if (notifier != null) {
                notifier.follow();
            }
            cases.follow();
        }
    }

    private static Optional<Severity> next(Severity s) {
        return s.ordinal() + 1 < Severity.values().length ? Optional.of(Severity.values()[s.ordinal() + 1]) : Optional.empty();
    }

    /**
     * Liveness: {@code alerts-consumer} (DOWN once the thread reading {@code alerts} died), {@code case-log} (DOWN once
     * the thread following {@code alert-events} died; a follower, or a leader fenced by another instance, is UP) and, with notifications on, {@code notifications} (the delivery thread).
     * Readiness adds {@code feed-caught-up}: every alert committed before the start is in the feed.
     */
    public Health health() {
        return health;
    }

    /** The service's meters (Kafka clients, feed, outbox, HTTP requests). */
    public Metrics metrics() {
        return metrics;
    }

    /** Raised when a part the service cannot work without died; the process must exit non-zero. */
    public FatalSignal fatal() {
        return fatal;
    }

    private Users loadUsers(AlertsConfig config) {
        if (config.auth().usersFile() == null) {
            return Users.NONE;
        }
        try {
            return UsersFile.read(config.auth().usersFile(), regions);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the users file " + config.auth().usersFile() + " (alerts.users): " + e.getMessage(), e);
        }
    }

    public void start() {
        if (!positionsFit(config.alertsTopic().name(), feed.positions()) || !positionsFit(config.eventsTopic().name(), book.positions())) {
            log.warn("The state file {} says more was read than the topics {} and {} hold (they were created again, or this is another "
                    + "cluster); it is rebuilt from the topics.", state.file(), config.alertsTopic().name(), config.eventsTopic().name());
            state.wipe();
        }
        log.info("State file {}: {} MB, {}.", state.file(), state.sizeBytes() / (1024 * 1024),
                state.rebuilt() ? "new or rebuilt: the topics are read from the beginning" : "going on from the stored positions");
        boolean building = state.building();
        if (building) {
            // Built from the beginning: the alerts are read beside the case events (the cases take what they need from
            // their alerts in one pass once both are in); their fetching and reading overlap, the store writes one at a time.
            consumer.start();
        }
        sessions.start();
        if (notifier != null) {
            // Silences are read and set on every instance; notifications are planned and sent by the leader alone.
            notifier.open();
        }
        http = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = false;
            BodyLimit.install(cfg, config.maxBodyBytes());
        });
        ManagementEndpoints.install(http, health, metrics, config.management());
        access.exempt(ManagementEndpoints.PATHS.toArray(String[]::new));
        access.install(http);
        // Every route declares who may use it, and within which jurisdiction (see Access); handlers hold no checks.
        routes = new Routes(http, access);
        access.routes(routes);
        routes.get(Assets.SCRIPT_PATH, Access.ANYONE, ctx -> ctx.contentType("text/javascript; charset=utf-8").header("Cache-Control", "no-cache")
                .result(Assets.SCRIPT));
        routes.get(Assets.STYLESHEET_PATH, Access.ANYONE, ctx -> ctx.contentType("text/css; charset=utf-8").header("Cache-Control", "no-cache")
                .result(Assets.STYLESHEET));
        new FeedRoutes(feed, alertId -> cases.book().caseOf(alertId), access).register(routes);
        new PostReportRoutes(config.ingest(), access).register(routes);
        new ReplayReportRoutes(reports, access).register(routes);
        CaseRoutes caseRoutes = new CaseRoutes(cases, search, feed, access, config.kafka());
        caseRoutes.register(routes);
        new OverviewRoutes(feed, search, regions).register(routes);
        new AsnRoutes(cases, feed, access, caseRoutes::caseWithin, regions).register(routes);
        new DossierRoutes(cases, feed, access, caseRoutes::caseWithin, regions, Clock.systemUTC()).register(routes);
        routes.sse("/api/live", Access.LOGGED_IN, client -> {
            Session s = AccessControl.sessionOf(client.ctx());
            live.join(client, s.user().jurisdiction()::covers, () -> access.isOpen(s));
        });
        if (notifier != null) {
            // Each user sees, sets and lifts only the silences of their jurisdiction.
            notifier.routes(routes, ctx -> {
                Session s = AccessControl.sessionOf(ctx);
                return new id.netra.alerts.notify.SilenceActor(s.user().name(), silenceScope(s.user().jurisdiction()));
            });
        }
        http.exception(org.apache.kafka.common.errors.ProducerFencedException.class, (e, ctx) -> {
            ctx.status(503).json(Map.of("error", "this alerts service was replaced by another one; try again"));
        });
        http.exception(BadRequestResponse.class, (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
        // A browser asking for a page that is not there (or a case outside the user's jurisdiction, answered the same)
        // gets a page with the way back, not a line of text; the API and the live list's row requests keep their answer.
        http.error(404, "html", ctx -> {
            if (!ctx.path().startsWith("/api/") && !ctx.path().startsWith("/kasus/baris/")) {
                java.util.Map<String, Object> params = new java.util.HashMap<>();
                params.put("viewer", AccessControl.sessionIfPassed(ctx));
                ctx.html(Templates.html("notfound.jte", params));
            }
        });
        http.start(config.httpHost(), config.httpPort());
        // Listening first: /health answers while the case events are read (minutes when a state is built), /ready not yet.
        cases.start();
        casesRead.countDown();
        reports.start();
        if (!building) {
            consumer.start();
            startElection();
        }
        if (users.isEmpty()) {
            log.warn("No users are configured (alerts.users): nobody can log in to the alert feed. Write a users file and restart.");
        } else {
            log.info("{} user(s) may log in.", users.size());
        }
        log.info("Alert feed listening on http://{}:{}/ (topic {}).", config.httpHost(), port(), config.alertsTopic().name());
    }

    /** Whether no stored position of {@code topic} is past its partition's end. */
    private boolean positionsFit(String topic, Map<Integer, Long> positions) {
        if (positions.isEmpty()) {
            return true;
        }
        Map<String, Object> props = new java.util.HashMap<>(config.kafka());
        props.remove(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG);
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.CLIENT_ID_CONFIG, "netra-alerts-state-check-" + config.instanceId());
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(props, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> tps = positions.keySet().stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p)).toList();
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(tps, java.time.Duration.ofSeconds(30));
            return tps.stream().allMatch(tp -> end.containsKey(tp) && positions.get(tp.partition()) <= end.get(tp));
        } catch (org.apache.kafka.common.KafkaException e) {
            log.warn("Could not compare the state file's positions of {} with the topic ({}); they are used as they are.", topic, e.getMessage());
            return true;
        }
    }

    /** The port the feed listens on (the free one chosen when {@code http.port} is 0). */
    public int port() {
        return http.port();
    }

    /** The started server's endpoints registered without an access rule (see {@link Routes#undeclared}). */
    List<String> undeclaredRoutes() {
        return routes.undeclared();
    }

    /** How many pages listen at {@code /api/live}. */
    public int liveListeners() {
        return live.size();
    }

    /** Whether this instance leads (opens cases, sends notifications); see {@link LeaderElection}. */
    public boolean leading() {
        return election.leading();
    }

    /** The cases, derived from {@code alert-events}. */
    public CaseLog cases() {
        return cases;
    }

    public AlertFeed feed() {
        return feed;
    }

    /** Who may log in: for choosing who is told of a case ({@code user.jurisdiction().covers(region)} first). */
    public Users users() {
        return users;
    }

    /** The audit log, for other parts of the app that must record what they did (notifications sent, silences). */
    public AuditLog auditLog() {
        return audit;
    }

    /** The cases in SQL: pages, counts, one row, a person's cases (see {@link CaseSearch}). */
    public CaseSearch search() {
        return search;
    }

    /** Every case of one civil servant, most recently changed first, nationally: callers check the jurisdiction. */
    public List<CaseView> casesOfNip(String nip) {
        return search.casesOfNip(nip, Jurisdiction.NATIONAL);
    }

    /** Every alert (LOW included) of one civil servant, newest first, nationally: callers check the jurisdiction. */
    public List<Alert> alertsOfNip(String nip) {
        return feed.alertsOfNip(nip);
    }

    /** One case with its alerts (those read so far, in the case's order) and its events, if a user of {@code j} may see it. */
    public Optional<CaseDetail> caseDetail(String caseId, Jurisdiction j) {
        return cases.get(caseId).filter(c -> j.covers(search.regionOf(c.id())))
                .map(c -> new CaseDetail(c, c.alertIds().stream().map(feed::get).flatMap(Optional::stream).toList()));
    }

    /** The state file (for operators and tests). */
    public StateStore state() {
        return state;
    }

    /** How many records of the alerts topic this instance read since it started. */
    public long alertRecordsRead() {
        return consumer.recordsRead();
    }

    /** Whether every alert committed before the start is read. */
    public boolean caughtUp() {
        return consumer.caughtUp();
    }
    /** What a silence may be about for a user of {@code j}: a person or region within it; a candidate only nationally. */
    private java.util.function.Predicate<id.netra.model.Silence.Matcher> silenceScope(Jurisdiction j) {
        if (j.national()) {
            return m -> true;
        }
        return m -> switch (m.kind()) {
            case REGION -> j.covers(m.value());
            case NIP -> feed.search(Severity.LOW, Jurisdiction.NATIONAL, m.value(), null, 1).stream().findFirst()
                    .map(a -> j.covers(a.asn().regionCode())).orElse(false);
            // A candidate's silence holds wherever an ASN mentions them, beyond any one region.
            case CANDIDATE -> false;
        };
    }

    static Severity severity(Context ctx) {
        String v = ctx.queryParam("minSeverity");
        if (v == null || v.isBlank()) {
            return Severity.MEDIUM;
        }
        try {
            return Severity.valueOf(v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("minSeverity must be one of " + List.of(Severity.values()) + ", not '" + v + "'");
        }
    }

    static int limit(Context ctx) {
        String v = ctx.queryParam("limit");
        if (v == null || v.isBlank()) {
            return 200;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 1 || n > MAX_LIMIT) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + v + "'");
        }
    }

    private static void deleteQuietly(java.nio.file.Path dir) {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete the temporary state directory {}: {}", dir, e.getMessage());
        }
    }

    @Override
    public void close() {
        synchronized (electionLock) {
            closed = true;
        }
        // Leaves the election first, so that another instance leads at once.
        election.close();
        reports.close();
        consumer.close();
        if (notifier != null) {
            notifier.close();
        }
        cases.close();
        if (http != null) {
            http.stop();
        }
        java.util.concurrent.ScheduledExecutorService snapshotting = snapshots;
        if (snapshotting != null) {
            // A snapshot being written is abandoned (its partial file stays a .part, never the snapshot).
            snapshotting.shutdownNow();
            try {
                snapshotting.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state.close();
        if (temporaryState != null) {
            deleteQuietly(temporaryState);
        }
        audit.close();
        sessions.close();
        metrics.close();
    }
}
