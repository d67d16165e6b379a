package id.netra.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Json;
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

/**
 * Ingest's HTTP endpoint.
 * <ul>
 *   <li>{@code GET /api/sources}: every source's health (last success, last error, posts new/edited/unchanged,
 *       failures, next run)</li>
 *   <li>{@code POST /api/sources/reload}: re-read {@code sources.yml} now</li>
 *   <li>{@code POST /api/reports} with {@code {"url": "...", "reportedBy": "..."}} (JSON or form): fetch a post's
 *       address once; answered 202 with the report once it is recorded durably</li>
 *   <li>{@code GET /api/reports}: pending and recent reports with their outcome</li>
 *   <li>{@code GET /health}, {@code /ready}, {@code /metrics}: see {@link id.netra.ops.ManagementEndpoints}</li>
 * </ul>
 */
final class IngestHttp implements AutoCloseable {
    private final Javalin app;

    private IngestHttp(Javalin app) {
        this.app = app;
    }

    static IngestHttp start(String host, int port, IngestService service, id.netra.ops.MetricsAccess metricsAccess) {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = false;
        });
        id.netra.ops.ManagementEndpoints.install(app, service.serviceHealth(), service.metrics(), metricsAccess);
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
        return new IngestHttp(app);
    }

    private static void report(Context ctx, IngestService service) throws JsonProcessingException, InterruptedException {
        String url;
        String by;
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            JsonNode body;
            try {
                body = Json.mapper().readTree(ctx.body());
            } catch (JsonProcessingException e) {
                json(ctx, 400, Map.of("error", "the body is not JSON: " + e.getOriginalMessage()));
                return;
            }
            url = body.path("url").asText(null);
            by = body.path("reportedBy").asText(null);
        } else {
            url = ctx.formParam("url");
            by = ctx.formParam("reportedBy");
        }
        if (by == null || by.isBlank()) {
            json(ctx, 400, Map.of("error", "reportedBy is required: who reports this address"));
            return;
        }
        URI uri;
        try {
            uri = url == null ? null : new URI(url.strip());
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            json(ctx, 400, Map.of("error", "url must be an http(s) address, not '" + url + "'"));
            return;
        }
        var accepted = service.reports().submit(uri, by.strip());
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
