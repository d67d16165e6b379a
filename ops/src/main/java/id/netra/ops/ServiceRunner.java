package id.netra.ops;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a started service until the JVM is asked to stop (SIGTERM, Ctrl-C: a shutdown hook closes the service) or the
 * service raises its {@link FatalSignal} (then this closes it and answers exit code 1). Closing happens once, whichever
 * comes first, and how long it took is logged: Docker kills a container that has not stopped within its grace period.
 */
public final class ServiceRunner {
    private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

    /** The exit code after a fatal failure. */
    public static final int FATAL_EXIT = 1;

    private ServiceRunner() {
    }

    /**
     * Blocks until the service is stopped.
     *
     * @param name    the service's name, for the log
     * @param service the started service
     * @param fatal   the service's fatal signal
     * @return 0 when stopped on request, {@link #FATAL_EXIT} after a fatal failure
     */
    public static int run(String name, AutoCloseable service, FatalSignal fatal) throws InterruptedException {
        AtomicBoolean closed = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            close(name, service, closed);
            stopped.countDown();
        }, "netra-" + name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        while (!stopped.await(200, TimeUnit.MILLISECONDS)) {
            if (fatal.raised()) {
                close(name, service, closed);
                return FATAL_EXIT;
            }
        }
        return 0;
    }

    private static void close(String name, AutoCloseable service, AtomicBoolean closed) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long start = System.nanoTime();
        log.info("Stopping the {} service.", name);
        try {
            service.close();
        } catch (Exception e) {
            log.warn("Stopping the {} service failed: {}", name, e.toString(), e);
        }
        log.info("The {} service stopped in {} ms.", name, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }
}
