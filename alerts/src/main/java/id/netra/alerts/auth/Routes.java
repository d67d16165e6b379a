package id.netra.alerts.auth;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Handler;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.sse.SseClient;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.RouteRole;
import java.util.function.Consumer;

/**
 * Registers routes each with its {@link Access}, and enforces it in one place: after the gate of {@link AccessControl}
 * (session, CSRF) and before the handler, a refused role is answered 403 and a request outside the user's jurisdiction
 * 404. A route open to {@link Access#ANYONE} is let through the gate without a session. Handlers hold no access checks.
 */
public final class Routes {
    private final Javalin http;
    private final AccessControl gate;

    /** Installs the check on {@code http}; {@code gate} must be installed on it too. */
    public Routes(Javalin http, AccessControl gate) {
        this.http = http;
        this.gate = gate;
        http.beforeMatched(Routes::check);
    }

    public Routes get(String path, Access access, Handler handler) {
        declare(path, access);
        http.get(path, handler, access);
        return this;
    }

    public Routes post(String path, Access access, Handler handler) {
        declare(path, access);
        http.post(path, handler, access);
        return this;
    }

    public Routes delete(String path, Access access, Handler handler) {
        declare(path, access);
        http.delete(path, handler, access);
        return this;
    }

    /** A server-sent events stream. */
    public Routes sse(String path, Access access, Consumer<SseClient> client) {
        declare(path, access);
        http.sse(path, client, access);
        return this;
    }

    /**
     * The endpoints of the server registered without an {@link Access}, as {@code "GET /path"}: routes added to it
     * directly rather than through these routes (none but the operators' endpoints, which check their own token).
     */
    public java.util.List<String> undeclared() {
        return http.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream().map(ParsedEndpoint::getEndpoint)
                .filter(e -> e.getMethod().isHttpMethod() && !declared(e))
                .map(e -> e.getMethod() + " " + e.getPath()).toList();
    }

    private static boolean declared(io.javalin.router.Endpoint e) {
        io.javalin.security.Roles roles = e.metadata(io.javalin.security.Roles.class);
        return roles != null && roles.getRoles().stream().anyMatch(Access.class::isInstance);
    }

    private void declare(String path, Access access) {
        if (access == null) {
            throw new IllegalArgumentException("the route " + path + " declares no access (Access.ANYONE if it is open)");
        }
        if (!access.needsLogin()) {
            if (path.contains("{") || path.contains("<") || path.contains("*")) {
                throw new IllegalArgumentException("the route " + path + " is open to anyone: only an exact path may be");
            }
            gate.exempt(path);
        }
    }

    private static void check(Context ctx) {
        Access access = null;
        for (RouteRole r : ctx.routeRoles()) {
            if (r instanceof Access a) {
                access = a;
            }
        }
        if (access == null || !access.needsLogin()) {
            return;
        }
        Session session = AccessControl.sessionIfPassed(ctx);
        if (session == null) {
            return; // the gate answered already (401, login redirect, CSRF refusal)
        }
        User user = session.user();
        if (!access.allows().test(user)) {
            throw new ForbiddenResponse("the " + user.role().id() + " role " + access.refusal() + " (" + ctx.method() + " " + ctx.matchedPath() + ")");
        }
        if (access.scope() != null && !access.scope().covers(ctx, user.jurisdiction())) {
            throw new NotFoundResponse("not found: " + ctx.path());
        }
    }
}
