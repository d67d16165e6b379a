package id.netra.app.bench;

import id.netra.alerts.auth.Jurisdiction;
import id.netra.alerts.auth.PasswordHash;
import id.netra.alerts.auth.Role;
import id.netra.alerts.auth.User;
import id.netra.alerts.auth.UsersFile;
import id.netra.embedded.EmbeddedKafka;
import id.netra.model.Json;
import id.netra.model.Regions;
import id.netra.model.Topics;
import id.netra.model.Watchlist;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code netra bench --only alerts-app}: the analysts' app at national scale (issue 17). Publishes a campaign's alerts
 * and case history ({@link CaseHistory}) on an embedded broker, starts the alerts service in a JVM of its own with a
 * bounded heap ({@link AlertsChild}), and measures: the time from its start to ready (health, then readiness, then
 * every case listed), its heap after a full collection and its resident memory; then analysts at work
 * ({@link AnalystLoad}), latency by kind of request; then one export of every case streamed while the service's heap
 * is watched; then the time to ready again after a restart on the state it stored. Prints each figure beside its goal,
 * met or NOT met.
 */
final class AlertsAppBench {
    static final double READY_GOAL_SECONDS = 60;
    static final long HEAP_GOAL = 1L << 30;
    static final double P95_GOAL_MS = 300;
    /**
     * An export that streams keeps a buffer more alive, one held whole about its size or more (hundreds of MiB at
     * national scale): growth is allowed up to a quarter of the export's bytes (4 MiB at least: the noise of a full GC
     * on a small heap) and 32 MiB.
     */
    static final long EXPORT_GROWTH_GOAL = 32L << 20;
    private static final long EXPORT_GROWTH_NOISE = 4L << 20;
    /** A first start at national scale builds the whole state from the topics: it may take longer than the goal. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(45);

    /** What to run: sizes, analysts and how long they work. */
    record Settings(long alerts, int cases, int analysts, String heap, Duration duration, Duration warmup, long requests, Duration think,
                    long seed) {
    }

    private final PrintWriter out;
    private final List<String> goals = new ArrayList<>();

    private AlertsAppBench(PrintWriter out) {
        this.out = out;
    }

    static void run(PrintWriter out, Watchlist watchlist, Path base, Settings s) throws Exception {
        new AlertsAppBench(out).measure(watchlist, base, s);
    }

