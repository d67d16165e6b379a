package id.netra.alerts.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The open sessions. Tokens are 256 random bits; a session unused for the idle timeout is gone. The sessions are kept
 * in a {@link SessionStore} by the SHA-256 of their token: in memory by default, or in Kafka so that a session opened
 * on one alerts service is valid on another and survives restarts. The store learns of use at most once a
 * {@link #TOUCH_EVERY} per session (the idle timeout is that much less exact across instances), and each instance
 * looks the session's user up by name in its own users file. Thread-safe.
 */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How often at most a session's last use is written to the store. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Duration idle;
    private final Clock clock;
    private final SessionStore store;
    private final Function<String, Optional<User>> users;
    /** The sessions used on this instance, by token hash: the same object for the same session, its user resolved. */
    private final Map<String, Session> known = new ConcurrentHashMap<>();
    private volatile Instant nextSweep = Instant.MIN;

    /** Sessions in memory: a restart logs everyone out. */
    public Sessions(Duration idle, Clock clock) {
        this(idle, clock, SessionStore.inMemory(), name -> Optional.empty());
    }

    /**
     * @param store where sessions are kept
     * @param users the users by name, to resolve sessions opened elsewhere (a user no longer in the file has no session)
     */
    public Sessions(Duration idle, Clock clock, SessionStore store, Function<String, Optional<User>> users) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("the session idle timeout must be positive, not " + idle);
        }
        this.idle = idle;
        this.clock = clock;
        this.store = store;
        this.users = users;
    }

    /** A new session for {@code user}. */
    public Session open(User user) {
        sweep();
        Instant now = clock.instant();
        Session s = new Session(token(), token(), user, now);
        String h = hash(s.token());
        store.put(h, new SessionStore.Stored(user.name(), s.csrfToken(), now, now));
        known.put(h, s);
        return s;
    }

    /** The live session of a cookie token, its idle clock restarted; empty when unknown or idle too long. */
    public Optional<Session> find(String token) {
        Optional<Session> s = lookUp(token);
        s.ifPresent(x -> {
            Instant now = clock.instant();
            x.touch(now);
            String h = hash(token);
            store.get(h).filter(st -> !st.lastSeen().plus(TOUCH_EVERY).isAfter(now)).ifPresent(st -> store.put(h, st.seen(now)));
        });
        return s;
    }

    /** Like {@link #find} without counting as use: whether a session is still open. */
    public Optional<Session> peek(String token) {
        return lookUp(token);
    }

    private Optional<Session> lookUp(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String h = hash(token);
        Optional<SessionStore.Stored> stored = store.get(h);
        if (stored.isEmpty()) {
            known.remove(h);
            return Optional.empty();
        }
        SessionStore.Stored st = stored.get();
        Session s = known.get(h);
        if (s == null || !s.user().name().equals(st.user())) {
            Optional<User> user = users.apply(st.user());
            if (user.isEmpty()) {
                return Optional.empty();
            }
            s = known.computeIfAbsent(h, k -> new Session(token, st.csrfToken(), user.get(), st.lastSeen()));
        }
        if (st.lastSeen().isAfter(s.lastSeen())) {
            s.touch(st.lastSeen());
        }
        if (expired(s)) {
            known.remove(h);
            store.remove(h);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** Whether {@code session} is still open. */
    public boolean isOpen(Session session) {
        return peek(session.token()).isPresent();
    }

    public void close(Session session) {
        String h = hash(session.token());
        known.remove(h);
        store.remove(h);
    }

    /** Whether {@code presented} is the session's CSRF token, compared in constant time. */
    public static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    public Duration idleTimeout() {
        return idle;
    }

    /** Forgets the sessions idle too long, at most once a {@link #TOUCH_EVERY}. */
    private void sweep() {
        Instant now = clock.instant();
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(TOUCH_EVERY);
        known.values().removeIf(this::expired);
        for (Map.Entry<String, SessionStore.Stored> e : store.all()) {
            Session local = known.get(e.getKey());
            Instant last = local != null && local.lastSeen().isAfter(e.getValue().lastSeen()) ? local.lastSeen() : e.getValue().lastSeen();
            if (!last.plus(idle).isAfter(now)) {
                known.remove(e.getKey());
                store.remove(e.getKey());
            }
        }
    }

    private boolean expired(Session s) {
        return !s.lastSeen().plus(idle).isAfter(clock.instant());
    }

    /** The SHA-256 of a cookie token, in hex: what the store keeps instead of the token. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
