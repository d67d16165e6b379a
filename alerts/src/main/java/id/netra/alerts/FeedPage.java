package id.netra.alerts;

import id.netra.alerts.auth.Session;
import id.netra.model.Alert;
import id.netra.model.Severity;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The feed as one plain HTML page (Indonesian labels). When {@code /api/live} says new alerts came, the page says how
 * many and offers to reload (it does not reload itself: that would move a reader's place and cut a screen reader
 * short). A list, so NIPs are masked; the case page shows them whole.
 */
final class FeedPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

    private FeedPage() {
    }

    static String render(List<Alert> alerts, Severity minSeverity, long total, Session viewer) {
        StringBuilder h = new StringBuilder(8192);
        h.append("""
                <!DOCTYPE html>
                <html lang="id"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Netra — Umpan Peringatan</title>
                <style>
                 body{font-family:system-ui,sans-serif;margin:1.5rem;background:#f6f7f9;color:#1d2530}
                 h1{font-size:1.4rem;margin:0 0 .3rem} .sub{color:#5b6675;margin-bottom:1rem}
                 .alert{background:#fff;border-left:6px solid #999;border-radius:6px;padding:.8rem 1rem;margin:.7rem 0;box-shadow:0 1px 2px #0002}
                 .HIGH{border-color:#c62828}.MEDIUM{border-color:#ef8f00}.LOW{border-color:#8a96a3}
                 .sev{font-weight:700;padding:.05rem .45rem;border-radius:4px;color:#fff;background:#5b6675}
                 .sev.HIGH{background:#c62828}.sev.MEDIUM{background:#ef8f00;color:#1d2530}
                 .meta{color:#5b6675;font-size:.9rem} .text{margin:.5rem 0;white-space:pre-wrap}
                 mark{background:#ffe066;padding:0 .1rem} dt{font-weight:600;float:left;width:7rem;clear:left} dd{margin:0 0 .2rem 7.5rem}
                 .user{float:right;font-size:.85rem;color:#5b6675} .user form{display:inline}
                 dd{overflow-wrap:anywhere}
                 @media (max-width:40rem){body{margin:.6rem} .user{float:none;margin-bottom:.4rem} dt{float:none;width:auto} dd{margin:0 0 .4rem}}
                </style>
                """);
        h.append(CasesPage.csrfMeta(viewer)).append("</head><body>").append(CasesPage.userBar(viewer)).append("\n<h1>Netra — Umpan Peringatan</h1>\n");
        h.append("<div class=\"sub\">Menampilkan ").append(alerts.size()).append(" dari ").append(total)
                .append(" peringatan dengan tingkat ").append(minSeverity).append(" ke atas, terbaru di atas. ")
                .append("<a href=\"/?minSeverity=LOW\">Tampilkan semua (termasuk LOW)</a> · <a href=\"/api/alerts\">JSON</a></div>\n")
                .append("<p id=\"feed-news\" class=\"sub\" role=\"status\"></p>\n");
        if (alerts.isEmpty()) {
            h.append("<p>Belum ada peringatan.</p>\n");
        }
        for (Alert a : alerts) {
            h.append("<div class=\"alert ").append(a.severity()).append("\">\n");
            h.append("<div><span class=\"sev ").append(a.severity()).append("\">").append(a.severity()).append("</span> ")
                    .append("<b>").append(Html.escape(a.asn().name())).append("</b> <span class=\"meta\">NIP ")
                    .append(Html.escape(Nips.mask(a.nip()))).append("</span></div>\n");
            h.append("<div class=\"text\">").append(Html.highlight(a.post().text(), a.evidence())).append("</div>\n<dl>");
            h.append("<dt>Waktu</dt><dd>").append(Html.escape(a.post().publishedAt().format(TIME))).append("</dd>");
            String href = Html.safeHref(a.post().url());
            h.append("<dt>Unggahan</dt><dd>").append(Html.escape(a.platform().id())).append(" · @")
                    .append(Html.escape(a.post().author().handle())).append(" · ");
            if (href != null) {
                h.append("<a href=\"").append(href).append("\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">")
                        .append(Html.escape(a.post().url().toString())).append("</a>");
            } else {
                h.append(Html.escape(String.valueOf(a.post().url())));
            }
            h.append("</dd>");
            h.append(InteractionView.rows(a));
            h.append("<dt>Instansi</dt><dd>").append(Html.escape(a.asn().agency())).append(" · ")
                    .append(Html.escape(a.asn().unit())).append(" · wilayah ").append(Html.escape(a.asn().regionCode())).append("</dd>");
            h.append("<dt>Kandidat</dt><dd>").append(Html.escape(candidates(a))).append("</dd>");
            h.append("<dt>Aturan</dt><dd>").append(Html.escape(a.rule())).append(" — ").append(Html.escape(a.explanation())).append("</dd>");
            if (a.violation() != null) {
                h.append("<dt>Bentuk</dt><dd>").append(Html.escape(a.violation().form())).append("</dd>");
                if (!a.violation().legalBasis().isEmpty()) {
                    h.append("<dt>Dasar hukum</dt><dd>").append(Html.escape(String.join("; ", a.violation().legalBasis()))).append("</dd>");
                }
            }
            h.append("<dt>Bukti</dt><dd>").append(Html.escape(a.evidence().stream()
                    .map(e -> "«" + e.text() + "» (" + e.type() + (e.ref() == null ? "" : ": " + e.ref())
                            + (e.field() == null ? "" : ", di " + e.field()) + ")")
                    .collect(Collectors.joining(", ")))).append("</dd>");
            h.append("<dt>Versi</dt><dd>daftar pantau ").append(Html.escape(a.watchlistVersion())).append(" · registri ")
                    .append(Html.escape(a.registryVersion()))
                    .append(a.lexiconVersion() == null ? "" : " · leksikon " + Html.escape(a.lexiconVersion())).append(" · id ").append(Html.escape(a.id())).append("</dd>");
            h.append("</dl></div>\n");
        }
        return h.append("<script src=\"/assets/netra.js\"></script></body></html>\n").toString();
    }

    private static String candidates(Alert a) {
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
}
