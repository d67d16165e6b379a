package id.netra.ingest;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a source on a named thread and publishes what it yields: posts to the posts topic, rejected records to
 * the dead-letter topic. One failing poll is logged and retried at the next interval.
 */
public final class IngestService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final IngestConfig config;
    private final Source source;
    private final PostPublisher publisher;
    private final ScheduledExecutorService scheduler;
    private volatile String lastError;

    public IngestService(IngestConfig config) {
        this(config, new JsonlSource(config.jsonlPath(), config.cursorFile()));
    }

    public IngestService(IngestConfig config, Source source) {
        this.config = config;
        this.source = source;
        this.publisher = new PostPublisher(config.kafka(), config.postsTopic(), config.dlqTopic(), source.id(), Clock.systemUTC());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "netra-ingest-" + source.id());
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        log.info("Ingest started: following {} into topic {} (bad records to {}).", source.id(),
                config.postsTopic().name(), config.dlqTopic().name());
        scheduler.scheduleWithFixedDelay(this::pollOnce, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollOnce() {
        try {
            int n = source.poll(publisher, config.maxPerPoll());
            if (n > 0) {
                publisher.flush();
                source.checkpoint();
            }
            lastError = null;
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage();
            if (!message.equals(lastError)) {
                log.warn("Source {} could not be read ({}); retrying every {}.", source.id(), message, config.pollInterval());
            }
            lastError = message;
        }
    }

    public long postsSent() {
        return publisher.postsSent();
    }

    public long linesRejected() {
        return publisher.linesRejected();
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Ingest did not finish its poll within 30 s; stopping it.");
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        publisher.close();
        try {
            source.close();
        } catch (IOException e) {
            log.warn("Closing source {} failed.", source.id(), e);
        }
        log.info("Ingest stopped: {} post(s) sent, {} line(s) rejected.", postsSent(), linesRejected());
    }
}
