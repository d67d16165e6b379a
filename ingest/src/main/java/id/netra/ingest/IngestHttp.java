package id.netra.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Json;
import id.netra.web.BodyLimit;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest's HTTP API. Every route under {@code /api} needs {@code Authorization: Bearer <ingest.api-token>} (401
 * otherwise, and always when no token is configured); bodies are JSON only and bounded ({@code ingest.http.max-body},
 * 413 with or without a length). Routes outside {@code /api} (the management endpoints) are not guarded here.
 * <ul>
 *   <li>{@code GET /api/sources}: every source's health (last success, last error, posts new/edited/unchanged,
 *       failures, next run)</li>
 *   <li>{@code POST /api/sources/reload}: re-read {@code sources.yml} now</li>
 *   <li>{@code POST /api/reports} with {@code {"url": "...", "reportedBy": "..."}}: fetch a post's address once;
 *       answered 202 with the report once it is recorded durably, 503 while too many reports wait</li>
 *   <li>{@code GET /api/reports}: pending and recent reports with their outcome</li>
 *   <li>{@code GET /health}, {@code /ready}, {@code /metrics}: see {@link id.netra.ops.ManagementEndpoints}</li>
 * </ul>
 */
final class IngestHttp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestHttp.class);
    static final int MAX_URL = 2048;
    static final int MAX_REPORTED_BY = 100;

    private final Javalin app;

    private IngestHttp(Javalin app) {
        this.app = app;
    }

    static IngestHttp start(String host, int port, IngestApi api, IngestService service, id.netra.ops.MetricsAccess metricsAccess) {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = false;
            BodyLimit.install(cfg, api.maxBodyBytes());
        });
        id.netra.ops.ManagementEndpoints.install(app, service.serviceHealth(), service.metrics(), metricsAccess);
        app.before("/api/*", ctx -> authenticate(ctx, api));
        app.get("/api/sources", ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sources", service.health());
            body.put("reloadError", service.reloadError());
            json(ctx, 200, body);
        });
        app.post("/api/sources/reload", ctx -> {
            try {
                json(ctx, 200, Map.of("result", service.reload()));
            } catch (IllegalArgumentException | IOException e) {
                json(ctx, 400, Map.of("error", e.getMessage()));
            }
        });
        app.post("/api/reports", ctx -> report(ctx, service));
        app.get("/api/reports", ctx -> json(ctx, 200, Map.of("reports", service.reports().reports())));
        app.start(host, port);
        if (api.token() == null) {
            log.warn("No ingest.api-token (NETRA_INGEST_API_TOKEN) is set: ingest's API on {}:{} answers every request 401.", host, app.port());
        }
        return new IngestHttp(app);
    }

    private static void authenticate(Context ctx, IngestApi api) throws JsonProcessingException {
        if (api.token() != null && api.token().matchesHeader(ctx.header("Authorization"))) {
            return;
        }
        log.warn("Refused {} {} from {}: {}.", ctx.method(), ctx.path(), ctx.ip(),
                api.token() == null ? "no API token is configured" : "no or a wrong bearer token");
        ctx.header("WWW-Authenticate", "Bearer realm=\"netra-ingest\"");
        json(ctx, 401, Map.of("error", api.token() == null ? "this ingest has no API token configured (ingest.api-token); its API answers nobody"
                : "send Authorization: Bearer <ingest.api-token>"));
        ctx.skipRemainingHandlers();
    }

    private static void report(Context ctx, IngestService service) throws JsonProcessingException, InterruptedException {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            // A form could be posted by any web page an analyst visits; JSON needs a script, which CORS keeps to its own site.
            json(ctx, 415, Map.of("error", "send the report as JSON (Content-Type: application/json)"));
            return;
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.body());
        } catch (JsonProcessingException e) {
            json(ctx, 400, Map.of("error", "the body is not JSON: " + e.getOriginalMessage()));
            return;
        }
        String url = body == null ? null : body.path("url").asText(null);
        String by = body == null ? null : body.path("reportedBy").asText(null);
        if (by == null || by.isBlank()) {
            json(ctx, 400, Map.of("error", "reportedBy is required: who reports this address"));
            return;
        }
        if (by.strip().length() > MAX_REPORTED_BY || by.chars().anyMatch(Character::isISOControl)) {
            json(ctx, 400, Map.of("error", "reportedBy must be at most " + MAX_REPORTED_BY + " printable characters"));
            return;
        }
        if (url != null && url.length() > MAX_URL) {
            json(ctx, 400, Map.of("error", "url must be at most " + MAX_URL + " characters"));
            return;
        }
        URI uri;
        try {
            uri = url == null ? null : new URI(url.strip());
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            json(ctx, 400, Map.of("error", "url must be an http(s) address, not '" + (url == null ? "" : url) + "'"));
            return;
        }
        java.util.concurrent.CompletableFuture<ReportSource.Report> accepted;
        try {
            accepted = service.reports().submit(uri, by.strip());
        } catch (ReportSource.TooManyPending e) {
            ctx.header("Retry-After", "60");
            json(ctx, 503, Map.of("error", e.getMessage() + "; submit it again later"));
            return;
        }
        service.reportRunner().runSoon();
        try {
            json(ctx, 202, accepted.get(30, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            json(ctx, 503, Map.of("error", "the report could not be recorded now; submit it again later"));
        }
    }

    private static void json(Context ctx, int status, Object value) throws JsonProcessingException {
        ctx.status(status).contentType("application/json").result(Json.mapper().writeValueAsString(value));
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
