package id.netra.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.netra.alerts.auth.Access;
import id.netra.alerts.auth.AccessControl;
import id.netra.alerts.auth.Routes;
import id.netra.alerts.auth.Session;
import id.netra.model.Alert;
import id.netra.model.AuditEntry;
import id.netra.model.Json;
import id.netra.model.Regions;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import java.util.Optional;

/**
 * The civil servant of a case: {@code GET /kasus/{id}/asn} (the page) and {@code GET /api/cases/{id}/asn} (the same
 * as JSON), for every logged-in user who may see the case; only the cases and alerts of their jurisdiction are listed,
 * the NIP whole for roles that work cases (see {@link PersonalData}). Each view is audited as {@code asn-viewed} with the
 * NIP. The person is read only through {@link CaseBook#casesOfNip} and {@link AlertFeed#alertsOfNip}.
 */
final class AsnRoutes {
    private final CaseLog cases;
    private final AlertFeed feed;
    private final AccessControl access;
    private final Access.Scope caseVisible;
    private final Regions regions;

    /** @param caseVisible whether the case of the path is within a jurisdiction (as for the case page) */
    AsnRoutes(CaseLog cases, AlertFeed feed, AccessControl access, Access.Scope caseVisible, Regions regions) {
        this.cases = cases;
        this.feed = feed;
        this.access = access;
        this.caseVisible = caseVisible;
        this.regions = regions;
    }

    void register(Routes routes) {
        routes.get("/kasus/{id}/asn", Access.LOGGED_IN.within(caseVisible), ctx -> ctx.contentType("text/html; charset=utf-8")
                .result(AsnPage.render(view(ctx, "page"), AccessControl.sessionOf(ctx))));
        routes.get("/api/cases/{id}/asn", Access.LOGGED_IN.within(caseVisible), this::json);
    }

    private void json(Context ctx) throws JsonProcessingException {
        ctx.contentType("application/json").result(Json.mapper().writeValueAsString(view(ctx, "api")));
    }

    /** The case's person as the viewer may see them, once the view is in the audit log. */
    private AsnView view(Context ctx, String via) {
        String id = ctx.pathParam("id");
        CaseFile c = cases.get(id).orElseThrow(() -> new NotFoundResponse("no case " + id));
        String nip = nipOf(c, feed).orElseThrow(() -> new NotFoundResponse("the alerts of case " + id + " are not in the feed yet"));
        Session s = AccessControl.sessionOf(ctx);
        AsnView view = AsnView.of(c.id(), nip, cases.book()::casesOfNip, feed::alertsOfNip, feed::get, cases.book()::caseOf,
                s.user().jurisdiction(), regions, PersonalData.whole(s));
        access.audit(ctx, AuditEntry.Action.ASN_VIEWED, c.id(), Map.of("nip", nip, "via", via));
        return view;
    }

    /** The NIP of a case's civil servant: that of its first alert in the feed. */
    static Optional<String> nipOf(CaseFile c, AlertFeed feed) {
        return c.alertIds().stream().map(feed::get).flatMap(Optional::stream).findFirst().map(Alert::nip);
    }
}
