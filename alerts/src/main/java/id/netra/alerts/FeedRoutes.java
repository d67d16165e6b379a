package id.netra.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.netra.alerts.auth.Access;
import id.netra.alerts.auth.AccessControl;
import id.netra.alerts.auth.Jurisdiction;
import id.netra.alerts.auth.Routes;
import id.netra.model.Alert;
import id.netra.model.AuditEntry;
import id.netra.model.Json;
import id.netra.model.Severity;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;

/**
 * The raw alert feed, for every logged-in user within their jurisdiction: {@code GET /} (the page),
 * {@code GET /api/alerts?minSeverity=MEDIUM&nip=&q=&limit=200} (NIPs masked) and {@code GET /api/alerts/{id}} (audited; 404
 * outside the jurisdiction).
 */
final class FeedRoutes {
    private final AlertFeed feed;
    private final java.util.function.Function<String, java.util.Optional<CaseFile>> caseOfAlert;
    private final AccessControl access;

    /** @param caseOfAlert the case an alert is in, for the audit log */
    FeedRoutes(AlertFeed feed, java.util.function.Function<String, java.util.Optional<CaseFile>> caseOfAlert, AccessControl access) {
        this.feed = feed;
        this.caseOfAlert = caseOfAlert;
        this.access = access;
    }

    void register(Routes routes) {
        routes.get("/", Access.LOGGED_IN, this::page);
        routes.get("/api/alerts", Access.LOGGED_IN, this::list);
        routes.get("/api/alerts/{id}", Access.LOGGED_IN.within(this::visible), this::one);
    }

    private boolean visible(Context ctx, Jurisdiction j) {
        return feed.get(ctx.pathParam("id")).filter(a -> j.covers(a.asn().regionCode())).isPresent();
    }

    private void page(Context ctx) {
        Severity min = AlertsService.severity(ctx);
        Jurisdiction j = AccessControl.sessionOf(ctx).user().jurisdiction();
        ctx.contentType("text/html; charset=utf-8").result(FeedPage.render(feed.search(min, j, null, null, AlertsService.limit(ctx)), min,
                feed.count(min, j), AccessControl.sessionOf(ctx)));
    }

    /** {@code ?minSeverity=LOW&nip=...&q=words&limit=200}: searched in SQL, LOW alerts included when asked for. */
    private void list(Context ctx) throws JsonProcessingException {
        Jurisdiction j = AccessControl.sessionOf(ctx).user().jurisdiction();
        List<Alert> found = feed.search(AlertsService.severity(ctx), j, ctx.queryParam("nip"), ctx.queryParam("q"), AlertsService.limit(ctx));
        json(ctx, found.stream().map(a -> PersonalData.alert(a, false)).toList());
    }

    private void one(Context ctx) throws JsonProcessingException {
        Alert a = feed.get(ctx.pathParam("id")).orElseThrow(() -> new NotFoundResponse("no alert " + ctx.pathParam("id")));
        access.audit(ctx, AuditEntry.Action.ALERT_VIEWED, caseOfAlert.apply(a.id()).map(CaseFile::id).orElse(null), Map.of("alertId", a.id()));
        json(ctx, PersonalData.alert(a, PersonalData.whole(AccessControl.sessionOf(ctx))));
    }

    private static void json(Context ctx, Object value) throws JsonProcessingException {
        ctx.contentType("application/json").result(Json.mapper().writeValueAsString(value));
    }
}
