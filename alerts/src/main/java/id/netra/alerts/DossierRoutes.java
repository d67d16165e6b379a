package id.netra.alerts;

import id.netra.alerts.auth.Access;
import id.netra.alerts.auth.AccessControl;
import id.netra.alerts.auth.Routes;
import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.AuditEntry;
import id.netra.model.Regions;
import id.netra.model.Sha256;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The referral dossier of a confirmed case: {@code GET /kasus/{id}/berkas.pdf} (see {@link Dossier}), for analysts and
 * admins whose jurisdiction covers the case (403 for an auditor, 404 outside the jurisdiction, 409 with the reason in
 * Indonesian for a case that is not confirmed). Each download is a new document: its SHA-256 is recorded on
 * {@code alert-events} as {@code dossier-issued} before the bytes are sent, and the download is audited as
 * {@code dossier-downloaded} with the same hash.
 */
final class DossierRoutes {
    private final CaseLog cases;
    private final AlertFeed feed;
    private final AccessControl access;
    private final Access.Scope caseVisible;
    private final Regions regions;
    private final Clock clock;

    DossierRoutes(CaseLog cases, AlertFeed feed, AccessControl access, Access.Scope caseVisible, Regions regions, Clock clock) {
        this.cases = cases;
        this.feed = feed;
        this.access = access;
        this.caseVisible = caseVisible;
        this.regions = regions;
        this.clock = clock;
    }

    void register(Routes routes) {
        routes.get("/kasus/{id}/berkas.pdf", Access.MAY_ACT.within(caseVisible), this::download);
    }

    private void download(Context ctx) {
        String id = ctx.pathParam("id");
        CaseFile c = cases.get(id).orElseThrow(() -> new NotFoundResponse("no case " + id));
        if (c.status() != CaseFile.Status.CONFIRMED) {
            refuse(ctx, c);
            return;
        }
        List<Alert> alerts = c.alertIds().stream().map(feed::get).flatMap(Optional::stream).toList();
        if (alerts.isEmpty()) {
            throw new NotFoundResponse("the alerts of case " + id + " are not in the feed yet");
        }
        String actor = AccessControl.sessionOf(ctx).user().name();
        byte[] pdf = Dossier.pdf(c, alerts, regions, clock.instant(), actor);
        String sha256 = Sha256.hex(pdf);
        AlertEvent issued;
        try {
            issued = cases.dossierIssued(c.id(), actor, sha256);
        } catch (IllegalStateException e) {
            // reopened between the check and the record
            refuse(ctx, cases.get(id).orElse(c));
            return;
        }
        access.audit(ctx, AuditEntry.Action.DOSSIER_DOWNLOADED, c.id(), Map.of("sha256", sha256, "event", issued.eventId(),
                "nip", alerts.getFirst().nip()));
        ctx.contentType("application/pdf").header("Content-Disposition", "attachment; filename=\"berkas-rujukan-" + c.id() + ".pdf\"")
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff").header("X-Dossier-SHA256", sha256)
                .result(pdf);
    }

    private static void refuse(Context ctx, CaseFile c) {
        ctx.status(409).contentType("text/plain; charset=utf-8").result("Berkas rujukan hanya dibuat untuk kasus yang sudah dikonfirmasi. Kasus "
                + c.id() + " berstatus " + c.status().name() + "; konfirmasi pelanggarannya terlebih dahulu.");
    }
}
