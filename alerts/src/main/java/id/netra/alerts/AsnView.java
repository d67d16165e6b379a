package id.netra.alerts;

import id.netra.alerts.auth.Jurisdiction;
import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.Regions;
import id.netra.model.Severity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One civil servant as the ASN page and {@code /api/cases/{id}/asn} show them: the registry record as each alert saw
 * it, their cases and their alerts, and the distinct records the registry held for them. Built from the two look-ups by
 * NIP ({@link CaseBook#casesOfNip}, {@link AlertFeed#alertsOfNip}) and only from what the viewer's jurisdiction covers:
 * a person who moved from another region shows here only with what this jurisdiction saw.
 *
 * @param nip      whole, or masked for a viewer who does not see it whole (see {@link PersonalData})
 * @param record   the newest record seen (of the newest alert); {@code null} when the viewer sees none of their alerts
 * @param cases    their cases, newest first
 * @param alerts   their alerts, newest first
 * @param registry the distinct records, oldest first, each with the registry versions it was seen under
 */
public record AsnView(String caseId, String nip, Registered record, List<CaseRow> cases, List<AlertRow> alerts, List<Snapshot> registry) {

    /**
     * A registry record as the viewer may see it.
     *
     * @param nip             whole, or masked
     * @param supervisorEmail {@code null} for a viewer who does not see personal data whole
     * @param accounts        the person's known accounts ({@code platform:handle})
     */
    public record Registered(String nip, String name, String agency, String unit, String position, String regionCode, String regionName,
                             String supervisorName, String supervisorEmail, List<String> accounts) {
        public Registered {
            accounts = List.copyOf(accounts);
        }

        static Registered of(AsnRecord r, Regions regions, boolean whole) {
            return new Registered(whole ? r.nip() : Nips.mask(r.nip()), r.name(), r.agency(), r.unit(), r.position(), r.regionCode(),
                    regions.name(r.regionCode()).orElse(r.regionCode()), r.supervisorName(), whole ? r.supervisorEmail() : null,
                    r.accounts().stream().map(String::valueOf).toList());
        }
    }

    /** One case of the person. */
    public record CaseRow(String id, CaseFile.Status status, Severity severity, List<String> candidates, Instant openedAt, Instant updatedAt) {
        public CaseRow {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * One alert of the person.
     *
     * @param caseId   the case it is in, or {@code null} (a LOW alert, or one not placed yet)
     * @param snapshot the number of its record in {@link AsnView#registry()}, from 1
     */
    public record AlertRow(String id, OffsetDateTime publishedAt, String platform, String rule, Severity severity, String caseId,
                           String registryVersion, int snapshot) {
    }

    /**
     * One distinct registry record of the person.
     *
     * @param versions  the registry versions of the alerts that carried it, in the order first seen
     * @param firstSeen the publication time of the first post classified with it
     * @param lastSeen  that of the last
     */
    public record Snapshot(int number, Registered record, List<String> versions, OffsetDateTime firstSeen, OffsetDateTime lastSeen) {
        public Snapshot {
            versions = List.copyOf(versions);
        }
    }

    public AsnView {
        cases = List.copyOf(cases);
        alerts = List.copyOf(alerts);
        registry = List.copyOf(registry);
    }

    /**
     * The person of {@code nip} as a user of {@code j} may see them.
     *
     * @param casesOfNip  the cases by NIP
     * @param alertsOfNip the alerts by NIP, newest first
     * @param alertById   any alert by id (a case's severity and subject are its alerts')
     * @param caseOfAlert the case an alert is in
     * @param whole       whether the viewer sees NIPs and supervisors' e-mail addresses whole
     */
    static AsnView of(String caseId, String nip, Function<String, List<CaseFile>> casesOfNip, Function<String, List<Alert>> alertsOfNip,
                      Function<String, Optional<Alert>> alertById, Function<String, Optional<CaseFile>> caseOfAlert, Jurisdiction j,
                      Regions regions, boolean whole) {
        List<Alert> alerts = alertsOfNip.apply(nip).stream().filter(a -> j.covers(a.asn().regionCode())).toList();

        Map<AsnRecord, List<Alert>> byRecord = new LinkedHashMap<>();
        for (Alert a : alerts.reversed()) {
            byRecord.computeIfAbsent(a.asn(), r -> new ArrayList<>()).add(a);
        }
        List<Snapshot> registry = new ArrayList<>();
        Map<AsnRecord, Integer> numbers = new LinkedHashMap<>();
        byRecord.forEach((record, seen) -> {
            int n = registry.size() + 1;
            numbers.put(record, n);
            registry.add(new Snapshot(n, Registered.of(record, regions, whole), List.copyOf(new LinkedHashSet<>(seen.stream().map(Alert::registryVersion).toList())),
                    seen.getFirst().post().publishedAt(), seen.getLast().post().publishedAt()));
        });

        List<AlertRow> alertRows = alerts.stream().map(a -> new AlertRow(a.id(), a.post().publishedAt(), a.platform().id(), a.rule(),
                a.severity(), caseOfAlert.apply(a.id()).map(CaseFile::id).orElse(null), a.registryVersion(),
                numbers.get(a.asn()))).toList();

        List<CaseRow> caseRows = new ArrayList<>();
        for (CaseFile c : casesOfNip.apply(nip).reversed()) {
            List<Alert> of = c.alertIds().stream().map(alertById).flatMap(Optional::stream).toList();
            if (of.isEmpty() || !j.covers(of.getFirst().asn().regionCode())) {
                continue;
            }
            Severity max = of.stream().map(Alert::severity).reduce((a, b) -> a.atLeast(b) ? a : b).orElseThrow();
            List<String> candidates = of.stream().flatMap(a -> a.candidates().stream())
                    .map(m -> "No. " + m.number() + " " + String.join(" – ", m.names())).distinct().toList();
            caseRows.add(new CaseRow(c.id(), c.status(), max, candidates, c.openedAt(), c.updatedAt()));
        }

        Registered newest = alerts.isEmpty() ? null : Registered.of(alerts.getFirst().asn(), regions, whole);
        return new AsnView(caseId, whole ? nip : Nips.mask(nip), newest, caseRows, alertRows, registry);
    }
}