    private void measure(Watchlist watchlist, Path base, Settings s) throws Exception {
        List<String> names = new ArrayList<>();
        int national = Math.max(1, s.analysts() / 5);
        for (int i = 1; i <= s.analysts(); i++) {
            names.add((i <= national ? "nasional-" : "daerah-") + String.format("%02d", i));
        }
        CaseHistory history = new CaseHistory(watchlist, s.alerts(), s.cases(), s.seed(), names);
        out.printf("(aa) %,d alerts (%,d LOW, without a case) in %,d cases; %d analysts (%d national, the others of a province); heap -Xmx%s%n",
                s.alerts(), history.lows(), history.cases(), s.analysts(), national, s.heap());
        out.flush();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(base.resolve("kafka"), port);
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Topics.createMissing(admin);
            long t0 = System.nanoTime();
            long events = history.publish(Map.of("bootstrap.servers", kafka.bootstrapServers()));
            double publishSeconds = (System.nanoTime() - t0) / 1e9;
            out.printf("(aa) published %,d alerts and %,d case events in %.1f s (%,.0f alerts/s)%n", s.alerts(), events, publishSeconds,
                    s.alerts() / publishSeconds);
            Map<String, int[]> byProvince = history.casesByProvince();
            List<String> provinces = byProvince.entrySet().stream().sorted((a, b) -> b.getValue().length - a.getValue().length)
                    .map(Map.Entry::getKey).toList();
            String password = PasswordHash.randomPassword();
            // One hash for everyone, at the least cost the service accepts without a warning; logins are not measured.
            String hash = PasswordHash.hash(password.toCharArray(), PasswordHash.MIN_PRODUCTION_ITERATIONS);
            List<User> users = new ArrayList<>();
            List<int[]> visible = new ArrayList<>();
            int[] all = java.util.stream.IntStream.range(0, history.cases()).toArray();
            for (int i = 0; i < names.size(); i++) {
                String jurisdiction = i < national ? "national" : provinces.get((i - national) % provinces.size());
                users.add(new User(names.get(i), Role.ANALYST, Jurisdiction.parse(jurisdiction, Regions.bundled()), hash, null));
                visible.add(i < national ? all : byProvince.get(jurisdiction));
            }
            Path usersFile = base.resolve("users.yml");
            UsersFile.write(usersFile, users);

            try (AlertsChild child = AlertsChild.start(base, "alerts-app", kafka.bootstrapServers(), usersFile, s.heap())) {
                // The first start has no state: it builds it from the topics, every alert and case event once.
                String first = "ready within 60 s of the first start (state built from the topics)";
                double ready = awaitReady(child, names.getFirst(), password, history.cases(), first);
                if (ready < 0) {
                    summary();
                    return;
                }
                OptionalLong heap = child.heapAfterGc();
                long[] rss = child.rss();
                out.printf("(aa) heap used after a full GC once ready: %s of -Xmx%s; RSS %s (peak %s), of it anonymous %s (the rest: the state file's "
                        + "pages mapped from the system's cache)%n", mib(heap), s.heap(), mib(rss[0]), mib(rss[1]), mib(rss[2]));
                goal(first, String.format("%.1f s", ready), ready <= READY_GOAL_SECONDS);
                goal("heap under 1 GiB (after a full GC, once ready)", mib(heap), heap.isPresent() && heap.getAsLong() < HEAP_GOAL);

                t0 = System.nanoTime();
                List<AnalystLoad.Analyst> analysts = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    analysts.add(new AnalystLoad.Analyst(new AnalystSession(child.port(), names.get(i)).login(password), visible.get(i)));
                }
                out.printf("(aa) %d analysts logged in (each its own session and CSRF token) in %.1f s%n", analysts.size(), (System.nanoTime() - t0) / 1e9);
                out.printf("(aa) workload: %s (warm-up %s not counted)%s, think time %s on average between an analyst's requests%n",
                        s.duration(), s.warmup(), s.requests() > 0 ? ", at most " + s.requests() + " requests" : "", s.think());
                out.flush();
                AnalystLoad load = new AnalystLoad(history);
                double loadBefore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                double seconds = load.run(analysts, s.duration(), s.warmup(), s.requests(), s.think(), s.seed());
                // The machine may be shared: its load says how far the latencies are the service's own.
                out.printf("(aa) the machine's load average (1 min): %.1f when the analysts began, %.1f when they ended, on %d CPU(s)%n", loadBefore,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
                report(load, seconds);
                if (!child.alive()) {
                    out.printf("(aa) the alerts service died during the workload (exit %s); its log ends:%n%s%n", child.exitCode(), child.logTail(20));
                    goal("export of every case without heap growth", "service gone", false);
                    summary();
                    return;
                }
                export(child, analysts.getFirst().session(), history.cases());
                // A state built from the topics is copied at once for new instances (alerts.snapshot-dir).
                awaitSnapshot(child);
                rss = child.rss();
                out.printf("(aa) after the run: heap after a full GC %s, RSS %s (peak %s), of it anonymous %s%n", mib(child.heapAfterGc()), mib(rss[0]),
                        mib(rss[1]), mib(rss[2]));
            }
            // A restart (a deployment, a crash) finds its state on disk and reads only what came since.
            out.printf("(aa) the alerts service stopped (SIGTERM); started again on its stored state%n");
            out.flush();
            try (AlertsChild child = AlertsChild.start(base, "alerts-app-restart", kafka.bootstrapServers(), usersFile, s.heap())) {
                String again = "ready within 60 s of a restart (state on disk)";
                double ready = awaitReady(child, names.getFirst(), password, history.cases(), again);
                if (ready >= 0) {
                    OptionalLong heap = child.heapAfterGc();
                    out.printf("(aa) heap used after a full GC once ready again: %s of -Xmx%s%n", mib(heap), s.heap());
                    goal(again, String.format("%.1f s", ready), ready <= READY_GOAL_SECONDS);
                }
            }
            // A new instance (another machine, a lost volume) with no state of its own starts from the snapshot.
            if (java.nio.file.Files.exists(AlertsChild.snapshots(base).resolve(SNAPSHOT))) {
                out.printf("(aa) a new instance with an empty state directory, started beside the snapshot%n");
                out.flush();
                try (AlertsChild child = AlertsChild.start(base, "alerts-app-new", "alerts-state-new", kafka.bootstrapServers(), usersFile, s.heap())) {
                    String fresh = "ready within 60 s of a new instance's start (from the snapshot)";
                    double ready = awaitReady(child, names.getFirst(), password, history.cases(), fresh);
                    if (ready >= 0) {
                        goal(fresh, String.format("%.1f s", ready), ready <= READY_GOAL_SECONDS);
                    }
                }
            }
        }
        summary();
    }

    private static final String SNAPSHOT = "alerts-state.snapshot.db";

    /** Waits (up to the ready timeout) for the service's first snapshot of its state, and says how long it took and its size. */
    private void awaitSnapshot(AlertsChild child) throws Exception {
        Path file = AlertsChild.snapshots(child.log().getParent()).resolve(SNAPSHOT);
        long t0 = System.nanoTime();
        while (!java.nio.file.Files.exists(file) && child.alive() && child.uptime() < READY_TIMEOUT.toSeconds()) {
            Thread.sleep(500); // polling a process the bench started; this is a benchmark, not a test
        }
        if (java.nio.file.Files.exists(file)) {
            out.printf("(aa) the service's snapshot of its state: %,d MB, there %.1f s after the export (%.1f s after the service's start)%n",
                    java.nio.file.Files.size(file) >> 20, (System.nanoTime() - t0) / 1e9, child.uptime());
        } else {
            out.printf("(aa) the service wrote no snapshot of its state (alive: %s)%n", child.alive());
        }
        out.flush();
    }

    /**
     * From the start of the service's JVM to ready: {@code /health} answers, {@code /ready} says UP, and a national
     * analyst's {@code /api/cases} lists every case ({@code total}); when the answer has no total, {@code /ready} decides
     * alone. Returns the seconds, or -1 when the service died or never got ready.
     */
    private double awaitReady(AlertsChild child, String user, String password, int cases, String goal) throws Exception {
        double health = -1;
        double readyAt = -1;
        AnalystSession session = null;
        long nextReport = System.nanoTime() + 10_000_000_000L;
        String lastCount = "not asked yet";
        while (child.uptime() < READY_TIMEOUT.toSeconds()) {
            if (!child.alive()) {
                out.printf("(aa) the alerts service exited (code %s) %.1f s after its start, before it was ready; its log (%s) ends:%n%s%n",
                        child.exitCode(), child.uptime(), child.log(), child.logTail(20));
                goal(goal, "died", false);
                goal("heap under 1 GiB", "died", false);
                return -1;
            }
            if (System.nanoTime() > nextReport) {
                long[] rss = child.rss();
                System.err.printf("  alerts-app: waiting for the service to be ready, %.0f s: health %s, ready %s, cases %s; RSS %s%n",
                        child.uptime(), health < 0 ? "no" : "yes", readyAt < 0 ? "no" : "yes", lastCount, mib(rss[0]));
                nextReport += 10_000_000_000L;
            }
            if (health < 0 && child.status("/health") == 200) {
                health = child.uptime();
            }
            if (health >= 0 && readyAt < 0 && child.status("/ready") == 200) {
                readyAt = child.uptime();
            }
            if (readyAt >= 0) {
                if (session == null) {
                    session = new AnalystSession(child.port(), user).login(password);
                }
                HttpResponse<String> r = session.get("/api/cases?limit=1");
                var total = r.statusCode() == 200 ? Json.mapper().readTree(r.body()).get("total") : null;
                if (r.statusCode() == 200 && total == null) {
                    double t = child.uptime();
                    out.printf("(aa) ready: /health at %.1f s, /ready UP at %.1f s; /api/cases gives no total, so /ready decided (cases answered at %.1f s)%n",
                            health, readyAt, t);
                    return t;
                }
                lastCount = total == null ? "HTTP " + r.statusCode() : String.format("%,d of %,d", total.asLong(), cases);
                if (total != null && total.asLong() >= cases) {
                    double t = child.uptime();
                    out.printf("(aa) ready: /health at %.1f s, /ready UP at %.1f s, every case listed (/api/cases total %,d) at %.1f s after the JVM's start%n",
                            health, readyAt, total.asLong(), t);
                    return t;
                }
            }
            Thread.sleep(250); // polling a process the bench started; this is a benchmark, not a test
        }
        out.printf("(aa) the alerts service was not ready after %s (health %s, ready %s, cases %s)%n", READY_TIMEOUT,
                health >= 0, readyAt >= 0, lastCount);
        goal(goal, "not ready in " + READY_TIMEOUT.toMinutes() + " min", false);
        return -1;
    }

    private void report(AnalystLoad load, double seconds) {
        Map<String, Histogram> latencies = load.latencies();
        long total = latencies.entrySet().stream().filter(e -> !e.getKey().startsWith("/api/cases ?")).mapToLong(e -> e.getValue().getTotalCount()).sum();
        out.printf("(aa) %,d requests measured in %.1f s = %.1f requests/s%n", total, seconds, total / seconds);
        out.printf("(aa) %-28s %8s %9s %9s %9s %9s%n", "request", "count", "p50 ms", "p95 ms", "p99 ms", "max ms");
        List<String> order = new ArrayList<>(List.of(AnalystLoad.PAGE, AnalystLoad.FILTERED));
        AnalystLoad.FILTERS.forEach(f -> order.add("/api/cases ?" + f));
        order.addAll(List.of(AnalystLoad.CASE, AnalystLoad.NEXT, AnalystLoad.EXPORT));
        for (String kind : order) {
            Histogram h = latencies.get(kind);
            if (h == null) {
                out.printf("(aa) %-28s %8s%n", kind, "none");
            } else {
                out.printf("(aa) %-28s %8d %9.1f %9.1f %9.1f %9.1f%n", kind, h.getTotalCount(), ms(h, 50), ms(h, 95), ms(h, 99), h.getMaxValue() / 1000.0);
            }
        }
        out.printf("(aa) next-page cursors: offered %,d times, absent %,d times%s%n", load.cursorsOffered(), load.cursorsAbsent(),
                load.cursorsOffered() == 0 ? " (this implementation has no cursor paging)" : "");
        Map<String, Long> errors = load.errors();
        out.printf("(aa) errors: %s%n", errors.isEmpty() ? "none" : errors);
        for (String kind : List.of(AnalystLoad.PAGE, AnalystLoad.FILTERED)) {
            Histogram h = latencies.get(kind);
            goal("p95 of " + kind + " <= 300 ms", h == null ? "not measured" : String.format("%.0f ms", ms(h, 95)),
                    h != null && ms(h, 95) <= P95_GOAL_MS);
        }
        out.flush();
    }

    /**
     * One export of every case (a national analyst's) read as a stream, while the service's heap is sampled: in use every
     * 200 ms, and live (after a full GC asked for with jcmd) at the first byte and every 2 s. Growth: the most live heap during the export
     * less the live heap before it.
     */
    private void export(AlertsChild child, AnalystSession session, int cases) throws Exception {
        OptionalLong before = child.heapAfterGc();
        // Written by the sampler and by this thread at the first byte.
        var peakUsed = new java.util.concurrent.atomic.AtomicLong();
        var peakLive = new java.util.concurrent.atomic.AtomicLong();
        var gcs = new java.util.concurrent.atomic.AtomicInteger();
        var done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread sampler = Thread.ofPlatform().name("bench-heap-sampler").start(() -> {
            long nextGc = System.nanoTime() + 2_000_000_000L;
            while (!done.get() && child.alive()) {
                child.heapUsed().ifPresent(h -> peakUsed.accumulateAndGet(h, Math::max));
                if (System.nanoTime() > nextGc) {
                    gcs.incrementAndGet();
                    child.heapAfterGc().ifPresent(h -> peakLive.accumulateAndGet(h, Math::max));
                    nextGc = System.nanoTime() + 2_000_000_000L;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
            }
        });
        long t0 = System.nanoTime();
        long bytes = 0;
        long lines = 0;
        double firstByte = -1;
        int status;
        try {
            HttpResponse<InputStream> r = session.stream("/api/cases/export.csv");
            status = r.statusCode();
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = r.body()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (firstByte < 0 && n > 0) {
                        firstByte = (System.nanoTime() - t0) / 1e9;
                        // What the service holds once it answers: all of the export if it built it before sending, a buffer if it streams.
                        gcs.incrementAndGet();
                        child.heapAfterGc().ifPresent(h -> peakLive.accumulateAndGet(h, Math::max));
                    }
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
        } catch (java.io.IOException e) {
            status = -1;
            out.printf("(aa) the export failed: %s%n", e);
        } finally {
            done.set(true);
            sampler.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        OptionalLong after = child.alive() ? child.heapAfterGc() : OptionalLong.empty();
        long rows = Math.max(0, lines - 1);
        long growth = before.isPresent() && peakLive.get() > 0 ? Math.max(0, peakLive.get() - before.getAsLong()) : -1;
        out.printf("(aa) export of every case: HTTP %d, %,d bytes, %,d rows (%,d cases), first byte after %.2f s, all in %.1f s%s%n", status, bytes,
                rows, cases, firstByte, seconds, gcs.get() > 0 ? " (with " + gcs.get() + " full GCs asked for to sample the live heap)" : "");
        out.printf("(aa) export heap: before %s (after a full GC), in use at most %s, live at most %s during it (growth %s = %.2f x the export's size), after %s%n",
                mib(before), mib(peakUsed.get()), mib(peakLive.get()), growth < 0 ? "not measured" : mib(growth),
                bytes == 0 ? 0.0 : Math.max(0, growth) / (double) bytes, mib(after));
        if (!child.alive()) {
            out.printf("(aa) the alerts service died during the export (exit %s); its log ends:%n%s%n", child.exitCode(), child.logTail(20));
        }
        goal("export of every case without heap growth (live +max(4 MiB, size/4), <= 32 MiB)", growth < 0 ? "not measured" : "+" + mib(growth),
                status == 200 && rows == cases && growth >= 0 && growth <= Math.min(EXPORT_GROWTH_GOAL, Math.max(EXPORT_GROWTH_NOISE, bytes / 4)));
    }

    private void goal(String what, String figure, boolean met) {
        goals.add(String.format("(aa) goal %-70s %-14s %s", what, figure, met ? "met" : "NOT met"));
    }

    private void summary() {
        out.println("(aa) goals of issue 17:");
        goals.forEach(out::println);
        out.flush();
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String mib(OptionalLong bytes) {
        return bytes.isPresent() ? mib(bytes.getAsLong()) : "n/a";
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%,d MiB", bytes >> 20);
    }
}
