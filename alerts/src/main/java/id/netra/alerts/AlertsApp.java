package id.netra.alerts;

import id.netra.model.Settings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the alerts service alone: reads the {@code alerts} topic (read_committed) and serves the feed on
 * {@code http.port} (default 8080). Configuration: an optional properties file (first argument), then the
 * environment ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code NETRA_HTTP_PORT}, ...). Stops on SIGTERM / Ctrl-C.
 */
public final class AlertsApp {
    private AlertsApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        run(AlertsConfig.from(Settings.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv())));
    }

    /** Starts the service and blocks until the JVM is asked to stop. */
    public static void run(AlertsConfig config) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        AlertsService service = new AlertsService(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "netra-alerts-shutdown"));
        service.start();
        stopped.await();
    }
}
