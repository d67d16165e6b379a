package id.netra.ingest;

import id.netra.model.Settings;
import java.nio.file.Path;
import id.netra.ops.MetricsAccess;
import id.netra.ops.ServiceRunner;

/**
 * Runs the ingest service alone: the sources of {@code ingest.sources} (a {@code sources.yml}) and/or the JSONL
 * folder {@code ingest.jsonl.path}, into {@code posts}, {@code captures}, {@code posts-dlq}, {@code ingest-seen} and
 * {@code ingest-cursors}; health and reports on {@code ingest.http.port}. Configuration: an optional properties file
 * (first argument), then the environment ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code NETRA_INGEST_SOURCES}, ...).
 * {@code /health}, {@code /ready} and {@code /metrics} on the same port. Stops on SIGTERM / Ctrl-C within seconds (runs
 * in progress get 4 s to commit); exits 1 when a source can no longer run, so that a supervisor restarts it.
 */
public final class IngestApp {
    private IngestApp() {
    }

    public static void main(String[] args) throws InterruptedException, java.io.IOException {
        Settings settings = Settings.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        System.exit(run(IngestConfig.from(settings), MetricsAccess.from(settings)));
    }

    /**
     * Starts the service and blocks until the JVM is asked to stop or a source can no longer run (its producer fenced
     * or failed for good, its thread dead).
     *
     * @return the exit code: 0 when stopped, 1 after such a failure
     */
    public static int run(IngestConfig config, MetricsAccess metricsAccess) throws InterruptedException, java.io.IOException {
        IngestService service = new IngestService(config, metricsAccess);
        service.start();
        return ServiceRunner.run("ingest", service, service.fatal());
    }
}
