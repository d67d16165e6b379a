package id.netra.alerts;

import id.netra.alerts.auth.Session;
import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.Regions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The analysts' pages (Indonesian labels): the case list with its filters, counts and exports, which redraws itself
 * when {@code /api/live} says something changed; and one case with the posts, the evidence highlighted, the person,
 * the law, the provenance, the history and the triage buttons (for roles that may act). Each page names the user, their
 * role and jurisdiction, has a logout button and carries the session's CSRF token in {@code <meta name="csrf-token">}
 * for its scripts. Every value from a post, the registry or the users file is escaped.
 */
final class CasesPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");
    /** The start of every page: language, encoding, and the phone's viewport (without it a phone lays a page out 980 px wide). */
    private static final String HEAD = "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
    private static final String STYLE = """
            <style>
             body{font-family:system-ui,sans-serif;margin:1.5rem;background:#f6f7f9;color:#1d2530}
             h1{font-size:1.4rem;margin:0 0 .5rem} a{color:#0b57d0} .meta{color:#5b6675;font-size:.9rem}
             form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;background:#fff;padding:.7rem;border-radius:6px}
             form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:#5b6675;max-width:100%}
             table{border-collapse:collapse;width:100%;background:#fff;margin-top:.8rem} td,th{padding:.4rem .5rem;border-bottom:1px solid #e3e6ea;text-align:left;vertical-align:top}
             .sev{font-weight:700;padding:.05rem .45rem;border-radius:4px;color:#fff;background:#5b6675}.sev.HIGH{background:#c62828}.sev.MEDIUM{background:#ef8f00;color:#1d2530}
             .counts span{display:inline-block;margin:.3rem .6rem 0 0;font-size:.85rem} .text{white-space:pre-wrap}
             .box{background:#fff;border-radius:6px;padding:.8rem 1rem;margin:.7rem 0;box-shadow:0 1px 2px #0002}
             mark{background:#ffe066} dt{font-weight:600;float:left;width:9rem;clear:left} dd{margin:0 0 .25rem 9.5rem}
             button{margin:.2rem .3rem .2rem 0}
             #asn-link,#dossier-link{display:inline-block;padding:.4rem 0}
             .user{float:right;font-size:.85rem;color:#5b6675} .user form{display:inline}
             input,select{max-width:100%} dd,td{overflow-wrap:anywhere} #cases td:first-child a{display:inline-block;padding:.3rem 0}
             .chart{max-width:100%;min-width:0;box-sizing:border-box} svg{max-width:100%;height:auto}
             @media (max-width:40rem){
              body{margin:.6rem} .user{float:none;margin-bottom:.4rem} dt{float:none;width:auto} dd{margin:0 0 .4rem}
              input,select,button{font-size:1rem} button{min-height:2.75rem;padding:0 .8rem} #act input{width:100%;box-sizing:border-box;margin:.2rem 0}
              #cases thead{display:none} #cases table,#cases tbody,#cases tr,#cases td{display:block}
              #cases tr{padding:.4rem 0;border-bottom:1px solid #c5cbd3} #cases td{border:0;padding:.1rem .5rem}
             }
            </style>""";

    private CasesPage() {
    }

    /** The {@code <meta>} with the session's CSRF token, for the head of every page. */
    static String csrfMeta(Session viewer) {
        return "<meta name=\"csrf-token\" content=\"" + Html.escape(viewer.csrfToken()) + "\">";
    }

    /** Who is logged in, as what and where, and the logout button; for the top of every page. */
    static String userBar(Session viewer) {
        var u = viewer.user();
        return "<div class=\"user\">" + Html.escape(u.name()) + " · " + Html.escape(u.role().label()) + " · "
                + Html.escape(u.jurisdiction().label(Regions.bundled()))
                + " <form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\""
                + Html.escape(viewer.csrfToken()) + "\"><button type=\"submit\">Keluar</button></form></div>";
    }

    static String list(CaseSearch.Page page, Map<String, String> filters, boolean fragmentOnly, Session viewer) {
        StringBuilder h = new StringBuilder(16_384);
        if (!fragmentOnly) {
            h.append(HEAD)
                    .append(csrfMeta(viewer)).append("<title>Netra — Kasus</title>").append(STYLE).append("</head><body>")
                    .append(userBar(viewer)).append("<h1>Netra — Kasus netralitas ASN</h1>");
            h.append("<form class=\"filters\" method=\"get\" action=\"/kasus\">");
            field(h, "Wilayah (provinsi atau kab./kota)", "region", filters, "type=\"search\" list=\"wilayah\" autocomplete=\"off\"");
            h.append(REGION_LIST);
            field(h, "Instansi", "agency", filters, "list=\"instansi\"");
            datalist(h, "instansi", page.counts().getOrDefault("agency", Map.of()).keySet());
            select(h, "Tingkat", "severity", filters, List.of("", "MEDIUM", "HIGH"));
            select(h, "Status", "status", filters, List.of("", "OPEN", "ASSIGNED", "ESCALATED", "CONFIRMED", "DISMISSED"));
            field(h, "Kandidat/partai (nama)", "subject", filters, "list=\"subjek\"");
            List<String> subjects = new java.util.ArrayList<>(page.counts().getOrDefault("candidate", Map.of()).keySet());
            subjects.addAll(page.counts().getOrDefault("party", Map.of()).keySet());
            datalist(h, "subjek", subjects);
            field(h, "Dari tanggal", "from", filters, "type=\"date\"");
            field(h, "Sampai tanggal", "to", filters, "type=\"date\"");
            field(h, "Cari teks", "q", filters, "type=\"search\"");
            options(h, "Antrian", "queue", filters, List.of(new String[] {"", "semua"}, new String[] {"mine", "ditugaskan ke saya"},
                    new String[] {"unassigned", "belum ditugaskan"}));
            List<String[]> sorts = new java.util.ArrayList<>();
            for (CaseSort sort : CaseSort.values()) {
                sorts.add(new String[] {sort.id(), sort.label()});
            }
            options(h, "Urutan", "sort", filters, sorts);
            h.append("<button type=\"submit\">Saring</button></form>");
            String query = query(filters, "after");
            if (viewer.user().role().mayAct()) {
                h.append(reportForm(viewer));
            }
            h.append("<div class=\"meta\">Ekspor: <a href=\"/api/cases/export.csv").append(query).append("\">CSV</a> · <a href=\"/api/cases/export.json")
                    .append(query).append("\">JSON</a> · <a href=\"/ringkasan\">ringkasan</a> · <a href=\"/\">umpan peringatan</a></div>");
            h.append("<div id=\"cases\">");
        }
        h.append("<div class=\"counts\">").append(page.total()).append(" kasus");
        page.counts().forEach((facet, values) -> values.forEach((k, v) -> {
            String param = FACET_PARAMS.getOrDefault(facet, "subject");
            Map<String, String> narrowed = new java.util.LinkedHashMap<>(filters);
            narrowed.remove("after");
            narrowed.put(param, k);
            h.append(" <span>").append(Html.escape(label(facet))).append(" <a href=\"/kasus").append(query(narrowed, "after")).append("\">")
                    .append(Html.escape(k)).append("</a>: ").append(v).append("</span>");
        }));
        h.append("</div><div id=\"live-news\" class=\"meta\" role=\"status\"></div>");
        h.append("<table><thead><tr><th>Kasus</th><th>Tingkat</th><th>Status</th><th>ASN</th><th>Wilayah</th><th>Kandidat</th><th>Unggahan</th><th>Waktu</th></tr></thead><tbody>");
        for (CaseView c : page.cases()) {
            h.append(row(c));
        }
        h.append("</tbody></table><nav class=\"pages meta\">");
        if (filters.get("after") != null && !filters.get("after").isBlank()) {
            h.append("<a href=\"/kasus").append(query(filters, "after")).append("\">« halaman pertama</a> ");
        }
        if (page.next() != null) {
            Map<String, String> next = new java.util.LinkedHashMap<>(filters);
            next.put("after", page.next());
            h.append("<a rel=\"next\" href=\"/kasus").append(query(next, "")).append("\">halaman berikutnya »</a>");
        }
        h.append("</nav>");
        if (!fragmentOnly) {
            h.append("</div><script src=\"/assets/netra.js\"></script></body></html>");
        }
        return h.toString();
    }

    /** One case's row of the list ({@code tr#kasus-<id>}), also served alone for the live list to swap in. */
    static String row(CaseView c) {
        return new StringBuilder(1024).append("<tr id=\"kasus-").append(Html.escape(c.id())).append("\" data-case=\"").append(Html.escape(c.id())).append("\">")
                .append("<td><a href=\"/kasus/").append(Html.escape(c.id())).append("\">").append(Html.escape(c.id())).append("</a>")
                .append(c.alerts() > 1 ? " <span class=\"meta\">(" + c.alerts() + " unggahan)</span>" : "").append("</td>")
                .append("<td><span class=\"sev ").append(c.severity()).append("\">").append(c.severity()).append("</span></td>")
                .append("<td>").append(Html.escape(c.status().name())).append(c.assignee() == null ? "" : "<br><span class=\"meta\">" + Html.escape(c.assignee()) + "</span>").append("</td>")
                .append("<td>").append(Html.escape(c.name())).append("<br><span class=\"meta\">").append(Html.escape(Nips.mask(c.nip())))
                .append(" · ").append(Html.escape(String.valueOf(c.agency()))).append("</span></td>")
                .append("<td>").append(Html.escape(c.regionName())).append("</td>")
                .append("<td>").append(Html.escape(String.join("; ", c.candidateNames()))).append("</td>")
                .append("<td class=\"text\">").append(Html.escape(excerpt(c.text()))).append("</td>")
                .append("<td>").append(Html.escape(c.publishedAt().format(TIME))).append("</td></tr>").toString();
    }

    /** Which filter a facet's value sets when clicked. */
    private static final Map<String, String> FACET_PARAMS = Map.of("status", "status", "severity", "severity", "province", "region",
            "candidate", "subject", "party", "subject", "agency", "agency");

    /** The names of every province and regency, for the region field's suggestions (the same on every page). */
    private static final String REGION_LIST = regionList();

    private static String regionList() {
        StringBuilder h = new StringBuilder(32_768);
        Regions regions = Regions.bundled();
        datalist(h, "wilayah", regions.codes().stream().map(c -> regions.name(c).orElse(c)).distinct().toList());
        return h.toString();
    }

    private static void datalist(StringBuilder h, String id, java.util.Collection<String> values) {
        h.append("<datalist id=\"").append(id).append("\">");
        for (String v : values) {
            h.append("<option value=\"").append(Html.escape(v)).append("\">");
        }
        h.append("</datalist>");
    }

    static String one(CaseFile c, Function<String, Optional<Alert>> alerts, Session viewer) {
        StringBuilder h = new StringBuilder(16_384);
        h.append(HEAD).append(csrfMeta(viewer)).append("<title>Netra — ")
                .append(Html.escape(c.id())).append("</title>").append(STYLE).append("</head><body>").append(userBar(viewer))
                .append("<div class=\"meta\"><a href=\"/kasus\">« semua kasus</a></div>");
        h.append("<h1>Kasus ").append(Html.escape(c.id())).append(" — ").append(Html.escape(c.status().name())).append("</h1>");
        h.append("<div class=\"meta\">Dibuka ").append(c.openedAt().atOffset(ZoneOffset.ofHours(7)).format(TIME))
                .append(c.assignee() == null ? "" : " · ditangani " + Html.escape(c.assignee())).append("</div>");
        String path = "/kasus/" + URLEncoder.encode(c.id(), StandardCharsets.UTF_8);
        h.append("<p class=\"meta\"><a id=\"asn-link\" href=\"").append(Html.escape(path)).append("/asn\">Halaman ASN: semua kasus, peringatan dan riwayat registri</a>");
        if (c.status() == CaseFile.Status.CONFIRMED && viewer.user().role().mayAct()) {
            h.append(" · <a id=\"dossier-link\" href=\"").append(Html.escape(path))
                    .append("/berkas.pdf\" download>Unduh berkas rujukan (PDF) untuk BKN dan PPK</a>");
        }
        h.append("</p>");
        boolean first = true;
        for (String id : c.alertIds()) {
            Optional<Alert> found = alerts.apply(id);
            if (found.isEmpty()) {
                continue;
            }
            Alert a = found.get();
            if (first) {
                h.append("<div class=\"box\"><h2>ASN</h2><dl><dt>Nama</dt><dd>").append(Html.escape(a.asn().name())).append("</dd>")
                        .append("<dt>NIP</dt><dd>").append(Html.escape(viewer.user().role().mayAct() ? a.nip() : Nips.mask(a.nip()))).append("</dd>")
                        .append("<dt>Jabatan</dt><dd>").append(Html.escape(String.valueOf(a.asn().position()))).append("</dd>")
                        .append("<dt>Instansi</dt><dd>").append(Html.escape(String.valueOf(a.asn().agency()))).append(" · ")
                        .append(Html.escape(String.valueOf(a.asn().unit()))).append(" · wilayah ").append(Html.escape(a.asn().regionCode())).append("</dd>")
                        .append("<dt>Atasan (PPK)</dt><dd>").append(Html.escape(String.valueOf(a.asn().supervisorName()))).append("</dd></dl></div>");
                first = false;
            }
            h.append("<div class=\"box\"><div><span class=\"sev ").append(a.severity()).append("\">").append(a.severity()).append("</span> ")
                    .append(Html.escape(a.platform().id())).append(" · @").append(Html.escape(a.post().author().handle())).append(" · ")
                    .append(Html.escape(a.post().publishedAt().format(TIME))).append("</div>");
            h.append("<p class=\"text\">").append(Html.highlight(a.post().text(), a.evidence())).append("</p><dl>");
            String href = Html.safeHref(a.post().url());
            h.append("<dt>Tautan asli</dt><dd>").append(href == null ? Html.escape(String.valueOf(a.post().url()))
                    : "<a href=\"" + href + "\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">" + Html.escape(a.post().url().toString()) + "</a>").append("</dd>");
            h.append(InteractionView.rows(a));
            h.append(PictureView.rows(a, c.id()));
            h.append("<dt>Aturan</dt><dd>").append(Html.escape(a.rule())).append(" — ").append(Html.escape(String.valueOf(a.explanation()))).append("</dd>");
            if (a.violation() != null) {
                h.append("<dt>Bentuk (SKB)</dt><dd>").append(Html.escape(a.violation().form()))
                        .append(a.violation().skb() == null ? "" : " — " + Html.escape(a.violation().skb())).append("</dd>")
                        .append("<dt>Dasar hukum</dt><dd>").append(Html.escape(String.join("; ", a.violation().legalBasis()))).append("</dd>");
            }
            h.append("<dt>Kandidat</dt><dd>").append(Html.escape(String.join("; ", a.candidates().stream()
                    .map(m -> "No. " + m.number() + " " + String.join(" – ", m.names()) + " (" + m.electionId() + ")").toList()))).append("</dd>");
            if (a.post().provenance() != null) {
                var p = a.post().provenance();
                h.append("<dt>Bukti tersimpan</dt><dd>SHA-256 ").append(Html.escape(p.payloadSha256())).append(" · diambil ")
                        .append(Html.escape(p.fetchedAt().toString())).append(" · sumber ").append(Html.escape(p.sourceId()))
                        .append(p.reportedBy() == null ? "" : " · dilaporkan oleh " + Html.escape(p.reportedBy())).append("</dd>");
            }
            h.append("<dt>Versi</dt><dd>daftar pantau ").append(Html.escape(a.watchlistVersion())).append(" · registri ")
                    .append(Html.escape(a.registryVersion())).append(a.lexiconVersion() == null ? "" : " · leksikon " + Html.escape(a.lexiconVersion()))
                    .append("</dd></dl></div>");
        }
        if (viewer.user().role().mayAct()) {
            h.append("<div class=\"box\"><h2>Tindakan</h2><form id=\"act\">")
                    .append("<input name=\"assignee\" placeholder=\"ditugaskan ke\" aria-label=\"Ditugaskan ke\"> ")
                    .append("<input name=\"reason\" placeholder=\"alasan / komentar\" aria-label=\"Alasan atau komentar\" size=\"40\"><br>");
            for (String[] b : List.of(new String[] {"assigned", "Tugaskan"}, new String[] {"confirmed", "Konfirmasi pelanggaran"},
                    new String[] {"dismissed", "Tolak"}, new String[] {"escalated", "Eskalasi"}, new String[] {"commented", "Komentar"},
                    new String[] {"reopened", "Buka kembali"})) {
                h.append("<button type=\"button\" data-action=\"").append(b[0]).append("\">").append(b[1]).append("</button>");
            }
            h.append("</form><div id=\"result\" class=\"meta\"></div></div>");
        }
        h.append("<div class=\"box\"><h2>Riwayat</h2><table><tbody>");
        for (AlertEvent e : c.history()) {
            h.append("<tr><td>").append(Html.escape(e.at().atOffset(ZoneOffset.ofHours(7)).format(TIME))).append("</td><td>")
                    .append(Html.escape(e.type().id())).append("</td><td>").append(Html.escape(e.actor())).append("</td><td>")
                    .append(Html.escape(e.assignee() == null ? "" : "→ " + e.assignee())).append(' ')
                    .append(Html.escape(e.reason() == null ? "" : e.reason()))
                    .append(e.sha256() == null ? "" : "SHA-256 " + Html.escape(e.sha256())).append("</td></tr>");
        }
        h.append("</tbody></table></div><script src=\"/assets/netra.js\"></script></body></html>");
        return h.toString();
    }

    /**
     * The form that reports a post's address to ingest under the analyst's name ({@code POST /kasus/laporkan}, with the
     * session's CSRF token); no script needed.
     */
    static String reportForm(Session viewer) {
        return "<form class=\"filters report\" method=\"post\" action=\"/kasus/laporkan\"><input type=\"hidden\" name=\"csrf\" value=\""
                + Html.escape(viewer.csrfToken()) + "\"><label>Laporkan alamat unggahan<input name=\"url\" type=\"url\" required maxlength=\"2048\""
                + " size=\"60\" placeholder=\"https://…\"></label><button type=\"submit\">Laporkan</button></form>";
    }

    /** The answer to the report form: recorded, or why not, and the way back to the cases. */
    static String reported(boolean accepted, String message, Session viewer) {
        return HEAD + csrfMeta(viewer) + "<title>Netra — Laporan</title>" + STYLE
                + "</head><body>" + userBar(viewer) + "<h1>" + (accepted ? "Laporan diterima" : "Laporan tidak diterima") + "</h1><div class=\"box\">"
                + Html.escape(accepted ? "Alamat dicatat dan akan diambil sekali; " + message + "." : message)
                + "</div><div class=\"meta\"><a href=\"/kasus\">« semua kasus</a></div></body></html>";
    }

    /** The overview page: alerts per day and per province, open cases by age. */
    static String overview(Overview o, Session viewer) {
        return HEAD + csrfMeta(viewer) + "<title>Netra — Ringkasan</title>" + STYLE
                + "<style>.overview{display:flex;flex-wrap:wrap;gap:1rem}.chart{background:#fff;border-radius:6px;padding:.6rem;margin:0}"
                + "figcaption{font-weight:600;margin-bottom:.4rem}</style></head><body>" + userBar(viewer) + "<div class=\"meta\"><a href=\"/kasus\">« semua kasus</a></div>"
                + "<h1>Ringkasan</h1>" + o.html() + "</body></html>";
    }

    private static String label(String facet) {
        return switch (facet) {
            case "status" -> "status";
            case "severity" -> "tingkat";
            case "province" -> "provinsi";
            case "party" -> "partai";
            case "agency" -> "instansi";
            default -> "kandidat";
        };
    }

    private static String excerpt(String text) {
        return text.length() <= 160 ? text : text.substring(0, 157) + "…";
    }

    private static void field(StringBuilder h, String label, String name, Map<String, String> filters, String attributes) {
        h.append("<label>").append(label).append("<input name=\"").append(name).append("\" ").append(attributes).append(" value=\"")
                .append(Html.escape(filters.getOrDefault(name, ""))).append("\"></label>");
    }

    private static void select(StringBuilder h, String label, String name, Map<String, String> filters, List<String> options) {
        options(h, label, name, filters, options.stream().map(o -> new String[] {o, o.isEmpty() ? "semua" : o}).toList());
    }

    /** A select of {@code {value, label}} options, the one in {@code filters} selected. */
    private static void options(StringBuilder h, String label, String name, Map<String, String> filters, List<String[]> options) {
        h.append("<label>").append(label).append("<select name=\"").append(name).append("\">");
        for (String[] o : options) {
            h.append("<option value=\"").append(Html.escape(o[0])).append('"').append(o[0].equalsIgnoreCase(filters.getOrDefault(name, "")) ? " selected" : "")
                    .append('>').append(Html.escape(o[1])).append("</option>");
        }
        h.append("</select></label>");
    }

    /** The filters as a query string (escaped for an attribute), without {@code fragment} and {@code leaveOut}. */
    private static String query(Map<String, String> filters, String leaveOut) {
        StringBuilder q = new StringBuilder();
        filters.forEach((k, v) -> {
            if (v != null && !v.isBlank() && !k.equals("fragment") && !k.equals(leaveOut)) {
                q.append(q.isEmpty() ? '?' : '&').append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return Html.escape(q.toString());
    }
}
