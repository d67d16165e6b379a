package id.netra.alerts;

import id.netra.model.Settings;
import java.nio.file.Path;
import id.netra.ops.ServiceRunner;

/**
 * Runs the alerts service alone: reads the {@code alerts} topic (read_committed) and serves the feed on
 * {@code http.port} (default 8080). Configuration: an optional properties file (first argument), then the
 * environment ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code NETRA_HTTP_PORT}, ...). Stops on SIGTERM / Ctrl-C; exits 1 when
 * its alert consumer dies, so that a supervisor restarts it.
 */
public final class AlertsApp {
    private AlertsApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(AlertsConfig.from(Settings.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv()))));
    }

    /**
     * Starts the service and blocks until the JVM is asked to stop or a part it cannot work without dies (the alert
     * consumer thread, a writer fenced by another instance).
     *
     * @return the exit code: 0 when stopped, 1 after such a failure
     */
    public static int run(AlertsConfig config) throws InterruptedException {
        AlertsService service = new AlertsService(config);
        service.start();
        return ServiceRunner.run("alerts", service, service.fatal());
    }
}
