package id.netra.alerts;

import id.netra.model.Alert;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An alert's values as the templates show them (Indonesian): plain text, which the templates escape. Shared by the feed
 * and the case page.
 */
public final class AlertText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

    private AlertText() {
    }

    /** When the post was published, in its own offset. */
    public static String published(Alert a) {
        return a.post().publishedAt().format(TIME);
    }

    /** An account as people write it: one {@code @} before the handle, whether or not the platform's handle has it. */
    public static String handle(id.netra.model.Author author) {
        String h = author == null || author.handle() == null ? "" : author.handle();
        int i = 0;
        while (i < h.length() && h.charAt(i) == '@') {
            i++;
        }
        return "@" + h.substring(i);
    }

    /** A case's status as the pages say it (the filters and the API keep the code: {@code OPEN}). */
    public static String status(id.netra.alerts.CaseFile.Status status) {
        return switch (status) {
            case OPEN -> "Terbuka";
            case ASSIGNED -> "Ditugaskan";
            case ESCALATED -> "Dieskalasi";
            case CONFIRMED -> "Dikonfirmasi";
            case DISMISSED -> "Ditolak";
        };
    }

    /** What a case event did, as the case page's history and the referral dossier say it. */
    public static String action(id.netra.model.AlertEvent.Type type) {
        return switch (type) {
            case OPENED -> "Kasus dibuka";
            case ALERT_ADDED -> "Unggahan ditambahkan";
            case ASSIGNED -> "Ditugaskan";
            case CONFIRMED -> "Pelanggaran dikonfirmasi";
            case DISMISSED -> "Ditolak";
            case ESCALATED -> "Dieskalasi";
            case COMMENTED -> "Komentar";
            case REOPENED -> "Dibuka kembali";
            case DOSSIER_ISSUED -> "Berkas rujukan diterbitkan";
        };
    }

    /** The ASN's region by name with its Kemendagri code ({@code Kota Metro (18.72)}), or the code alone when unknown. */
    public static String region(Alert a) {
        String code = a.asn().regionCode();
        return id.netra.model.Regions.bundled().name(code).map(n -> n + " (" + code + ")").orElse(String.valueOf(code));
    }

    /** The NIP as lists show it: birth date and last two digits. */
    public static String maskedNip(Alert a) {
        return Nips.mask(a.nip());
    }

    /** The address for an {@code href}, or {@code null} when it is not plain http(s) (javascript:, data:, relative...). */
    public static String href(URI url) {
        if (url == null || url.getScheme() == null) {
            return null;
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") ? url.toString() : null;
    }

    /** The post's text in pieces, the evidence marked. */
    public static List<Html.Span> text(Alert a) {
        return Html.spans(a.post().text(), a.evidence(), null);
    }

    /** The alt text of the post's {@code n}th picture or video in pieces, the evidence found in it marked. */
    public static List<Html.Span> altText(Alert a, int n) {
        return Html.spans(a.post().media().get(n).altText(), a.evidence(), field(n));
    }

    /** Whether evidence was found in the alt text of the {@code n}th picture or video. */
    public static boolean evidenceInAlt(Alert a, int n) {
        return a.evidence().stream().anyMatch(e -> field(n).equals(e.field()));
    }

    private static String field(int n) {
        return "media[" + n + "].alt";
    }

    /** The candidates and parties the post mentions, or a dash. */
    public static String candidates(Alert a) {
        String c = a.candidates().stream()
                .map(m -> "No. " + m.number() + " " + String.join(" – ", m.names()) + " (" + m.electionId()
                        + (m.inRegion() ? "" : ", di luar wilayah ASN") + ")")
                .collect(Collectors.joining("; "));
        String p = a.parties().stream().map(m -> m.name() == null ? m.partyId() : m.name()).collect(Collectors.joining(", "));
        if (c.isEmpty()) {
            return p.isEmpty() ? "—" : "Partai: " + p;
        }
        return p.isEmpty() ? c : c + "; partai: " + p;
    }

    /** Each piece of evidence: «text» (type: ref, di field). */
    public static String evidence(Alert a) {
        return a.evidence().stream()
                .map(e -> "«" + e.text() + "» (" + e.type() + (e.ref() == null ? "" : ": " + e.ref())
                        + (e.field() == null ? "" : ", di " + e.field()) + ")")
                .collect(Collectors.joining(", "));
    }

    /** Analysts' name of the post's kind (komentar, balasan...). */
    public static String kind(Alert a) {
        return InteractionView.kindName(a.post().kind().id());
    }

    /** Why an interaction's target counts: the watched campaign account or group, and whose. */
    public static String why(Alert a) {
        return InteractionView.why(a.interaction(), a);
    }
}
