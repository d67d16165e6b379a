package id.netra.alerts.auth;

import id.netra.model.AuditEntry;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate of the analysts' web app: {@code GET/POST /login}, {@code POST /logout}, and a before-handler that lets only
 * logged-in users past (pages are redirected to {@code /login}, {@code /api/*} gets 401) and refuses every
 * state-changing request without the session's CSRF token (403). {@code GET /api/session} tells an API client who it
 * is and its CSRF token. {@code /health} stays open. Logins, failed logins
 * and logouts are written to the audit log before the answer.
 */
public final class AccessControl {
    private static final Logger log = LoggerFactory.getLogger(AccessControl.class);
    /** The session cookie. */
    public static final String COOKIE = "netra_session";
    /** The header that carries the CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String SESSION_ATTRIBUTE = "netra.session";
    /** The app's own scripts: the pages carry no inline script, so the policy allows none. */
    public static final String SCRIPT_PATH = "/assets/netra.js";
    /** The pages' one stylesheet. */
    public static final String STYLESHEET_PATH = "/assets/netra.css";
    /**
     * No inline script, no script, frame or form target from elsewhere. Styles come from this site ({@link #STYLESHEET_PATH});
     * inline styles stay allowed while the case pages still carry theirs (CSS cannot run code).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Set<String> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Users users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final AuthConfig config;
    private final boolean cookieSecure;
    /** Bounds the password hashes computed at once: each costs ~100 ms of a core, and logins must not starve the app. */
    private final java.util.concurrent.Semaphore hashes;
    /** Checked when the name is unknown, so a wrong name costs as long as a wrong password. */
    private final String dummyHash;

    public AccessControl(AuthConfig config, Users users, AuditLog audit, Clock clock) {
        this(config, users, audit, clock, SessionStore.inMemory());
    }

    /** @param sessionStore where sessions are kept (in Kafka, so that they are valid on every instance and survive restarts) */
    public AccessControl(AuthConfig config, Users users, AuditLog audit, Clock clock, SessionStore sessionStore) {
        this.users = users;
        this.sessions = new Sessions(config.sessionIdle(), clock, sessionStore, users::find);
        this.throttle = new LoginThrottle(config.loginMaxFailures(), config.loginWindow(), clock);
        this.audit = audit;
        this.config = config;
        this.cookieSecure = config.secureCookie();
        this.hashes = new java.util.concurrent.Semaphore(config.loginMaxConcurrent(), true);
        open.add("/health");
        this.dummyHash = PasswordHash.hash("not a password".toCharArray(),
                users.all().stream().mapToInt(u -> PasswordHash.iterations(u.passwordHash())).max().orElse(1000));
    }

    /** Adds the gate to {@code app}: every request but those of routes open to {@link Access#ANYONE} needs a session. */
    public void install(Javalin app) {
        app.before(this::gate);
        app.exception(AuditLog.AuditUnavailableException.class, (e, ctx) -> {
            log.error("Refused a request because the audit log cannot be written: {}", e.getMessage());
            ctx.status(503).json(Map.of("error", "the audit log cannot be written; try again later"));
        });
    }

    /**
     * The login routes: {@code GET/POST /login} (anyone), {@code POST /logout} and {@code GET /api/session} (who the
     * client is and its CSRF token).
     */
    public void routes(Routes routes) {
        routes.get("/login", Access.ANYONE, ctx -> {
            if (session(ctx).isPresent()) {
                ctx.redirect("/kasus", HttpStatus.SEE_OTHER);
                return;
            }
            html(ctx, 200, LoginPage.render(users.isEmpty() ? "Belum ada pengguna: setel alerts.users ke berkas pengguna." : null));
        });
        routes.post("/login", Access.ANYONE, this::login);
        routes.post("/logout", Access.LOGGED_IN, this::logout);
        routes.get("/api/session", Access.LOGGED_IN, ctx -> {
            Session s = sessionOf(ctx);
            ctx.json(Map.of("name", s.user().name(), "role", s.user().role().id(), "jurisdiction", s.user().jurisdiction().toString(),
                    "csrfToken", s.csrfToken()));
        });
    }

    /**
     * Lets {@code paths} through the gate without a session (exact paths: management endpoints such as {@code /ready}
     * and {@code /metrics}, which guard themselves).
     */
    public void exempt(String... paths) {
        open.addAll(Set.of(paths));
    }

    /**
     * The client's address: the peer's, or behind a trusted reverse proxy ({@code alerts.trusted-proxies}) the one its
     * {@code X-Forwarded-For} names. Used for the login throttle and the audit log.
     */
    public String clientAddress(Context ctx) {
        java.util.Enumeration<String> values = ctx.req().getHeaders("X-Forwarded-For");
        String forwarded = values == null || !values.hasMoreElements() ? null : String.join(",", java.util.Collections.list(values));
        return config.trustedProxies().clientAddress(ctx.req().getRemoteAddr(), forwarded);
    }

    /** The session of a request that passed the gate. */
    public static Session sessionOf(Context ctx) {
        Session s = ctx.attribute(SESSION_ATTRIBUTE);
        if (s == null) {
            throw new IllegalStateException("no session on " + ctx.path() + ": the gate is not installed");
        }
        return s;
    }

    /** The session of a request that passed the gate, or {@code null} when the gate stopped it or let it through without one. */
    public static Session sessionIfPassed(Context ctx) {
        return ctx.attribute(SESSION_ATTRIBUTE);
    }

    /** Whether a session is still open (a live stream stops when its session ends). */
    public boolean isOpen(Session session) {
        return sessions.isOpen(session);
    }

    /** Records what the request's user did; returns once the broker has it. */
    public void audit(Context ctx, AuditEntry.Action action, String caseId, Map<String, String> details) {
        audit.write(sessionOf(ctx).user().name(), action, caseId, clientAddress(ctx), details);
    }

    private Optional<Session> session(Context ctx) {
        return sessions.find(ctx.cookie(COOKIE));
    }

    private void gate(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (config.https()) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        if (open.contains(ctx.path())) {
            return;
        }
        ctx.header("Cache-Control", "no-store");
        Optional<Session> found = session(ctx);
        if (found.isEmpty()) {
            if (ctx.path().startsWith("/api/")) {
                ctx.status(401).json(Map.of("error", "log in first (POST /login)"));
            } else {
                ctx.redirect("/login", HttpStatus.SEE_OTHER);
            }
            ctx.skipRemainingHandlers();
            return;
        }
        Session s = found.get();
        if (!SAFE_METHODS.contains(ctx.method().name())) {
            String token = ctx.header(CSRF_HEADER);
            if (token == null && ctx.contentType() != null && ctx.contentType().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                token = ctx.formParam("csrf");
            }
            if (!Sessions.csrfMatches(s, token)) {
                log.warn("Refused {} {} by {} from {}: missing or wrong CSRF token.", ctx.method(), ctx.path(), s.user().name(), clientAddress(ctx));
                ctx.status(403).json(Map.of("error", "missing or wrong CSRF token"));
                ctx.skipRemainingHandlers();
                return;
            }
        }
        ctx.attribute(SESSION_ATTRIBUTE, s);
    }

    private void login(Context ctx) {
        String address = clientAddress(ctx);
        if (!sameOrigin(ctx, config.publicUrl())) {
            log.warn("Refused a login from {}: Origin {} / Referer {} is not this site.", address, ctx.header("Origin"), ctx.header("Referer"));
            html(ctx, 403, LoginPage.render("Permintaan ditolak: formulir masuk harus dikirim dari halaman ini."));
            return;
        }
        String name = Optional.ofNullable(ctx.formParam("name")).map(String::strip).orElse("");
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        // Counted before the slow hash, in one step with the check: parallel guesses cannot all slip under the limit.
        LoginThrottle.Admission admission = throttle.begin(name, address);
        if (!admission.admitted()) {
            Duration wait = admission.retryAfter();
            log.warn("Refused a login for '{}' from {}: too many failed logins, retry in {} s.", printable(name), address, wait.toSeconds());
            ctx.header("Retry-After", String.valueOf(Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0))));
            html(ctx, 429, LoginPage.render("Terlalu banyak percobaan gagal. Coba lagi nanti."));
            return;
        }
        LoginThrottle.Attempt attempt = admission.attempt().orElseThrow();
        boolean slot;
        try {
            slot = hashes.tryAcquire(config.loginHashWait().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            slot = false;
        }
        if (!slot) {
            throttle.abandon(attempt);
            log.warn("Refused a login for '{}' from {}: {} password checks are running already.", printable(name), address,
                    config.loginMaxConcurrent());
            ctx.header("Retry-After", "1");
            html(ctx, 503, LoginPage.render("Server sedang sibuk. Coba lagi sebentar lagi."));
            return;
        }
        Optional<User> user = users.find(name);
        boolean ok;
        try {
            ok = PasswordHash.verify(password.toCharArray(), user.map(User::passwordHash).orElse(dummyHash)) && user.isPresent();
        } finally {
            hashes.release();
        }
        if (!ok) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("reason", users.isEmpty() ? "no users configured" : user.isEmpty() ? "unknown user" : "wrong password");
            audit.write(name.isEmpty() ? "-" : printable(name), AuditEntry.Action.LOGIN_FAILED, null, address, details);
            html(ctx, 401, LoginPage.render("Nama pengguna atau kata sandi salah."));
            return;
        }
        throttle.succeeded(attempt);
        User u = user.get();
        audit.write(u.name(), AuditEntry.Action.LOGIN, null, address, Map.of("role", u.role().id(), "jurisdiction", u.jurisdiction().toString()));
        Session s = sessions.open(u);
        ctx.header("Set-Cookie", cookie(s.token(), sessions.idleTimeout().toSeconds()));
        ctx.redirect("/kasus", HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        Session s = sessionOf(ctx);
        audit.write(s.user().name(), AuditEntry.Action.LOGOUT, null, clientAddress(ctx), Map.of());
        sessions.close(s);
        ctx.header("Set-Cookie", cookie("", 0));
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private String cookie(String value, long maxAgeSeconds) {
        return COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict" + (cookieSecure ? "; Secure" : "");
    }

    /**
     * Login CSRF: a browser posting the form from another site sends that site's Origin (or Referer); refuse it. A
     * request with neither comes from no browser page and is let through to the password check. This site is the
     * request's {@code Host}, or the public URL's host and port (a reverse proxy may rewrite {@code Host}).
     */
    static boolean sameOrigin(Context ctx, URI publicUrl) {
        String host = ctx.header("Host");
        String origin = ctx.header("Origin");
        String source = origin != null && !origin.equals("null") ? origin : ctx.header("Referer");
        if (origin != null && origin.equals("null")) {
            return false;
        }
        if (source == null) {
            return true;
        }
        try {
            URI u = URI.create(source);
            String authority = u.getRawAuthority();
            return authority != null && (authority.equalsIgnoreCase(host == null ? "" : host)
                    || (u.getScheme() != null && u.getScheme().equalsIgnoreCase(publicUrl.getScheme())
                    && authority.equalsIgnoreCase(publicUrl.getRawAuthority())));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void html(Context ctx, int status, String body) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(body);
    }

    /** A user-supplied name as it may go into logs and the audit log: printable, at most 64 characters. */
    private static String printable(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }
}
