package id.netra.ingest;

import id.netra.model.Settings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the ingest service alone: the sources of {@code ingest.sources} (a {@code sources.yml}) and/or the JSONL
 * folder {@code ingest.jsonl.path}, into {@code posts}, {@code captures}, {@code posts-dlq}, {@code ingest-seen} and
 * {@code ingest-cursors}; health and reports on {@code ingest.http.port}. Configuration: an optional properties file
 * (first argument), then the environment ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code NETRA_INGEST_SOURCES}, ...).
 * Stops on SIGTERM / Ctrl-C.
 */
public final class IngestApp {
    private IngestApp() {
    }

    public static void main(String[] args) throws InterruptedException, java.io.IOException {
        Settings settings = Settings.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        run(IngestConfig.from(settings));
    }

    /** Starts the service and blocks until the JVM is asked to stop. */
    public static void run(IngestConfig config) throws InterruptedException, java.io.IOException {
        CountDownLatch stopped = new CountDownLatch(1);
        IngestService service = new IngestService(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "netra-ingest-shutdown"));
        service.start();
        stopped.await();
    }
}
