package id.netra.ingest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
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

    SourceRunner(SourceSpec spec, Source source, HarvestWriter writer, java.util.function.Supplier<CommittedState> state, Clock clock) {
        this.spec = spec;
        this.source = source;
        this.writer = writer;
        this.state = state;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "netra-ingest-" + spec.id());
            t.setDaemon(true);
            return t;
        });
    }

    SourceSpec spec() {
        return spec;
    }

    Source source() {
        return source;
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
        runState = "running";
        lastRun = clock.instant();
        Duration delay = spec.interval();
        try {
            Map<String, String> positions = state.get().positions(spec.id());
            Harvest harvest = new Harvest(positions);
            source.collect(positions, harvest, spec.maxPerRun());
            if (harvest.size() > 0 || !harvest.positions().equals(positions)) {
                HarvestWriter.Outcome o = writer.write(harvest);
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
            runState = "stopped";
            error("another instance of source " + spec.id() + " took over: " + e.getMessage());
            log.error("Source {} stopped: another ingest instance with the same source id took over its transactions.", spec.id());
            return;
        } catch (IOException | KafkaException | IllegalStateException e) {
            runState = "failing";
            error(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runState = "stopped";
            return;
        } catch (RuntimeException e) {
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

    @Override
    public void close() {
        // A run in progress may finish its transaction; one stuck in a slow fetch is interrupted (nothing of it is committed).
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
                if (!thread.awaitTermination(20, TimeUnit.SECONDS)) {
                    log.warn("Source {} did not stop within 30 s.", spec.id());
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
}
