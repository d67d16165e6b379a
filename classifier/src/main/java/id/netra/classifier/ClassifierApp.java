package id.netra.classifier;

import id.netra.model.Settings;
import id.netra.ops.ManagementConfig;
import id.netra.ops.ManagementServer;
import id.netra.ops.ServiceRunner;
import java.nio.file.Path;

/**
 * Runs the classifier alone: reads {@code posts}, {@code registry} and {@code watchlist}, writes {@code alerts}
 * and {@code posts-dlq}. Configuration: an optional properties file (first argument), then the environment
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code NETRA_CLASSIFIER_STATE_DIR}, ...). Serves {@code /health}, {@code /ready}
 * and {@code /metrics} on {@code classifier.http.port} (default 8082, -1 for none). Stops on SIGTERM / Ctrl-C; exits
 * 1 when Kafka Streams fails (a stream thread died), so that a supervisor restarts it.
 */
public final class ClassifierApp {
    /** The default port of the classifier's management endpoints. */
    public static final int DEFAULT_HTTP_PORT = 8082;

    private ClassifierApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        Settings settings = Settings.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        System.exit(run(ClassifierConfig.from(settings), ManagementConfig.from(settings, "classifier.http", DEFAULT_HTTP_PORT)));
    }

    /**
     * Starts the classifier and blocks until the JVM is asked to stop or the classifier fails.
     *
     * @return the exit code: 0 when stopped, 1 when Kafka Streams failed
     */
    public static int run(ClassifierConfig config, ManagementConfig management) throws InterruptedException {
        ClassifierService service = new ClassifierService(config);
        ManagementServer http = management.enabled()
                ? ManagementServer.start(management.host(), management.port(), service.health(), service.metrics(), management.access())
                : null;
        service.start();
        return ServiceRunner.run("classifier", () -> {
            service.close();
            if (http != null) {
                http.close();
            }
        }, service.fatal());
    }
}
