package id.netra.ingest.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One request at a time per host, and a pause between two: shared by every source, so two sources reading one site
 * still ask it no faster than its delay. A host that said "not before" (Retry-After, back-off) is waited for.
 */
final class HostGate {
    private static final class Host {
        final ReentrantLock lock = new ReentrantLock(true);
        volatile Instant next = Instant.MIN;
        int failures;
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Host> hosts = new ConcurrentHashMap<>();

    HostGate(Clock clock) {
        this.clock = clock;
    }

    /** Waits until {@code origin} may be asked, and holds it until {@link #release}. */
    void acquire(String origin) throws InterruptedException {
        Host h = hosts.computeIfAbsent(origin, o -> new Host());
        h.lock.lockInterruptibly();
        try {
            for (Duration wait = Duration.between(clock.instant(), h.next); !wait.isNegative() && !wait.isZero();
                 wait = Duration.between(clock.instant(), h.next)) {
                TimeUnit.MILLISECONDS.sleep(Math.max(1, wait.toMillis()));
            }
        } catch (InterruptedException e) {
            h.lock.unlock();
            throw e;
        }
    }

    /** Frees {@code origin}; the next request may start {@code delay} from now. */
    void release(String origin, Duration delay) {
        Host h = hosts.get(origin);
        Instant earliest = clock.instant().plus(delay);
        synchronized (h) {
            if (earliest.isAfter(h.next)) {
                h.next = earliest;
            }
        }
        h.lock.unlock();
    }

    /** Nobody asks {@code origin} before {@code when}. */
    void notBefore(String origin, Instant when) {
        Host h = hosts.computeIfAbsent(origin, o -> new Host());
        synchronized (h) {
            if (when.isAfter(h.next)) {
                h.next = when;
            }
        }
    }

    /** Counts a failure of the host and returns how many in a row. */
    int failed(String origin) {
        Host h = hosts.computeIfAbsent(origin, o -> new Host());
        synchronized (h) {
            return ++h.failures;
        }
    }

    void succeeded(String origin) {
        Host h = hosts.get(origin);
        if (h != null) {
            synchronized (h) {
                h.failures = 0;
            }
        }
    }
}
