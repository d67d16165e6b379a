package id.netra.ops;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raised once by whatever part of a service dies beyond repair (a Kafka Streams client in ERROR, a consumer thread
 * that ended, a fenced producer): the service's liveness turns DOWN and its {@link ServiceRunner} stops it and exits
 * non-zero, so that a supervisor (Docker's restart policy, systemd) starts it again. The first reason wins.
 */
public final class FatalSignal {
    private static final Logger log = LoggerFactory.getLogger(FatalSignal.class);

    private final AtomicReference<String> reason = new AtomicReference<>();
    private final CountDownLatch raised = new CountDownLatch(1);

    /** Raises the signal (once; later calls are logged and otherwise ignored). */
    public void raise(String why, Throwable cause) {
        if (reason.compareAndSet(null, why)) {
            if (cause == null) {
                log.error("Fatal: {}. The service stops and exits non-zero so that it is restarted.", why);
            } else {
                log.error("Fatal: {}. The service stops and exits non-zero so that it is restarted.", why, cause);
            }
            raised.countDown();
        } else {
            log.warn("Also fatal, after the first failure: {}", why);
        }
    }

    public boolean raised() {
        return reason.get() != null;
    }

    /** Why it was raised, if it was. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason.get());
    }

    /** Waits until the signal is raised or the time is up; true if raised. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return raised.await(timeout, unit);
    }
}
