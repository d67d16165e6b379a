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
 * {@code GET /api/alerts?minSeverity=MEDIUM&limit=200} (NIPs masked) and {@code GET /api/alerts/{id}} (audited; 404
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

    /** The alerts of at least {@code min} a user of {@code j} may see, newest first. */
    List<Alert> visibleAlerts(Jurisdiction j, Severity min) {
        return feed.list(min, Integer.MAX_VALUE).stream().filter(a -> j.covers(a.asn().regionCode())).toList();
    }

    private boolean visible(Context ctx, Jurisdiction j) {
        return feed.get(ctx.pathParam("id")).filter(a -> j.covers(a.asn().regionCode())).isPresent();
    }

    private void page(Context ctx) {
        Severity min = AlertsService.severity(ctx);
        List<Alert> all = visibleAlerts(AccessControl.sessionOf(ctx).user().jurisdiction(), min);
        ctx.contentType("text/html; charset=utf-8")
                .result(FeedPage.render(all.stream().limit(AlertsService.limit(ctx)).toList(), min, all.size(), AccessControl.sessionOf(ctx)));
    }

    private void list(Context ctx) throws JsonProcessingException {
        List<Alert> all = visibleAlerts(AccessControl.sessionOf(ctx).user().jurisdiction(), AlertsService.severity(ctx));
        json(ctx, all.stream().limit(AlertsService.limit(ctx)).map(a -> PersonalData.alert(a, false)).toList());
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
