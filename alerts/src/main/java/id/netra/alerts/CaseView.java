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
 * @param province the province code of the person's region
 */
public record CaseView(String id, CaseFile.Status status, String assignee, int alerts, Severity severity, String rule,
                       String nip, String name, String agency, String regionCode, String regionName, String province,
                       List<String> candidates, List<String> parties, String platform, String url, String text,
                       OffsetDateTime publishedAt, Instant openedAt, Instant updatedAt) {

    public CaseView {
        candidates = List.copyOf(candidates);
        parties = List.copyOf(parties);
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
