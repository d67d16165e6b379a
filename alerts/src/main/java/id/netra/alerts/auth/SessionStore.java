package id.netra.alerts.auth;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where open sessions are kept, by the SHA-256 of their cookie token (never the token itself): in memory (a restart
 * logs everyone out), or in a compacted Kafka topic that every alerts service follows ({@link KafkaSessionStore}), so
 * that a session opened on one instance is valid on the others and survives restarts.
 */
public interface SessionStore extends AutoCloseable {
    /**
     * One session as stored.
     *
     * @param user      the user's name (the user record is looked up in the users file of each instance)
     * @param csrfToken the token state-changing requests must carry
     */
    record Stored(String user, String csrfToken, Instant created, Instant lastSeen) {
        public Stored {
            java.util.Objects.requireNonNull(user, "user");
            java.util.Objects.requireNonNull(csrfToken, "csrfToken");
            java.util.Objects.requireNonNull(created, "created");
            java.util.Objects.requireNonNull(lastSeen, "lastSeen");
        }

        Stored seen(Instant at) {
            return new Stored(user, csrfToken, created, at);
        }
    }

    /** Records a session (returns once it is durable). */
    void put(String tokenHash, Stored session);

    /** Forgets a session (logout, expiry). */
    void remove(String tokenHash);

    Optional<Stored> get(String tokenHash);

    /** Every session known, with its token hash. */
    Collection<Map.Entry<String, Stored>> all();

    @Override
    default void close() {
    }

    /** Sessions in this process's memory only. */
    static SessionStore inMemory() {
        Map<String, Stored> map = new ConcurrentHashMap<>();
        return new SessionStore() {
            @Override
            public void put(String tokenHash, Stored session) {
                map.put(tokenHash, session);
            }

            @Override
            public void remove(String tokenHash) {
                map.remove(tokenHash);
            }

            @Override
            public Optional<Stored> get(String tokenHash) {
                return Optional.ofNullable(map.get(tokenHash));
            }

            @Override
            public Collection<Map.Entry<String, Stored>> all() {
                return List.copyOf(map.entrySet());
            }
        };
    }
}
