package id.netra.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import id.netra.alerts.auth.Access;
import id.netra.alerts.auth.AccessControl;
import id.netra.alerts.auth.Routes;
import id.netra.alerts.auth.Session;
import id.netra.model.AuditEntry;
import id.netra.model.Json;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analysts report a post's address: {@code POST /kasus/laporkan} (the case list's form; answered with a page) or
 * {@code POST /api/reports} {@code {"url": ...}}. The address is passed on to ingest with ingest's token and the analyst's
 * name as {@code reportedBy}, and audited. For roles that may act only; 400 for a bad address, 503 when no ingest is
 * configured, 502 when ingest refuses or cannot be reached.
 */
final class PostReportRoutes {
    private static final Logger log = LoggerFactory.getLogger(PostReportRoutes.class);

    /** {@code null} when reporting is not configured. */
    private final IngestLink ingest;
    private final AccessControl access;

    PostReportRoutes(IngestLink ingest, AccessControl access) {
        this.ingest = ingest;
        this.access = access;
    }

    void register(Routes routes) {
        routes.post("/kasus/laporkan", Access.MAY_ACT, ctx -> report(ctx, false));
        routes.post("/api/reports", Access.MAY_ACT, ctx -> report(ctx, true));
    }

    private void report(Context ctx, boolean api) throws JsonProcessingException, InterruptedException {
        Session s = AccessControl.sessionOf(ctx);
        String url;
        if (api) {
            JsonNode body;
            try {
                body = Json.mapper().readTree(ctx.body());
            } catch (JsonProcessingException e) {
                throw new BadRequestResponse("the body is not JSON: " + e.getOriginalMessage());
            }
            url = body == null ? null : body.path("url").asText(null);
        } else {
            url = ctx.formParam("url");
        }
        int status;
        String message;
        String reportId = null;
        if (url == null || url.isBlank() || url.length() > 2048 || !url.strip().matches("(?i)https?://[^\\s]+")) {
            status = 400;
            message = "url must be an http(s) address of at most 2048 characters";
        } else if (ingest == null) {
            status = 503;
            message = "reporting is not configured (alerts.ingest.url)";
        } else {
            IngestLink.Answer answer;
            try {
                answer = ingest.report(url.strip(), s.user().name());
            } catch (IOException e) {
                log.error("Cannot pass a report by {} on to ingest at {}: {}", s.user().name(), ingest.url(), e.toString());
                answer = new IngestLink.Answer(599, Json.mapper().createObjectNode().put("error", "ingest cannot be reached"));
            }
            if (answer.status() == 202) {
                status = 202;
                reportId = answer.body().path("id").asText(null);
                message = "report " + reportId + " recorded";
                access.audit(ctx, AuditEntry.Action.POST_REPORTED, null, Map.of("url", url.strip(), "report", String.valueOf(reportId)));
            } else if (answer.status() == 400 || answer.status() == 503) {
                status = answer.status();
                message = answer.body().path("error").asText("ingest refused the report");
            } else {
                log.error("Ingest at {} answered {} to a report by {}: {}", ingest.url(), answer.status(), s.user().name(), answer.body());
                status = 502;
                message = "ingest did not take the report (HTTP " + answer.status() + ")";
            }
        }
        ctx.status(status);
        if (api) {
            ctx.contentType("application/json").result(Json.mapper().writeValueAsString(
                    reportId == null ? Map.of("error", message) : Map.of("id", reportId, "reportedBy", s.user().name())));
        } else {
            Map<String, Object> params = new HashMap<>();
            params.put("accepted", status == 202);
            params.put("message", message);
            params.put("viewer", s);
            ctx.contentType("text/html; charset=utf-8").result(Templates.html("reported.jte", params));
        }
    }
}
