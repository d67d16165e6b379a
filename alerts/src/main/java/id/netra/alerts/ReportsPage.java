package id.netra.alerts;

import id.netra.model.ReplayReport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The auditors' pages on replays (Indonesian labels): the list of reports ({@code /laporan}) and one report
 * ({@code /laporan/{runId}}, also the HTML file {@code netra replay} writes): the period, the versions asked for,
 * counts, then every post that differs (field by field, each side's versions) and the identical ones. Every value
 * is escaped: the changed fields carry post text and registry data.
 */
public final class ReportsPage {
    private static final String STYLE = """
            <style>
             body{font-family:system-ui,sans-serif;margin:1.5rem;background:#f6f7f9;color:#1d2530}
             h1{font-size:1.4rem;margin:0 0 .5rem} h2{font-size:1.1rem;margin:1.2rem 0 .4rem} a{color:#0b57d0} .meta{color:#5b6675;font-size:.9rem}
             table{border-collapse:collapse;width:100%;background:#fff;margin-top:.5rem} td,th{padding:.35rem .5rem;border-bottom:1px solid #e3e6ea;text-align:left;vertical-align:top}
             .k{font-weight:700;padding:.05rem .45rem;border-radius:4px;color:#fff;background:#5b6675}.k.CHANGED{background:#ef8f00;color:#1d2530}.k.MISSING{background:#c62828}.k.NEW{background:#0b57d0}.k.IDENTICAL{background:#2e7d32}
             .counts span{display:inline-block;margin:.3rem .8rem 0 0} code,.v{font-family:ui-monospace,monospace;font-size:.8rem;white-space:pre-wrap;word-break:break-all}
            </style>""";

    private ReportsPage() {
    }

    /**
     * Adds {@code GET /laporan} (the list) and {@code GET /laporan/{runId}} (one report) to {@code http}; read-only. Each
     * view of one report goes to {@code viewed} (the audit log) before it is shown.
     */
    static void routes(io.javalin.Javalin http, ReplayReportLog reports, java.util.function.BiConsumer<io.javalin.http.Context, String> viewed) {
        http.get("/laporan", ctx -> ctx.contentType("text/html; charset=utf-8").result(list(reports.list())));
        http.get("/laporan/{runId}", ctx -> {
            ReplayReport r = reports.get(ctx.pathParam("runId"))
                    .orElseThrow(() -> new io.javalin.http.NotFoundResponse("no replay report " + ctx.pathParam("runId")));
            viewed.accept(ctx, r.runId());
            ctx.contentType("text/html; charset=utf-8").result(render(r));
        });
    }

    /** The list of reports, newest first. */
    public static String list(List<ReplayReport> reports) {
        StringBuilder h = head("Laporan replay");
        h.append("<h1>Laporan replay (audit)</h1><div class=\"meta\"><a href=\"/kasus\">kasus</a> · <a href=\"/\">umpan peringatan</a></div>");
        if (reports.isEmpty()) {
            h.append("<p>Belum ada laporan. Jalankan <code>netra replay --from … --to …</code>.</p>");
        } else {
            h.append("<table><tr><th>Run</th><th>Periode</th><th>Dijalankan</th><th>Versi diminta</th><th>Sama</th><th>Berubah</th><th>Hilang</th><th>Baru</th></tr>");
            for (ReplayReport r : reports) {
                ReplayReport.Counts c = r.counts();
                h.append("<tr><td><a href=\"/laporan/").append(Html.escape(URLEncoder.encode(r.runId(), StandardCharsets.UTF_8))).append("\">")
                        .append(Html.escape(r.runId())).append("</a></td><td>").append(Html.escape(r.from() + " – " + r.to()))
                        .append("</td><td>").append(Html.escape(String.valueOf(r.replayedAt()))).append("</td><td>")
                        .append(Html.escape(asked(r.versions()))).append("</td><td>").append(c.identical()).append("</td><td>")
                        .append(c.changed()).append("</td><td>").append(c.missing()).append("</td><td>").append(c.added()).append("</td></tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>").toString();
    }

    /** One report as a page. */
    public static String render(ReplayReport r) {
        StringBuilder h = head("Laporan replay " + r.runId());
        ReplayReport.Counts c = r.counts();
        h.append("<h1>Laporan replay ").append(Html.escape(r.runId())).append("</h1>");
        h.append("<div class=\"meta\">Periode (waktu terbit pos) ").append(Html.escape(r.from().toString())).append(" – ")
                .append(Html.escape(r.to().toString())).append(" · dijalankan ").append(Html.escape(String.valueOf(r.replayedAt())))
                .append(" · versi diminta: ").append(Html.escape(asked(r.versions()))).append(" · peringatan replay di topik <code>")
                .append(Html.escape(r.outputTopic())).append("</code></div>");
        h.append(String.format(Locale.ROOT, "<div class=\"meta\">%,d pos dibaca, %,d terbit dalam periode, %.1f detik (%,.0f pos/detik)</div>",
                r.postsRead(), r.postsInPeriod(), r.seconds(), r.postsPerSecond()));
        h.append("<div class=\"counts\"><span>tercatat ").append(c.recorded()).append("</span><span>replay ").append(c.replayed())
                .append("</span><span class=\"k IDENTICAL\">sama ").append(c.identical()).append("</span><span class=\"k CHANGED\">berubah ")
                .append(c.changed()).append("</span><span class=\"k MISSING\">hilang ").append(c.missing())
                .append("</span><span class=\"k NEW\">baru ").append(c.added()).append("</span></div>");
        section(h, r, ReplayReport.Kind.CHANGED, "Berubah");
        section(h, r, ReplayReport.Kind.MISSING, "Hilang (tercatat, tidak muncul lagi)");
        section(h, r, ReplayReport.Kind.NEW, "Baru (muncul di replay, tidak tercatat)");
        section(h, r, ReplayReport.Kind.IDENTICAL, "Sama");
        return h.append("</body></html>").toString();
    }

    private static void section(StringBuilder h, ReplayReport r, ReplayReport.Kind kind, String title) {
        List<ReplayReport.Entry> entries = r.entries().stream().filter(e -> e.kind() == kind).toList();
        if (entries.isEmpty()) {
            return;
        }
        h.append("<h2>").append(Html.escape(title)).append(" (").append(entries.size()).append(")</h2>");
        h.append("<table><tr><th>Pos</th><th>Tercatat</th><th>Replay</th><th>Perbedaan</th></tr>");
        for (ReplayReport.Entry e : entries) {
            h.append("<tr><td><span class=\"k ").append(e.kind().name()).append("\">").append(e.kind().name()).append("</span> <code>")
                    .append(Html.escape(e.postKey())).append("</code></td><td>").append(side(e.recordedId(), e.recordedSeverity(), e.recorded()))
                    .append("</td><td>").append(side(e.replayedId(), e.replayedSeverity(), e.replayed())).append("</td><td>");
            for (ReplayReport.Change ch : e.changes()) {
                h.append("<div><b>").append(Html.escape(ch.field())).append("</b><div class=\"v\">− ").append(Html.escape(ch.recorded()))
                        .append("</div><div class=\"v\">+ ").append(Html.escape(ch.replayed())).append("</div></div>");
            }
            h.append("</td></tr>");
        }
        h.append("</table>");
    }

    private static String side(String id, id.netra.model.Severity severity, ReplayReport.Versions v) {
        if (id == null) {
            return "—";
        }
        return "<code>" + Html.escape(id) + "</code> " + (severity == null ? "" : Html.escape(severity.name()))
                + "<div class=\"v\">daftar pantau " + Html.escape(v.watchlist()) + "<br>registri " + Html.escape(v.registry())
                + "<br>leksikon " + Html.escape(v.lexicon()) + "</div>";
    }

    private static String asked(ReplayReport.Versions v) {
        if (v == null || (v.watchlist() == null && v.registry() == null && v.lexicon() == null)) {
            return "yang berlaku saat pos terbit";
        }
        return "daftar pantau " + (v.watchlist() == null ? "saat terbit" : v.watchlist()) + ", registri "
                + (v.registry() == null ? "saat terbit" : "per " + v.registry()) + ", leksikon "
                + (v.lexicon() == null ? "build ini" : v.lexicon());
    }

    private static StringBuilder head(String title) {
        return new StringBuilder(16_384).append("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Netra — ")
                .append(Html.escape(title)).append("</title>").append(STYLE).append("</head><body>");
    }
}
