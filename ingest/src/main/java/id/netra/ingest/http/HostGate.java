package id.netra.ingest.http;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request at a time per host (scheme, host and port), each starting no earlier than the host's pause after the
 * previous one finished, and not before a back-off the host asked for. Shared by every source of the service, so
 * two sources reading one site together are as polite as one.
 *
 * <p>Waits are measured on {@link System#nanoTime()}, not on the clock, so a fixed clock in tests cannot stall them;
 * the clock only turns a wait into the {@code retryAt} an exception reports.
 */
final class HostGate {
    private final Clock clock;
    private final ConcurrentHashMap<String, Host> hosts = new ConcurrentHashMap<>();

    private static final class Host {
        /** Fair, so sources queue for a busy host in arrival order. */
        final Semaphore turn = new Semaphore(1, true);
        /** {@link System#nanoTime()} before which the next request must not start. */
        final AtomicLong readyAt = new AtomicLong(System.nanoTime());
        final AtomicInteger failures = new AtomicInteger();
    }

    HostGate(Clock clock) {
        this.clock = clock;
    }

    /** The gate's key: lower-case scheme and host, and the port (the default one when the address has none). */
    static String key(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /**
     * Waits for the host's turn and its pause. Close the returned turn when the response has been read.
     *
     * @param pause   how long the host rests after this request finishes
     * @param maxWait a longer wait is not waited
     * @throws FetchException {@code RATE_LIMITED} when the host is not to be asked for longer than {@code maxWait}
     */
    Turn enter(URI url, Duration pause, Duration maxWait) throws FetchException, InterruptedException {
        Host host = hosts.computeIfAbsent(key(url), k -> new Host());
        host.turn.acquire();
        try {
            long wait = host.readyAt.get() - System.nanoTime();
            if (wait > maxWait.toNanos()) {
                throw new FetchException(FetchException.Kind.RATE_LIMITED, url, 0, clock.instant().plusNanos(wait),
                        "Not asking " + url + " yet: its host is backed off for another " + wait / 1_000_000 + " ms", null);
            }
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        } catch (FetchException | InterruptedException e) {
            host.turn.release();
            throw e;
        }
        return new Turn(host, pause);
    }

    /** Keeps every request to the host from starting for {@code wait} (a Retry-After or back-off). */
    void defer(URI url, Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        hosts.computeIfAbsent(key(url), k -> new Host()).readyAt.accumulateAndGet(until, Math::max);
    }

    /** Counts a failure of the host (429, 5xx, timeout) and returns how many happened in a row. */
    int failed(URI url) {
        return hosts.computeIfAbsent(key(url), k -> new Host()).failures.incrementAndGet();
    }

    /** The host answered properly: the next back-off starts from the base again. */
    void succeeded(URI url) {
        Host host = hosts.get(key(url));
        if (host != null) {
            host.failures.set(0);
        }
    }

    /** A host's turn; closing it starts the host's pause and lets the next request in. */
    static final class Turn implements AutoCloseable {
        private final Host host;
        private final Duration pause;
        private boolean closed;

        private Turn(Host host, Duration pause) {
            this.host = host;
            this.pause = pause;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                host.readyAt.accumulateAndGet(System.nanoTime() + pause.toNanos(), Math::max);
                host.turn.release();
            }
        }
    }
}
