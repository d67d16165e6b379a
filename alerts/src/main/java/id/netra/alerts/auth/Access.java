package id.netra.alerts.auth;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.function.Predicate;

/**
 * Who may use a route, declared once where the route is registered (see {@link Routes}): a rule on the user, the
 * sentence a refused user reads (403), and optionally a jurisdiction check on what the request is about (404 when the
 * user's jurisdiction does not cover it, as if it did not exist).
 *
 * <pre>{@code
 * routes.get("/laporan", Access.NATIONAL_AUDITOR, handler);
 * routes.post("/api/cases/{id}/actions", Access.MAY_ACT.within((ctx, j) -> visible(ctx.pathParam("id"), j)), handler);
 * }</pre>
 *
 * @param name    for logs and messages
 * @param allows  whether a logged-in user may use the route ({@code null} for {@link #ANYONE}: no login needed)
 * @param refusal what a refused user is told (completed with their role)
 * @param scope   {@code null}, or whether the thing the request names is within a jurisdiction
 */
public record Access(String name, Predicate<User> allows, String refusal, Scope scope) implements RouteRole {
    /** No login needed: the login form, health, the pages' assets. Exact paths only. */
    public static final Access ANYONE = new Access("anyone", null, "", null);
    /** Every logged-in user (reads stay within their jurisdiction: see {@link #within}). */
    public static final Access LOGGED_IN = new Access("logged-in", u -> true, "", null);
    /** Analysts and admins: triage, report posts, set and lift silences. */
    public static final Access MAY_ACT = new Access("may-act", u -> u.role().mayAct(), "may read cases but not act on them", null);
    /** Auditors and admins. */
    public static final Access MAY_AUDIT = new Access("may-audit", u -> u.role().mayAudit(), "may not read the audit", null);
    /** Auditors and admins of the whole country (replay reports list alerts of every region). */
    public static final Access NATIONAL_AUDITOR = new Access("national-auditor", u -> u.role().mayAudit() && u.jurisdiction().national(),
            "is not a national auditor or admin", null);

    /** Whether what a request names (a case, an alert, a person in its path) is within a user's jurisdiction. */
    @FunctionalInterface
    public interface Scope {
        /** @return false for something outside {@code jurisdiction} and for something that does not exist */
        boolean covers(Context ctx, Jurisdiction jurisdiction);
    }

    public Access {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an access rule needs a name");
        }
        if (allows == null && scope != null) {
            throw new IllegalArgumentException("access " + name + ": a route open to anyone has no jurisdiction to check");
        }
    }

    /** This rule plus a jurisdiction check: the request is answered 404 unless {@code scope} covers it for the user. */
    public Access within(Scope scope) {
        return new Access(name + "+jurisdiction", allows, refusal, scope);
    }

    /** Whether this route needs a logged-in user. */
    public boolean needsLogin() {
        return allows != null;
    }
}
