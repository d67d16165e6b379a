package id.netra.ingest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one source on its own thread at its interval, so a slow or failing source never delays another: collect,
 * then write the harvest in one transaction. A run that came back full (or asked for it) is followed at once by the
 * next; a failed run is logged, shown in the health, and tried again at the next interval.
 */
final class SourceRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SourceRunner.class);

    private final SourceSpec spec;
    private final Source source;
    private final HarvestWriter writer;
    private final java.util.function.Supplier<CommittedState> state;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final AtomicLong postsNew = new AtomicLong();
    private final AtomicLong postsEdited = new AtomicLong();
    private final AtomicLong postsUnchanged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String runState = "starting";
    private volatile Instant lastRun;
    private volatile Instant lastSuccess;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant nextRun;
    private ScheduledFuture<?> next;
    private volatile boolean dead;
    private volatile java.util.function.BiConsumer<String, Throwable> onFatal = (why, e) -> { };
    private volatile java.util.function.Consumer<java.util.List<Harvest.Reject>> onDeadLetters = rejects -> { };

    SourceRunner(SourceSpec spec, Source source, HarvestWriter writer, java.util.function.Supplier<CommittedState> state, Clock clock) {
        this.spec = spec;
        this.source = source;
        this.writer = writer;
        this.state = state;
        this.clock = clock;
        java.util.concurrent.ScheduledThreadPoolExecutor executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "netra-ingest-" + spec.id());
            t.setDaemon(true);
            return t;
        });
        // A stop must not wait for the next scheduled run (a minute away for a feed): only for a run in progress.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
    }

    SourceSpec spec() {
        return spec;
    }

    Source source() {
        return source;
    }

    /**
     * Told once when this source can no longer run: its producer was fenced (another instance took over) or failed for
     * good, or its thread died of an error. The service must then stop and exit non-zero.
     */
    void onFatal(java.util.function.BiConsumer<String, Throwable> listener) {
        this.onFatal = listener;
    }

    /** Told of the dead letters of each committed run (for the dead-letter rate). */
    void onDeadLetters(java.util.function.Consumer<java.util.List<Harvest.Reject>> listener) {
        this.onDeadLetters = listener;
    }

    /** Liveness: false once the source can no longer run (see {@link #onFatal}). */
    boolean alive() {
        return !dead;
    }

    HarvestWriter writer() {
        return writer;
    }

    /** Fences an earlier instance of this source; call before {@link CommittedState#load}. */
    void init() {
        writer.init();
    }

    synchronized void start() {
        runState = "idle";
        schedule(Duration.ZERO);
    }

    /** Runs the source as soon as its thread is free (e.g. a report was submitted). */
    synchronized void runSoon() {
        if (next != null && next.getDelay(TimeUnit.MILLISECONDS) > 0 && next.cancel(false)) {
            schedule(Duration.ZERO);
        }
    }

    private synchronized void schedule(Duration delay) {
        if (thread.isShutdown()) {
            return;
        }
        nextRun = clock.instant().plus(delay);
        try {
            next = thread.schedule(this::runOnce, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            nextRun = null;
        }
    }

    private void runOnce() {
        try {
            runOnceGuarded();
        } catch (Error e) {
            die("the thread of source " + spec.id() + " died: " + e, e);
            throw e;
        }
    }

    private void die(String why, Throwable e) {
        dead = true;
        runState = "stopped";
        onFatal.accept(why, e);
    }

    /** Errors after which the producer cannot be used again: the source cannot write anything any more. */
    private static boolean fatal(KafkaException e) {
        return e instanceof org.apache.kafka.common.errors.AuthorizationException
                || e instanceof org.apache.kafka.common.errors.UnsupportedVersionException
                || e instanceof org.apache.kafka.common.errors.OutOfOrderSequenceException;
    }

    private void runOnceGuarded() {
        runState = "running";
        lastRun = clock.instant();
        Duration delay = spec.interval();
        HarvestWriter.Batch batch = writer.batch();
        try {
            Map<String, String> positions = state.get().positions(spec.id());
            Harvest harvest = new Harvest(positions);
            harvest.streamTo(batch::add);
            source.collect(positions, harvest, spec.maxPerRun());
            if (harvest.size() > 0 || !harvest.positions().equals(positions)) {
                HarvestWriter.Outcome o = batch.commit(harvest);
                onDeadLetters.accept(harvest.rejects());
                onDeadLetters.accept(o.refused());
                postsNew.addAndGet(o.newPosts());
                postsEdited.addAndGet(o.editedPosts());
                postsUnchanged.addAndGet(o.unchanged());
                failed.addAndGet(o.rejected());
                if (o.newPosts() + o.editedPosts() + o.rejected() > 0) {
                    log.info("Source {}: {} new post(s), {} edited, {} unchanged, {} rejected.", spec.id(), o.newPosts(),
                            o.editedPosts(), o.unchanged(), o.rejected());
                }
            }
            harvest.afterCommitActions().forEach(Runnable::run);
            failed.addAndGet(harvest.problems().size());
            if (harvest.problems().isEmpty()) {
                lastSuccess = clock.instant();
                lastError = null;
            } else {
                lastSuccess = clock.instant();
                error(String.join("; ", harvest.problems()));
            }
            if (harvest.size() >= spec.maxPerRun() || harvest.wantsAgain()) {
                delay = Duration.ZERO;
            }
            if (harvest.deferUntil() != null) {
                Duration wait = Duration.between(clock.instant(), harvest.deferUntil());
                if (wait.compareTo(delay) > 0) {
                    delay = wait;
                }
            }
            runState = "idle";
        } catch (ProducerFencedException e) {
            batch.abort(e);
            error("another instance of source " + spec.id() + " took over: " + e.getMessage());
            log.error("Source {} stopped: another ingest instance with the same source id took over its transactions.", spec.id());
            die("another ingest instance took over source " + spec.id(), e);
            return;
        } catch (KafkaException e) {
            batch.abort(e);
            if (fatal(e)) {
                error(e.getMessage());
                die("source " + spec.id() + " cannot write to Kafka any more: " + e, e);
                return;
            }
            runState = "failing";
            error(e.getMessage());
        } catch (IOException | IllegalStateException e) {
            batch.abort(e);
            runState = "failing";
            error(e.getMessage());
        } catch (InterruptedException e) {
            batch.abort(e);
            Thread.currentThread().interrupt();
            runState = "stopped";
            return;
        } catch (RuntimeException e) {
            batch.abort(e);
            runState = "failing";
            error(e.toString());
            log.error("Source {} failed unexpectedly; trying again in {}.", spec.id(), spec.interval(), e);
        }
        schedule(delay);
    }

    private void error(String message) {
        if (!message.equals(lastError)) {
            log.warn("Source {}: {} (next try in {}).", spec.id(), message, spec.interval());
        }
        lastError = message;
        lastErrorAt = clock.instant();
    }

    SourceHealth health() {
        return new SourceHealth(spec.id(), spec.type(), spec.interval(), runState, lastRun, lastSuccess, lastError, lastErrorAt,
                postsNew.get(), postsEdited.get(), postsUnchanged.get(), failed.get(), nextRun, source.details());
    }

    /** Stops scheduling runs; a run in progress goes on (see {@link #awaitStop}). */
    void beginStop() {
        thread.shutdown();
    }

    /**
     * Waits until {@code graceUntil} (System.nanoTime) for a run in progress to finish, so its transaction commits;
     * then interrupts it (its open transaction is aborted: nothing of it becomes visible) and waits until
     * {@code hardUntil}; then closes the producer and the source.
     */
    void awaitStop(long graceUntil, long hardUntil) {
        try {
            if (!thread.awaitTermination(Math.max(0, graceUntil - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                thread.shutdownNow();
                if (!thread.awaitTermination(Math.max(0, hardUntil - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    log.warn("Source {} did not stop in time; its open transaction, if any, is aborted by the broker or the next start.", spec.id());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runState = "stopped";
        writer.close();
        try {
            source.close();
        } catch (IOException e) {
            log.warn("Closing source {} failed.", spec.id(), e);
        }
    }

    @Override
    public void close() {
        // A run in progress may finish its transaction; one stuck in a slow fetch is interrupted (nothing of it is committed).
        beginStop();
        long now = System.nanoTime();
        awaitStop(now + TimeUnit.SECONDS.toNanos(5), now + TimeUnit.SECONDS.toNanos(7));
    }
}
