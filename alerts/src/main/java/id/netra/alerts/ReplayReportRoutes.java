package id.netra.alerts;

import id.netra.alerts.auth.Access;
import id.netra.alerts.auth.AccessControl;
import id.netra.alerts.auth.Routes;
import id.netra.model.AuditEntry;
import id.netra.model.ReplayReport;
import io.javalin.http.NotFoundResponse;
import java.util.Map;

/**
 * The replay reports, read-only, for national auditors and admins (they list alerts of every region):
 * {@code GET /laporan} (the list) and {@code GET /laporan/{runId}} (one report; each view audited before it is shown).
 */
final class ReplayReportRoutes {
    private final ReplayReportLog reports;
    private final AccessControl access;

    ReplayReportRoutes(ReplayReportLog reports, AccessControl access) {
        this.reports = reports;
        this.access = access;
    }

    void register(Routes routes) {
        routes.get("/laporan", Access.NATIONAL_AUDITOR, ctx -> ctx.contentType("text/html; charset=utf-8")
                .result(ReportsPage.list(reports.list(), AccessControl.sessionOf(ctx))));
        routes.get("/laporan/{runId}", Access.NATIONAL_AUDITOR, ctx -> {
            ReplayReport r = reports.get(ctx.pathParam("runId")).orElseThrow(() -> new NotFoundResponse("no replay report " + ctx.pathParam("runId")));
            access.audit(ctx, AuditEntry.Action.REPORT_VIEWED, null, Map.of("runId", r.runId()));
            ctx.contentType("text/html; charset=utf-8").result(ReportsPage.page(r, AccessControl.sessionOf(ctx)));
        });
    }
}
