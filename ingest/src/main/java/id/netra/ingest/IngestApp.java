package id.netra.ingest;

import id.netra.model.Settings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the ingest service alone: follows {@code ingest.jsonl.path} and writes to the {@code posts} topic, bad lines
 * to {@code posts-dlq}. Configuration: an optional properties file (first argument), then the environment
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code NETRA_INGEST_JSONL_PATH}, ...). Stops on SIGTERM / Ctrl-C.
 */
public final class IngestApp {
    private IngestApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        Settings settings = Settings.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        run(IngestConfig.from(settings));
    }

    /** Starts the service and blocks until the JVM is asked to stop. */
    public static void run(IngestConfig config) throws InterruptedException {
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
