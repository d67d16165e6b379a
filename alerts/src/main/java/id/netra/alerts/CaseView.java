package id.netra.alerts;

import id.netra.model.Alert;
import id.netra.model.Regions;
import id.netra.model.Severity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A case as the list, the filters and the exports see it: its state and what its first alert says about the person,
 * the candidate and the post.
 *
 * @param severity the highest severity among the case's alerts
 * @param province       the province code of the person's region
 * @param candidates     the candidate ids of the first alert
 * @param candidateNames the same candidates as people know them: the pair's names
 */
public record CaseView(String id, CaseFile.Status status, String assignee, int alerts, Severity severity, String rule,
                       String nip, String name, String agency, String regionCode, String regionName, String province,
                       List<String> candidates, List<String> parties, String platform, String url, String text,
                       OffsetDateTime publishedAt, Instant openedAt, Instant updatedAt, List<String> candidateNames) {

    public CaseView {
        candidates = List.copyOf(candidates);
        parties = List.copyOf(parties);
        candidateNames = candidateNames == null ? List.copyOf(candidates) : List.copyOf(candidateNames);
    }

    /** Without the candidates' names (the ids stand for them). */
    public CaseView(String id, CaseFile.Status status, String assignee, int alerts, Severity severity, String rule, String nip, String name,
                    String agency, String regionCode, String regionName, String province, List<String> candidates, List<String> parties,
                    String platform, String url, String text, OffsetDateTime publishedAt, Instant openedAt, Instant updatedAt) {
        this(id, status, assignee, alerts, severity, rule, nip, name, agency, regionCode, regionName, province, candidates, parties, platform,
                url, text, publishedAt, openedAt, updatedAt, null);
    }

    /** The view of a case, or empty while its first alert is not in the feed. */
    static Optional<CaseView> of(CaseFile c, Function<String, Optional<Alert>> alerts, Regions regions) {
        List<Alert> found = c.alertIds().stream().map(alerts).flatMap(Optional::stream).toList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Alert first = found.getFirst();
        Severity max = found.stream().map(Alert::severity).reduce((a, b) -> a.atLeast(b) ? a : b).orElseThrow();
        String region = first.asn().regionCode();
        return Optional.of(new CaseView(c.id(), c.status(), c.assignee(), found.size(), max, first.rule(), first.nip(), first.asn().name(),
                first.asn().agency(), region, regions.name(region).orElse(region), Regions.province(region),
                first.candidates().stream().map(m -> m.candidateId()).distinct().toList(),
                first.parties().stream().map(p -> p.partyId()).distinct().toList(),
                first.platform().id(), first.post().url().toString(), first.post().text(), first.post().publishedAt(), c.openedAt(),
                c.updatedAt()));
    }
}
