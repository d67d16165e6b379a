package id.netra.alerts.auth;

import java.time.Instant;

/**
 * A logged-in user's session: its cookie token, the token every state-changing request must carry, and when it was
 * last used (for the idle timeout).
 */
public final class Session {
    private final String token;
    private final String csrfToken;
    private final User user;
    private volatile Instant lastSeen;

    Session(String token, String csrfToken, User user, Instant now) {
        this.token = token;
        this.csrfToken = csrfToken;
        this.user = user;
        this.lastSeen = now;
    }

    public User user() {
        return user;
    }

    /** The anti-CSRF token: sent back in {@code X-CSRF-Token} or the form field {@code csrf}. */
    public String csrfToken() {
        return csrfToken;
    }

    String token() {
        return token;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void touch(Instant now) {
        lastSeen = now;
    }
}
