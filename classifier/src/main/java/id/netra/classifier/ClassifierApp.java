package id.netra.classifier;

import id.netra.model.Settings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the classifier alone: reads {@code posts}, {@code registry} and {@code watchlist}, writes {@code alerts}
 * and {@code posts-dlq}. Configuration: an optional properties file (first argument), then the environment
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code NETRA_CLASSIFIER_STATE_DIR}, ...). Stops on SIGTERM / Ctrl-C.
 */
public final class ClassifierApp {
    private ClassifierApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        run(ClassifierConfig.from(Settings.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv())));
    }

    /** Starts the classifier and blocks until the JVM is asked to stop. */
    public static void run(ClassifierConfig config) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        ClassifierService service = new ClassifierService(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "netra-classifier-shutdown"));
        service.start();
        stopped.await();
    }
}
