package id.netra.alerts.auth;

import id.netra.model.AuditEntry;
import id.netra.model.Settings;
import id.netra.model.Topic;
import id.netra.model.Topics;
import id.netra.web.TrustedProxies;
import java.net.URI;
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
 *   <tr><td>{@code alerts.cookie-secure}</td><td>{@code false}</td><td>mark the session cookie {@code Secure}; implied by an https public URL</td></tr>
 *   <tr><td>{@code alerts.public-url}</td><td>{@code http://localhost:8080}</td><td>where users reach the app; {@code https}: the
 *       cookie is {@code Secure} and every answer carries {@code Strict-Transport-Security}</td></tr>
 *   <tr><td>{@code alerts.trusted-proxies}</td><td>none</td><td>addresses or CIDR ranges of the reverse proxies whose
 *       {@code X-Forwarded-For} names the client (for the login throttle and the audit log)</td></tr>
 *   <tr><td>{@code alerts.session-idle}</td><td>{@code PT8H}</td><td>a session unused this long is closed</td></tr>
 *   <tr><td>{@code alerts.login-max-failures}</td><td>{@code 5}</td><td>login attempts per name or address within the window before 429</td></tr>
 *   <tr><td>{@code alerts.login-window}</td><td>{@code PT15M}</td><td>the window of the attempt count</td></tr>
 *   <tr><td>{@code alerts.login-max-concurrent}</td><td>{@code 4}</td><td>password hashes computed at once; more logins wait briefly, then 503</td></tr>
 *   <tr><td>{@code alerts.login-hash-wait}</td><td>{@code PT5S}</td><td>how long a login waits for a free hash slot before the 503</td></tr>
 *   <tr><td>{@code alerts.audit-topic}</td><td>{@code audit-log}</td><td>where logins, views and exports are recorded</td></tr>
 * </table>
 *
 * @param usersFile the users file, or {@code null}: then every login is refused
 */
public record AuthConfig(Path usersFile, boolean cookieSecure, Duration sessionIdle, int loginMaxFailures, Duration loginWindow,
                         Topic<String, AuditEntry> auditTopic, URI publicUrl, TrustedProxies trustedProxies, int loginMaxConcurrent,
                         Duration loginHashWait) {
    public static final URI DEFAULT_PUBLIC_URL = URI.create("http://localhost:8080");
    public static final Duration DEFAULT_HASH_WAIT = Duration.ofSeconds(5);

    public AuthConfig {
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        Objects.requireNonNull(loginWindow, "loginWindow");
        Objects.requireNonNull(auditTopic, "auditTopic");
        publicUrl = publicUrl == null ? DEFAULT_PUBLIC_URL : publicUrl;
        trustedProxies = trustedProxies == null ? TrustedProxies.NONE : trustedProxies;
        loginHashWait = loginHashWait == null ? DEFAULT_HASH_WAIT : loginHashWait;
        if (loginHashWait.isNegative()) {
            throw new IllegalArgumentException("alerts.login-hash-wait must not be negative, not " + loginHashWait);
        }
        if (sessionIdle.isNegative() || sessionIdle.isZero()) {
            throw new IllegalArgumentException("alerts.session-idle must be positive, not " + sessionIdle);
        }
        if (loginMaxFailures < 1) {
            throw new IllegalArgumentException("alerts.login-max-failures must be at least 1, not " + loginMaxFailures);
        }
        if (loginMaxConcurrent < 1) {
            throw new IllegalArgumentException("alerts.login-max-concurrent must be at least 1, not " + loginMaxConcurrent);
        }
        String scheme = publicUrl.getScheme() == null ? "" : publicUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || publicUrl.getHost() == null) {
            throw new IllegalArgumentException("alerts.public-url must be an absolute http(s) URL, not '" + publicUrl + "'");
        }
    }

    /** The public URL is the default, no proxies trusted, four hashes at once. */
    public AuthConfig(Path usersFile, boolean cookieSecure, Duration sessionIdle, int loginMaxFailures, Duration loginWindow,
                      Topic<String, AuditEntry> auditTopic) {
        this(usersFile, cookieSecure, sessionIdle, loginMaxFailures, loginWindow, auditTopic, DEFAULT_PUBLIC_URL, TrustedProxies.NONE, 4, DEFAULT_HASH_WAIT);
    }

    /** No users file (nobody can log in), the defaults of every other key. */
    public static AuthConfig defaults() {
        return new AuthConfig(null, false, Duration.ofHours(8), 5, Duration.ofMinutes(15), Topics.AUDIT_LOG);
    }

    /** Whether users reach the app over HTTPS (its public URL says so). */
    public boolean https() {
        return "https".equalsIgnoreCase(publicUrl.getScheme());
    }

    /** Whether the session cookie is marked {@code Secure}: when configured, and always behind an https public URL. */
    public boolean secureCookie() {
        return cookieSecure || https();
    }

    /** These settings with {@code file} as the users file. */
    public AuthConfig withUsersFile(Path file) {
        return new AuthConfig(file, cookieSecure, sessionIdle, loginMaxFailures, loginWindow, auditTopic, publicUrl, trustedProxies, loginMaxConcurrent, loginHashWait);
    }

    /** These settings with {@code topic} as the audit log. */
    public AuthConfig withAuditTopic(Topic<String, AuditEntry> topic) {
        return new AuthConfig(usersFile, cookieSecure, sessionIdle, loginMaxFailures, loginWindow, topic, publicUrl, trustedProxies, loginMaxConcurrent, loginHashWait);
    }

    /** These settings with this public URL and these trusted proxies. */
    public AuthConfig behind(URI url, TrustedProxies proxies) {
        return new AuthConfig(usersFile, cookieSecure, sessionIdle, loginMaxFailures, loginWindow, auditTopic, url, proxies, loginMaxConcurrent, loginHashWait);
    }

    /** These settings with at most {@code n} password hashes at once. */
    public AuthConfig withLoginMaxConcurrent(int n) {
        return new AuthConfig(usersFile, cookieSecure, sessionIdle, loginMaxFailures, loginWindow, auditTopic, publicUrl, trustedProxies, n,
                loginHashWait);
    }

    /** These settings with logins waiting at most {@code wait} for a hash slot. */
    public AuthConfig withLoginHashWait(Duration wait) {
        return new AuthConfig(usersFile, cookieSecure, sessionIdle, loginMaxFailures, loginWindow, auditTopic, publicUrl, trustedProxies,
                loginMaxConcurrent, wait);
    }

    /** @throws IllegalArgumentException naming the key that is wrong */
    public static AuthConfig from(Settings s) {
        AuthConfig d = defaults();
        String secure = s.string("alerts.cookie-secure", "false").strip().toLowerCase(Locale.ROOT);
        if (!secure.equals("true") && !secure.equals("false")) {
            throw new IllegalArgumentException("Setting 'alerts.cookie-secure' must be true or false, not '" + secure + "'");
        }
        URI publicUrl;
        try {
            publicUrl = URI.create(s.string("alerts.public-url", DEFAULT_PUBLIC_URL.toString()).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Setting 'alerts.public-url' is not a URL: " + e.getMessage(), e);
        }
        return new AuthConfig(s.path("alerts.users", null), secure.equals("true"), s.duration("alerts.session-idle", d.sessionIdle()),
                s.integer("alerts.login-max-failures", d.loginMaxFailures()), s.duration("alerts.login-window", d.loginWindow()),
                Topics.AUDIT_LOG.withName(s.string("alerts.audit-topic", Topics.AUDIT_LOG.name())), publicUrl,
                TrustedProxies.parse(s.string("alerts.trusted-proxies", null), "alerts.trusted-proxies"),
                s.integer("alerts.login-max-concurrent", d.loginMaxConcurrent()), s.duration("alerts.login-hash-wait", DEFAULT_HASH_WAIT));
    }
}
