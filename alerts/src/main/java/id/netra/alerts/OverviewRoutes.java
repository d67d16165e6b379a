package id.netra.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.netra.alerts.auth.Access;
import id.netra.alerts.auth.AccessControl;
import id.netra.alerts.auth.Jurisdiction;
import id.netra.alerts.auth.Routes;
import id.netra.model.Json;
import id.netra.model.Regions;
import id.netra.model.Severity;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * The overview of what a logged-in user may see, counted in SQL within their jurisdiction: {@code GET /ringkasan} (three
 * bar charts) and {@code GET /api/overview} (the same counts as JSON).
 */
final class OverviewRoutes {
    private final AlertFeed feed;
    private final CaseSearch search;
    private final Regions regions;

    OverviewRoutes(AlertFeed feed, CaseSearch search, Regions regions) {
        this.feed = feed;
        this.search = search;
        this.regions = regions;
    }

    void register(Routes routes) {
        routes.get("/ringkasan", Access.LOGGED_IN, ctx -> ctx.contentType("text/html; charset=utf-8")
                .result(CasesPage.overview(overview(ctx), AccessControl.sessionOf(ctx))));
        routes.get("/api/overview", Access.LOGGED_IN, this::json);
    }

    private void json(Context ctx) throws JsonProcessingException {
        ctx.contentType("application/json").result(Json.mapper().writeValueAsString(overview(ctx)));
    }

    private Overview overview(Context ctx) {
        Jurisdiction j = AccessControl.sessionOf(ctx).user().jurisdiction();
        Instant now = Instant.now();
        return Overview.of(feed.perDay(Severity.MEDIUM, j), feed.perProvince(Severity.MEDIUM, j), search.openByAge(j, now), now, regions);
    }
}
