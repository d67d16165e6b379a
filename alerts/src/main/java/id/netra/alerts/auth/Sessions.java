package id.netra.alerts.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open sessions, in memory (a restart logs everyone out). Tokens are 256 random bits; a session unused for the
 * idle timeout is gone. Thread-safe.
 */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Clock clock;

    public Sessions(Duration idle, Clock clock) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("the session idle timeout must be positive, not " + idle);
        }
        this.idle = idle;
        this.clock = clock;
    }

    /** A new session for {@code user}. */
    public Session open(User user) {
        byToken.values().removeIf(this::expired);
        Session s = new Session(token(), token(), user, clock.instant());
        byToken.put(s.token(), s);
        return s;
    }

    /** The live session of a cookie token, its idle clock restarted; empty when unknown or idle too long. */
    public Optional<Session> find(String token) {
        Optional<Session> s = peek(token);
        s.ifPresent(x -> x.touch(clock.instant()));
        return s;
    }

    /** Like {@link #find} without counting as use: whether a session is still open. */
    public Optional<Session> peek(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Session s = byToken.get(token);
        if (s == null) {
            return Optional.empty();
        }
        if (expired(s)) {
            byToken.remove(token);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** Whether {@code session} is still open. */
    public boolean isOpen(Session session) {
        return peek(session.token()).isPresent();
    }

    public void close(Session session) {
        byToken.remove(session.token());
    }

    /** Whether {@code presented} is the session's CSRF token, compared in constant time. */
    public static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    public Duration idleTimeout() {
        return idle;
    }

    private boolean expired(Session s) {
        return !s.lastSeen().plus(idle).isAfter(clock.instant());
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
