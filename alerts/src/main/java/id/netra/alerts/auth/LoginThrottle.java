package id.netra.alerts.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed logins within {@code window} for one user name, or from one
 * client address, further attempts for that name or from that address are refused until the oldest failure leaves the
 * window. A success clears the name's failures (not the address's: one address may try many names). Thread-safe.
 */
public final class LoginThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("the number of failed logins allowed must be at least 1, not " + maxFailures);
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long until a login for {@code name} from {@code address} may be tried, or empty when it may be now. */
    public Optional<Duration> retryAfter(String name, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : new String[] {userKey(name), addressKey(address)}) {
            Deque<Instant> d = failures.get(key);
            if (d == null) {
                continue;
            }
            synchronized (d) {
                prune(d, now);
                if (d.size() >= maxFailures) {
                    Duration w = Duration.between(now, d.peekFirst().plus(window));
                    wait = w.compareTo(wait) > 0 ? w : wait;
                }
            }
        }
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }

    public void failed(String name, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {userKey(name), addressKey(address)}) {
            Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (d) {
                prune(d, now);
                d.addLast(now);
            }
        }
        if (failures.size() > 100_000) {
            failures.values().removeIf(d -> {
                synchronized (d) {
                    prune(d, now);
                    return d.isEmpty();
                }
            });
        }
    }

    public void succeeded(String name) {
        failures.remove(userKey(name));
    }

    private void prune(Deque<Instant> d, Instant now) {
        while (!d.isEmpty() && !d.peekFirst().plus(window).isAfter(now)) {
            d.removeFirst();
        }
    }

    private static String userKey(String name) {
        return "u:" + (name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
