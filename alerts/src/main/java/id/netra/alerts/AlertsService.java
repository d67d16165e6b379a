package id.netra.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.netra.model.Alert;
import id.netra.model.Json;
import id.netra.model.Severity;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysts' feed: reads the alerts topic into an {@link AlertFeed} and serves it.
 *
 * <ul>
 *   <li>{@code GET /} the feed as an HTML page (auto-refreshing)</li>
 *   <li>{@code GET /api/alerts?minSeverity=MEDIUM&limit=200} alerts as JSON, newest first</li>
 *   <li>{@code GET /api/alerts/{id}} one alert, or 404</li>
 *   <li>{@code GET /health} status and the number of alerts held</li>
 * </ul>
 */
public final class AlertsService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertsService.class);
    static final int MAX_LIMIT = 10_000;

    private final AlertsConfig config;
    private final AlertFeed feed = new AlertFeed();
    private final AlertConsumer consumer;
    private final CaseLog cases;
    private final LiveUpdates live = new LiveUpdates();
    private final Analysts analysts;
    private final ReplayReportLog reports;
    private final id.netra.model.Regions regions = id.netra.model.Regions.bundled();
    private Javalin http;

    public AlertsService(AlertsConfig config) {
        this(config, Analysts.NOBODY);
    }

    /** @param analysts who a request acts for; triage actions are refused without one */
    public AlertsService(AlertsConfig config, Analysts analysts) {
        this.config = config;
        this.analysts = analysts;
        this.reports = new ReplayReportLog(config.kafka(), id.netra.model.Topics.REPLAY_REPORTS.name());
        this.cases = new CaseLog(config.kafka(), config.eventsTopic(), new CaseBook(feed::get), java.time.Clock.systemUTC());
        this.consumer = new AlertConsumer(config.kafka(), config.alertsTopic(), feed, alert -> {
            live.publish("alert", java.util.Map.of("id", alert.id(), "severity", alert.severity().name()));
            cases.onAlert(alert);
        });
        cases.onEvent(e -> live.publish("case", java.util.Map.of("id", e.caseId(), "event", e.type().id())));
    }

    public void start() {
        cases.start();
        http = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = false;
        });
        http.get("/", this::page);
        http.get("/api/alerts", this::list);
        http.get("/kasus", ctx -> {
            List<CaseView> found = query(ctx);
            java.util.Map<String, String> filters = new java.util.LinkedHashMap<>();
            ctx.queryParamMap().forEach((k, v) -> filters.put(k, v.isEmpty() ? "" : v.getFirst()));
            ctx.contentType("text/html; charset=utf-8").result(CasesPage.list(found.stream().limit(limit(ctx)).toList(), CaseQuery.counts(found),
                    filters, "1".equals(ctx.queryParam("fragment"))));
        });
        http.get("/kasus/{id}", ctx -> ctx.contentType("text/html; charset=utf-8").result(CasesPage.one(cases.get(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundResponse("no case " + ctx.pathParam("id"))), feed::get)));
        http.get("/api/alerts/{id}", this::one);
        http.get("/api/cases", ctx -> {
            List<CaseView> found = query(ctx);
            json(ctx, java.util.Map.of("total", found.size(), "counts", CaseQuery.counts(found),
                    "cases", found.stream().limit(limit(ctx)).toList()));
        });
        http.get("/api/cases/export.csv", ctx -> ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"netra-cases.csv\"").result(CaseExport.csv(query(ctx))));
        http.get("/api/cases/export.json", ctx -> ctx.contentType("application/json")
                .header("Content-Disposition", "attachment; filename=\"netra-cases.json\"").result(CaseExport.json(query(ctx))));
        http.sse("/api/live", live::join);
        http.get("/api/cases/{id}", ctx -> json(ctx, cases.get(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundResponse("no case " + ctx.pathParam("id")))));
        http.post("/api/cases/{id}/actions", this::act);
        http.get("/health", ctx -> json(ctx, Map.of("status", "UP", "alerts", feed.size())));
        http.exception(BadRequestResponse.class, (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
        ReportsPage.routes(http, reports);
        http.start(config.httpHost(), config.httpPort());
        reports.start();
        consumer.start();
        log.info("Alert feed listening on http://{}:{}/ (topic {}).", config.httpHost(), port(), config.alertsTopic().name());
    }

    /** The port the feed listens on (the free one chosen when {@code http.port} is 0). */
    public int port() {
        return http.port();
    }

    /** How many pages listen at {@code /api/live}. */
    public int liveListeners() {
        return live.size();
    }

    /** The cases, derived from {@code alert-events}. */
    public CaseLog cases() {
        return cases;
    }

    public AlertFeed feed() {
        return feed;
    }

    private void page(Context ctx) {
        Severity min = severity(ctx);
        ctx.contentType("text/html; charset=utf-8").result(FeedPage.render(feed.list(min, limit(ctx)), min, feed.count(min)));
    }

    private void list(Context ctx) throws JsonProcessingException {
        json(ctx, feed.list(severity(ctx), limit(ctx)));
    }

    private void one(Context ctx) throws JsonProcessingException {
        Alert a = feed.get(ctx.pathParam("id")).orElseThrow(() -> new NotFoundResponse("no alert " + ctx.pathParam("id")));
        json(ctx, a);
    }

    /**
     * An analyst's action on a case: JSON {@code {"action": "assigned|confirmed|dismissed|escalated|commented|reopened",
     * "assignee": "...", "reason": "..."}}. 401 without an analyst, 404 for an unknown case, 409 when the action does not
     * fit the case's status, 400 when a required reason or assignee is missing.
     */
    private void act(Context ctx) throws JsonProcessingException {
        String actor = analysts.of(ctx).orElse(null);
        if (actor == null) {
            ctx.status(401);
            json(ctx, Map.of("error", "log in to act on cases"));
            return;
        }
        String caseId = ctx.pathParam("id");
        if (cases.get(caseId).isEmpty()) {
            throw new NotFoundResponse("no case " + caseId);
        }
        com.fasterxml.jackson.databind.JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("the body is not JSON: " + e.getOriginalMessage());
        }
        id.netra.model.AlertEvent.Type type;
        try {
            type = id.netra.model.AlertEvent.Type.of(body.path("action").asText(""));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("action must be one of assigned, confirmed, dismissed, escalated, commented, reopened");
        }
        String assignee = body.path("assignee").asText(null);
        String reason = body.path("reason").asText(null);
        try {
            json(ctx, cases.act(caseId, type, actor, assignee, reason));
        } catch (IllegalStateException e) {
            ctx.status(409);
            json(ctx, Map.of("error", e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    /** The cases matching the request's filters (see {@link CaseQuery}), most recently changed first. */
    private List<CaseView> query(Context ctx) {
        CaseQuery q;
        try {
            q = CaseQuery.of(ctx::queryParam);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        List<CaseView> all = cases.book().all().stream().map(c -> CaseView.of(c, feed::get, regions)).flatMap(java.util.Optional::stream).toList();
        return q.apply(all);
    }

    private static void json(Context ctx, Object value) throws JsonProcessingException {
        ctx.contentType("application/json").result(Json.mapper().writeValueAsString(value));
    }

    static Severity severity(Context ctx) {
        String v = ctx.queryParam("minSeverity");
        if (v == null || v.isBlank()) {
            return Severity.MEDIUM;
        }
        try {
            return Severity.valueOf(v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("minSeverity must be one of " + List.of(Severity.values()) + ", not '" + v + "'");
        }
    }

    static int limit(Context ctx) {
        String v = ctx.queryParam("limit");
        if (v == null || v.isBlank()) {
            return 200;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 1 || n > MAX_LIMIT) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + v + "'");
        }
    }

    @Override
    public void close() {
        reports.close();
        consumer.close();
        cases.close();
        if (http != null) {
            http.stop();
        }
    }
}
