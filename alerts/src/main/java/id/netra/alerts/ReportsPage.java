package id.netra.alerts;

import id.netra.alerts.auth.Session;
import id.netra.model.ReplayReport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The auditors' pages on replays (templates {@code reports/*.jte}, Indonesian labels): the list of reports
 * ({@code /laporan}) and one report ({@code /laporan/{runId}}, also the HTML file {@code netra replay} writes, with the
 * stylesheet inlined): the period, the versions asked for, counts, then every post that differs (field by field, each
 * side's versions) and the identical ones. The changed fields carry post text and registry data: the templates escape
 * every value.
 */
public final class ReportsPage {
    private ReportsPage() {
    }

    /** The posts of one kind of difference, under its title. */
    public record Section(String title, List<ReplayReport.Entry> entries) {
    }

    /** The list of reports, newest first, as a page of the app ({@code viewer} may be {@code null}: no user bar). */
    public static String list(List<ReplayReport> reports, Session viewer) {
        Map<String, Object> params = new HashMap<>();
        params.put("reports", reports);
        params.put("viewer", viewer);
        return Templates.html("reports/list.jte", params);
    }

    /** The list without a user bar. */
    public static String list(List<ReplayReport> reports) {
        return list(reports, null);
    }

    /** One report as a page of the app. */
    public static String page(ReplayReport r, Session viewer) {
        return Templates.html("reports/report.jte", Map.of("r", r, "viewer", viewer));
    }

    /** One report as a standalone HTML file (the stylesheet inlined: it is opened from disk). */
    public static String render(ReplayReport r) {
        return Templates.html("reports/file.jte", Map.of("r", r, "css", Assets.STYLESHEET_TEXT));
    }

    /** The run id as a path segment. */
    public static String pathOf(ReplayReport r) {
        return URLEncoder.encode(r.runId(), StandardCharsets.UTF_8);
    }

    /** The sections with at least one post: changed, missing, new, identical. */
    public static List<Section> sections(ReplayReport r) {
        return List.of(section(r, ReplayReport.Kind.CHANGED, "Berubah"),
                section(r, ReplayReport.Kind.MISSING, "Hilang (tercatat, tidak muncul lagi)"),
                section(r, ReplayReport.Kind.NEW, "Baru (muncul di replay, tidak tercatat)"),
                section(r, ReplayReport.Kind.IDENTICAL, "Sama")).stream().filter(s -> !s.entries().isEmpty()).toList();
    }

    private static Section section(ReplayReport r, ReplayReport.Kind kind, String title) {
        return new Section(title, r.entries().stream().filter(e -> e.kind() == kind).toList());
    }

    /** "10 pos dibaca, 8 terbit dalam periode, 2.0 detik (5 pos/detik)". */
    public static String throughput(ReplayReport r) {
        return String.format(Locale.ROOT, "%,d pos dibaca, %,d terbit dalam periode, %.1f detik (%,.0f pos/detik)",
                r.postsRead(), r.postsInPeriod(), r.seconds(), r.postsPerSecond());
    }

    /** The versions the replay asked for, in words. */
    public static String asked(ReplayReport.Versions v) {
        if (v == null || (v.watchlist() == null && v.registry() == null && v.lexicon() == null)) {
            return "yang berlaku saat pos terbit";
        }
        return "daftar pantau " + (v.watchlist() == null ? "saat terbit" : v.watchlist()) + ", registri "
                + (v.registry() == null ? "saat terbit" : "per " + v.registry()) + ", leksikon "
                + (v.lexicon() == null ? "build ini" : v.lexicon());
    }
}
