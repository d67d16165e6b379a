package id.netra.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.netra.alerts.auth.Access;
import id.netra.alerts.auth.AccessControl;
import id.netra.alerts.auth.Jurisdiction;
import id.netra.alerts.auth.Routes;
import id.netra.alerts.auth.Session;
import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.AuditEntry;
import id.netra.model.Json;
import id.netra.model.MediaText;
import id.netra.model.Topics;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The cases, for every logged-in user within their jurisdiction (triage for roles that may act):
 * <ul>
 *   <li>{@code GET /kasus} the list (its {@code fragment=1} part for the live page), {@code GET /kasus/baris/{id}} one row
 *       of it, 404 when the case is not in the list's filters</li>
 *   <li>{@code GET /kasus/{id}} one case (audited), {@code GET /kasus/{id}/gambar/{alertId}/{n}} a picture an alert of it read</li>
 *   <li>{@code GET /api/cases} a page of cases, {@code /api/cases/{id}} one (audited), {@code /api/cases/export.csv|json}
 *       every case of the filters (audited, streamed)</li>
 *   <li>{@code POST /api/cases/{id}/actions} triage, analysts and admins only</li>
 * </ul>
 * Every route about one case is declared with {@link #caseWithin}: a case outside the user's jurisdiction is answered
 * 404 before its handler runs, as if it did not exist.
 */
final class CaseRoutes {
    /** Rows of a case list page. */
    static final int PAGE = 50;
    static final int MAX_ASSIGNEE = 100;
    static final int MAX_REASON = 2000;

    private final CaseLog cases;
    private final CaseSearch search;
    private final AlertFeed feed;
    private final AccessControl access;
    private final Map<String, Object> kafka;
    private PictureCaptures pictures;

    /** @param kafka the clients' settings, for reading captured pictures (on first use) */
    CaseRoutes(CaseLog cases, CaseSearch search, AlertFeed feed, AccessControl access, Map<String, Object> kafka) {
        this.cases = cases;
        this.search = search;
        this.feed = feed;
        this.access = access;
        this.kafka = kafka;
    }

    void register(Routes routes) {
        Access oneCase = Access.LOGGED_IN.within(this::caseWithin);
        routes.get("/kasus", Access.LOGGED_IN, this::list);
        routes.get("/kasus/baris/{id}", Access.LOGGED_IN, this::row);
        routes.get("/kasus/{id}", oneCase, this::page);
        routes.get("/kasus/{id}/gambar/{alertId}/{n}", oneCase, this::picture);
        routes.get("/api/cases", Access.LOGGED_IN, this::apiList);
        routes.get("/api/cases/export.csv", Access.LOGGED_IN, ctx -> {
            ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"netra-cases.csv\"");
            export(ctx, "csv", CaseExport::csv);
        });
        routes.get("/api/cases/export.json", Access.LOGGED_IN, ctx -> {
            ctx.contentType("application/json").header("Content-Disposition", "attachment; filename=\"netra-cases.json\"");
            export(ctx, "json", CaseExport::json);
        });
        routes.get("/api/cases/{id}", oneCase, this::apiOne);
        routes.post("/api/cases/{id}/actions", Access.MAY_ACT.within(this::caseWithin), this::act);
    }

    /** Whether the case of the path exists and is within {@code j} (the scope of the routes about one case). */
    boolean caseWithin(Context ctx, Jurisdiction j) {
        return cases.get(ctx.pathParam("id")).filter(c -> j.covers(search.regionOf(c.id()))).isPresent();
    }

    private void list(Context ctx) {
        Session viewer = AccessControl.sessionOf(ctx);
        Map<String, String> filters = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> filters.put(k, v.isEmpty() ? "" : v.getFirst()));
        boolean fragment = "1".equals(ctx.queryParam("fragment"));
        CaseQuery q;
        try {
            q = CaseQuery.of(ctx::queryParam);
        } catch (CaseQuery.BadFilter e) {
            if (fragment) {
                throw new BadRequestResponse(e.getMessage());
            }
            // The page, its form as sent, and what was wrong (with the regions meant, as links) instead of the list.
            ctx.status(400);
            html(ctx, CasesPage.refused(filters, e, viewer));
            return;
        }
        // A page a person can read: 50 rows unless asked for more.
        int size = ctx.queryParam("limit") == null ? PAGE : AlertsService.limit(ctx);
        CaseSearch.Page page = search.page(q, viewer.user().jurisdiction(), viewer.user().name(), size);
        html(ctx, CasesPage.list(page, filters, fragment, viewer));
    }

    private void row(Context ctx) {
        Session viewer = AccessControl.sessionOf(ctx);
        // Within the list's filters: 404 tells the page to drop the row of a case that left them.
        CaseView v = search.view(ctx.pathParam("id"), query(ctx), viewer.user().jurisdiction(), viewer.user().name())
                .orElseThrow(() -> new NotFoundResponse("no case " + ctx.pathParam("id") + " in this list"));
        html(ctx, CasesPage.row(v));
    }

    private void page(Context ctx) {
        CaseFile c = theCase(ctx);
        access.audit(ctx, AuditEntry.Action.CASE_VIEWED, c.id(), Map.of("via", "page"));
        html(ctx, CasesPage.one(c, feed::get, AccessControl.sessionOf(ctx)));
    }

    private void apiList(Context ctx) throws JsonProcessingException {
        Session viewer = AccessControl.sessionOf(ctx);
        CaseSearch.Page page = search.page(query(ctx), viewer.user().jurisdiction(), viewer.user().name(), AlertsService.limit(ctx));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", page.total());
        out.put("counts", page.counts());
        out.put("cases", page.cases().stream().map(PersonalData::masked).toList());
        out.put("next", page.next());
        json(ctx, out);
    }

    private void apiOne(Context ctx) throws JsonProcessingException {
        CaseFile c = theCase(ctx);
        access.audit(ctx, AuditEntry.Action.CASE_VIEWED, c.id(), Map.of("via", "api"));
        json(ctx, PersonalData.caseFile(c, PersonalData.whole(AccessControl.sessionOf(ctx))));
    }

    /** The case of the path, which the route's scope found within the user's jurisdiction. */
    private CaseFile theCase(Context ctx) {
        String id = ctx.pathParam("id");
        return cases.get(id).orElseThrow(() -> new NotFoundResponse("no case " + id));
    }

    /**
     * A picture whose text an alert of the case read, as captured by the media stage (its bytes hash to the SHA-256 the
     * alert recorded); 404 for an alert not in the case, or no such capture.
     */
    private void picture(Context ctx) {
        CaseFile c = theCase(ctx);
        String alertId = ctx.pathParam("alertId");
        if (!c.alertIds().contains(alertId)) {
            throw new NotFoundResponse("no alert " + alertId + " in case " + c.id());
        }
        Alert a = feed.get(alertId).orElseThrow(() -> new NotFoundResponse("no alert " + alertId));
        int n;
        try {
            n = Integer.parseInt(ctx.pathParam("n"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("no picture " + ctx.pathParam("n"));
        }
        MediaText.Item item = a.mediaText() == null ? null : a.mediaText().item(n).orElse(null);
        if (item == null || item.contentType() == null || !item.contentType().startsWith("image/")) {
            throw new NotFoundResponse("alert " + alertId + " read no picture " + n);
        }
        byte[] bytes = pictures().find(a.post().key(), item).orElseThrow(() -> new NotFoundResponse("no capture of picture " + n
                + " of alert " + alertId + " (SHA-256 " + item.sha256() + ") on " + Topics.CAPTURES.name()));
        ctx.header("X-Content-Type-Options", "nosniff").header("Cache-Control", "private, max-age=3600")
                .contentType(item.contentType()).result(bytes);
    }

    private synchronized PictureCaptures pictures() {
        if (pictures == null) {
            pictures = new PictureCaptures(kafka, Topics.CAPTURES.name());
        }
        return pictures;
    }

    /** One way of writing cases out, row by row. */
    @FunctionalInterface
    private interface Format {
        void write(OutputStream out, Consumer<Consumer<CaseView>> rows) throws IOException;
    }

    /**
     * Streams the cases of the request's filters, once the export is in the audit log with its filter and size; NIPs
     * masked for auditors. The rows go from SQL to the response one by one: an export of every case holds none of them.
     */
    private void export(Context ctx, String format, Format writer) throws IOException {
        CaseQuery q = query(ctx);
        Session viewer = AccessControl.sessionOf(ctx);
        Jurisdiction j = viewer.user().jurisdiction();
        long n = search.count(q, j, viewer.user().name());
        access.audit(ctx, AuditEntry.Action.EXPORTED, null, Map.of("format", format,
                "filter", ctx.queryString() == null ? "" : ctx.queryString(), "cases", String.valueOf(n)));
        boolean whole = PersonalData.whole(viewer);
        try (OutputStream out = ctx.outputStream()) {
            writer.write(out, each -> search.each(q, j, viewer.user().name(), v -> each.accept(whole ? v : PersonalData.masked(v))));
        }
    }

    /**
     * An analyst's action on a case: JSON {@code {"action": "assigned|confirmed|dismissed|escalated|commented|reopened",
     * "assignee": "...", "reason": "..."}}. 409 when the action does not fit the case's status, 400 when a required reason
     * or assignee is missing (403 for an auditor and 404 outside the jurisdiction come from the route's access).
     */
    private void act(Context ctx) throws JsonProcessingException {
        Session session = AccessControl.sessionOf(ctx);
        CaseFile c = theCase(ctx);
        com.fasterxml.jackson.databind.JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("the body is not JSON: " + e.getOriginalMessage());
        }
        AlertEvent.Type type;
        try {
            type = AlertEvent.Type.of(body.path("action").asText(""));
            if (type == AlertEvent.Type.DOSSIER_ISSUED) {
                // recorded by the dossier's download alone, with the hash of the bytes handed out
                throw new IllegalArgumentException(type.id());
            }
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("action must be one of assigned, confirmed, dismissed, escalated, commented, reopened");
        }
        String assignee = body.path("assignee").asText(null);
        String reason = body.path("reason").asText(null);
        if (assignee != null && (assignee.length() > MAX_ASSIGNEE || assignee.chars().anyMatch(Character::isISOControl))) {
            throw new BadRequestResponse("assignee must be at most " + MAX_ASSIGNEE + " printable characters");
        }
        if (reason != null && reason.length() > MAX_REASON) {
            throw new BadRequestResponse("reason must be at most " + MAX_REASON + " characters");
        }
        try {
            json(ctx, cases.act(c.id(), type, session.user().name(), assignee, reason));
        } catch (IllegalStateException e) {
            ctx.status(409);
            json(ctx, Map.of("error", e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    /** The request's filters, order and cursor (see {@link CaseQuery}); 400 naming a bad parameter. */
    private static CaseQuery query(Context ctx) {
        try {
            return CaseQuery.of(ctx::queryParam);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private static void html(Context ctx, String body) {
        ctx.contentType("text/html; charset=utf-8").result(body);
    }

    private static void json(Context ctx, Object value) throws JsonProcessingException {
        ctx.contentType("application/json").result(Json.mapper().writeValueAsString(value));
    }
}
