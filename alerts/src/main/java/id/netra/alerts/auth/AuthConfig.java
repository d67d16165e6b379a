package id.netra.alerts.auth;

import id.netra.model.AuditEntry;
import id.netra.model.Settings;
import id.netra.model.Topic;
import id.netra.model.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Access-control settings of the alerts web app.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code alerts.users}</td><td>none</td><td>the users file (see {@link UsersFile}); without one nobody can log in</td></tr>
 *   <tr><td>{@code alerts.cookie-secure}</td><td>{@code false}</td><td>mark the session cookie {@code Secure} (set it behind HTTPS)</td></tr>
 *   <tr><td>{@code alerts.session-idle}</td><td>{@code PT8H}</td><td>a session unused this long is closed</td></tr>
 *   <tr><td>{@code alerts.login-max-failures}</td><td>{@code 5}</td><td>failed logins per name or address within the window before 429</td></tr>
 *   <tr><td>{@code alerts.login-window}</td><td>{@code PT15M}</td><td>the window of the failed-login count</td></tr>
 *   <tr><td>{@code alerts.audit-topic}</td><td>{@code audit-log}</td><td>where logins, case views and exports are recorded</td></tr>
 * </table>
 *
 * @param usersFile the users file, or {@code null}: then every login is refused
 */
public record AuthConfig(Path usersFile, boolean cookieSecure, Duration sessionIdle, int loginMaxFailures, Duration loginWindow,
                         Topic<String, AuditEntry> auditTopic) {
    public AuthConfig {
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        Objects.requireNonNull(loginWindow, "loginWindow");
        Objects.requireNonNull(auditTopic, "auditTopic");
        if (sessionIdle.isNegative() || sessionIdle.isZero()) {
            throw new IllegalArgumentException("alerts.session-idle must be positive, not " + sessionIdle);
        }
        if (loginMaxFailures < 1) {
            throw new IllegalArgumentException("alerts.login-max-failures must be at least 1, not " + loginMaxFailures);
        }
    }

    /** No users file (nobody can log in), the defaults of every other key. */
    public static AuthConfig defaults() {
        return new AuthConfig(null, false, Duration.ofHours(8), 5, Duration.ofMinutes(15), Topics.AUDIT_LOG);
    }

    /** These settings with {@code file} as the users file. */
    public AuthConfig withUsersFile(Path file) {
        return new AuthConfig(file, cookieSecure, sessionIdle, loginMaxFailures, loginWindow, auditTopic);
    }

    /** These settings with {@code topic} as the audit log. */
    public AuthConfig withAuditTopic(Topic<String, AuditEntry> topic) {
        return new AuthConfig(usersFile, cookieSecure, sessionIdle, loginMaxFailures, loginWindow, topic);
    }

    /** @throws IllegalArgumentException naming the key that is wrong */
    public static AuthConfig from(Settings s) {
        AuthConfig d = defaults();
        String secure = s.string("alerts.cookie-secure", "false").strip().toLowerCase(Locale.ROOT);
        if (!secure.equals("true") && !secure.equals("false")) {
            throw new IllegalArgumentException("Setting 'alerts.cookie-secure' must be true or false, not '" + secure + "'");
        }
        return new AuthConfig(s.path("alerts.users", null), secure.equals("true"), s.duration("alerts.session-idle", d.sessionIdle()),
                s.integer("alerts.login-max-failures", d.loginMaxFailures()), s.duration("alerts.login-window", d.loginWindow()),
                Topics.AUDIT_LOG.withName(s.string("alerts.audit-topic", Topics.AUDIT_LOG.name())));
    }
}
