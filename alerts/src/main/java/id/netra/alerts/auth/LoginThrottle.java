package id.netra.alerts.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing: at most {@code maxFailures} login attempts that did not succeed within {@code window} per
 * user name, and per client address; further attempts for that name or from that address are refused until the oldest
 * leaves the window.
 *
 * <p>An attempt is counted <em>before</em> its password is checked, in the same step as the check of the count
 * ({@link #begin}), so parallel guesses cannot all pass a check made before any of them was counted. A success then
 * takes its attempt back ({@link #succeeded}) and clears the name's count (not the address's others: one address may
 * try many names); an attempt abandoned before the password was checked is taken back too ({@link #abandon}).
 * Thread-safe.
 */
public final class LoginThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> attempts = new HashMap<>();

    /** One counted login attempt, to be settled by {@link #succeeded} or {@link #abandon}, or left counted as failed. */
    public record Attempt(String userKey, String addressKey, Instant at) {
    }

    /** The outcome of {@link #begin}: an attempt that may go on, or how long to wait. */
    public record Admission(Optional<Attempt> attempt, Duration retryAfter) {
        public boolean admitted() {
            return attempt.isPresent();
        }
    }

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("the number of failed logins allowed must be at least 1, not " + maxFailures);
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** Counts an attempt for {@code name} from {@code address} if both are under the limit; else says how long to wait. */
    public synchronized Admission begin(String name, String address) {
        Instant now = clock.instant();
        String u = userKey(name);
        String a = addressKey(address);
        Duration wait = Duration.ZERO;
        for (String key : new String[] {u, a}) {
            Deque<Instant> d = attempts.get(key);
            if (d == null) {
                continue;
            }
            prune(d, now);
            if (d.size() >= maxFailures) {
                Duration w = Duration.between(now, d.peekFirst().plus(window));
                wait = w.compareTo(wait) > 0 ? w : wait;
            }
        }
        if (wait.isPositive()) {
            return new Admission(Optional.empty(), wait);
        }
        attempts.computeIfAbsent(u, k -> new ArrayDeque<>()).addLast(now);
        attempts.computeIfAbsent(a, k -> new ArrayDeque<>()).addLast(now);
        if (attempts.size() > 100_000) {
            attempts.values().removeIf(d -> {
                prune(d, now);
                return d.isEmpty();
            });
        }
        return new Admission(Optional.of(new Attempt(u, a, now)), Duration.ZERO);
    }

    /** The attempt succeeded: it no longer counts, and neither do the name's earlier failures. */
    public synchronized void succeeded(Attempt attempt) {
        attempts.remove(attempt.userKey());
        take(attempt.addressKey(), attempt.at());
    }

    /** The attempt was not made after all (the password was never checked): it no longer counts. */
    public synchronized void abandon(Attempt attempt) {
        take(attempt.userKey(), attempt.at());
        take(attempt.addressKey(), attempt.at());
    }

    /** How long until a login for {@code name} from {@code address} may be tried, or empty when it may be now. */
    public synchronized Optional<Duration> retryAfter(String name, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : new String[] {userKey(name), addressKey(address)}) {
            Deque<Instant> d = attempts.get(key);
            if (d != null) {
                prune(d, now);
                if (d.size() >= maxFailures) {
                    Duration w = Duration.between(now, d.peekFirst().plus(window));
                    wait = w.compareTo(wait) > 0 ? w : wait;
                }
            }
        }
        return wait.isPositive() ? Optional.of(wait) : Optional.empty();
    }

    private void take(String key, Instant at) {
        Deque<Instant> d = attempts.get(key);
        if (d != null) {
            d.removeLastOccurrence(at);
            if (d.isEmpty()) {
                attempts.remove(key);
            }
        }
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
