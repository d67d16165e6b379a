package id.netra.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.netra.model.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The management endpoints every service serves on its HTTP port, unauthenticated but for {@code /metrics}:
 * <ul>
 *   <li>{@code GET /health}: liveness, 200 {@code {"status":"UP","components":{...}}} or 503 with DOWN (restart me)</li>
 *   <li>{@code GET /ready}: readiness, 200 or 503 (starting, catching up: send no work yet)</li>
 *   <li>{@code GET /metrics}: Prometheus text format, under {@link MetricsAccess}'s rule (401 without the token, 403
 *       for a non-loopback client when no token is configured)</li>
 * </ul>
 * and times every request through Javalin's request logger, which it takes ({@code http_server_requests_seconds}, tagged with the method, the route pattern, never the
 * raw path, and the status).
 */
public final class ManagementEndpoints {
    /** Paths that need no login wherever a service has one. */
    public static final Set<String> PATHS = Set.of("/health", "/ready", "/metrics");

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private ManagementEndpoints() {
    }

    /** Installs the endpoints and the request timing on {@code app} (before it starts). */
    public static void install(Javalin app, Health health, Metrics metrics, MetricsAccess access) {
        // The request logger sees every request, also those a before-handler ended (a login gate answering 401).
        app.unsafeConfig().requestLogger.http((ctx, ms) -> record(ctx, ms, metrics));
        app.get("/health", ctx -> answer(ctx, health.live()));
        app.get("/ready", ctx -> answer(ctx, health.ready()));
        app.get("/metrics", ctx -> {
            boolean forwarded = ctx.header("X-Forwarded-For") != null || ctx.header("Forwarded") != null || ctx.header("X-Real-IP") != null;
            switch (access.decide(ctx.req().getRemoteAddr(), ctx.header("Authorization"), forwarded)) {
                case ALLOWED -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape());
                case NEEDS_TOKEN -> ctx.status(401).header("WWW-Authenticate", "Bearer realm=\"netra-metrics\"")
                        .contentType("text/plain").result("401: a bearer token is required");
                case LOOPBACK_ONLY -> ctx.status(403).contentType("text/plain")
                        .result("403: metrics are served to loopback clients unless management.token is set");
            }
        });
    }

    private static void answer(Context ctx, Health.Report report) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status());
        body.put("components", report.components());
        ctx.status(report.up() ? 200 : 503).contentType("application/json").result(Json.mapper().writeValueAsString(body));
    }

    private static void record(Context ctx, Float ms, Metrics metrics) {
        String route;
        try {
            route = ctx.endpointHandlerPath();
        } catch (RuntimeException e) {
            route = null;
        }
        if (route == null || route.isEmpty() || route.equals("*")) {
            // No endpoint ran: a 404, or a before-handler answered (a login gate); the raw path would be unbounded.
            route = ctx.status().getCode() == 404 ? "not-found" : "unrouted";
        }
        Timer.builder("http.server.requests").description("HTTP requests served, by method, route pattern and status")
                .tags("method", ctx.method().name(), "route", route, "status", String.valueOf(ctx.status().getCode()))
                .publishPercentileHistogram()
                .register(metrics.registry())
                .record((long) (ms * 1_000_000.0), TimeUnit.NANOSECONDS);
    }
}
