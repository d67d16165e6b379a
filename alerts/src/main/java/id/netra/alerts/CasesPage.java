package id.netra.alerts;

import id.netra.alerts.auth.Session;
import id.netra.model.Alert;
import id.netra.model.Regions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The analysts' case pages (templates under {@code cases/}, Indonesian labels): the case list with its filters, counts
 * and exports, whose rows the page swaps when {@code /api/live} says a case changed ({@code cases/row.jte}, also served
 * alone); one case with the posts, the evidence highlighted, the person, the law, the provenance, the history and the
 * triage buttons (for roles that may act); and the overview. The templates escape every value; the static methods here
 * give them plain text.
 */
public final class CasesPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");
    private static final ZoneOffset WIB = ZoneOffset.ofHours(7);

    /** A choice of a select or a button: the value sent and what the analyst reads. */
    public record Option(String value, String label) {
    }

    /** The triage buttons of a case page. */
    public static final List<Option> ACTIONS = List.of(new Option("assigned", "Tugaskan"), new Option("confirmed", "Konfirmasi pelanggaran"),
            new Option("dismissed", "Tolak"), new Option("escalated", "Eskalasi"), new Option("commented", "Komentar"),
            new Option("reopened", "Buka kembali"));

    private static final Map<String, List<Option>> OPTIONS = Map.of(
            "severity", plain("", "MEDIUM", "HIGH"),
            "status", java.util.stream.Stream.concat(java.util.stream.Stream.of(new Option("", "semua")),
                    java.util.Arrays.stream(CaseFile.Status.values()).map(s -> new Option(s.name(), AlertText.status(s)))).toList(),
            "queue", List.of(new Option("", "semua"), new Option("mine", "ditugaskan ke saya"), new Option("unassigned", "belum ditugaskan")),
            "sort", java.util.Arrays.stream(CaseSort.values()).map(s -> new Option(s.id(), s.label())).toList());

    /** Which filter a facet's value sets when clicked. */
    private static final Map<String, String> FACET_PARAMS = Map.of("status", "status", "severity", "severity", "province", "region",
            "candidate", "subject", "party", "subject", "agency", "agency");

    /** The names of every province and regency, for the region field's suggestions (the same on every page). */
    private static final List<String> REGION_NAMES = regions();

    private CasesPage() {
    }

    /** The whole list page, or only its {@code #cases} part (counts, rows, paging) when {@code fragmentOnly}. */
    static String list(CaseSearch.Page page, Map<String, String> filters, boolean fragmentOnly, Session viewer) {
        return fragmentOnly ? Templates.html("cases/results.jte", Map.of("page", page, "filters", filters))
                : Templates.html("cases/list.jte", Map.of("page", page, "filters", filters, "viewer", viewer));
    }

    /** What each filter of the list is called on the page, for saying which one was wrong. */
    private static final Map<String, String> FILTER_LABELS = Map.ofEntries(Map.entry("region", "Wilayah"), Map.entry("agency", "Instansi"),
            Map.entry("severity", "Tingkat"), Map.entry("status", "Status"), Map.entry("subject", "Kandidat/partai"),
            Map.entry("from", "Dari tanggal"), Map.entry("to", "Sampai tanggal"), Map.entry("q", "Cari teks"), Map.entry("queue", "Antrian"),
            Map.entry("sort", "Urutan"));

    /**
     * The list page when a filter cannot be read: the form as sent, what was wrong in Indonesian, and for a region the
     * names it may mean, each a link to the same filters with that region. No list (and so no live updates).
     */
    static String refused(Map<String, String> filters, CaseQuery.BadFilter e, Session viewer) {
        String problem;
        List<Option> choices = new ArrayList<>();
        if (e.param().equals("after")) {
            problem = "Alamat halaman ini tidak berlaku lagi (urutannya berubah atau alamatnya terpotong). Buka dari halaman pertama.";
            choices.add(new Option(query(filters, "after"), "halaman pertama"));
        } else if (e.param().equals("region")) {
            problem = "Wilayah «" + e.value() + "» tidak dikenal sebagai provinsi atau kabupaten/kota"
                    + (e.suggestions().isEmpty() ? "; ketik sebagian namanya dan pilih dari saran." : ".");
            e.suggestions().forEach(name -> choices.add(new Option(query(with(filters, "region", name), "after"), name)));
        } else if (e.param().equals("range")) {
            problem = "Sampai tanggal (" + filters.get("to") + ") sebelum Dari tanggal (" + filters.get("from") + "): tidak ada hari di antaranya.";
        } else {
            problem = FILTER_LABELS.getOrDefault(e.param(), e.param()) + ": nilai «" + e.value() + "» tidak dapat dibaca.";
        }
        CaseSearch.Page none = new CaseSearch.Page(List.of(), null, 0, Map.of());
        return Templates.html("cases/list.jte", Map.of("page", none, "filters", filters, "viewer", viewer, "problem", problem,
                "choices", choices));
    }

    /** One case's row of the list ({@code tr#kasus-<id>}), also served alone for the live list to swap in. */
    static String row(CaseView c) {
        return Templates.html("cases/row.jte", Map.of("c", c));
    }

    /** One case with its alerts (those in the feed, in the case's order). */
    static String one(CaseFile c, Function<String, Optional<Alert>> alerts, Session viewer) {
        List<Alert> found = c.alertIds().stream().map(alerts).flatMap(Optional::stream).toList();
        return Templates.html("cases/case.jte", Map.of("c", c, "alerts", found, "viewer", viewer));
    }

    /** The overview page: alerts per day and per province, open cases by age. */
    static String overview(Overview o, Session viewer) {
        return Templates.html("cases/overview.jte", Map.of("overview", o, "viewer", viewer));
    }

    /** The choices of the list's select {@code name} (severity, status, queue, sort). */
    public static List<Option> options(String name) {
        List<Option> o = OPTIONS.get(name);
        if (o == null) {
            throw new IllegalArgumentException("the case list has no select " + name);
        }
        return o;
    }

    public static List<String> regionNames() {
        return REGION_NAMES;
    }

    /** The candidates and parties the list's counts name, for the subject field's suggestions. */
    public static List<String> subjects(CaseSearch.Page page) {
        List<String> subjects = new ArrayList<>(page.counts().getOrDefault("candidate", Map.of()).keySet());
        subjects.addAll(page.counts().getOrDefault("party", Map.of()).keySet());
        return subjects;
    }

    /** A facet's value as the list shows it: a status by its Indonesian name, anything else as counted. */
    public static String facetValue(String facet, String value) {
        if (facet.equals("status")) {
            try {
                return AlertText.status(CaseFile.Status.valueOf(value));
            } catch (IllegalArgumentException e) {
                return value;
            }
        }
        return value;
    }

    /** The analysts' word for a facet of the counts. */
    public static String facetLabel(String facet) {
        return switch (facet) {
            case "status" -> "status";
            case "severity" -> "tingkat";
            case "province" -> "provinsi";
            case "party" -> "partai";
            case "agency" -> "instansi";
            default -> "kandidat";
        };
    }

    /** The query of the list narrowed to one value of a facet, from the first page. */
    public static String narrowed(Map<String, String> filters, String facet, String value) {
        Map<String, String> narrowed = new LinkedHashMap<>(filters);
        narrowed.remove("after");
        narrowed.put(FACET_PARAMS.getOrDefault(facet, "subject"), value);
        return query(narrowed, "after");
    }

    /** {@code filters} with {@code name} set to {@code value}. */
    public static Map<String, String> with(Map<String, String> filters, String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(filters);
        changed.put(name, value);
        return changed;
    }

    /** The filters as a query string ({@code ?a=1&b=2}, or empty), without {@code fragment} and {@code leaveOut}. */
    public static String query(Map<String, String> filters, String leaveOut) {
        StringBuilder q = new StringBuilder();
        filters.forEach((k, v) -> {
            if (v != null && !v.isBlank() && !k.equals("fragment") && !k.equals(leaveOut)) {
                q.append(q.isEmpty() ? '?' : '&').append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    /** The address of a case's page. */
    public static String path(CaseFile c) {
        return "/kasus/" + URLEncoder.encode(c.id(), StandardCharsets.UTF_8);
    }

    public static String maskedNip(CaseView c) {
        return Nips.mask(c.nip());
    }

    /** The start of a post's text, for a row of the list. */
    public static String excerpt(String text) {
        return text.length() <= 160 ? text : text.substring(0, 157) + "…";
    }

    /** A time in its own offset. */
    public static String time(OffsetDateTime t) {
        return t.format(TIME);
    }

    /** An instant in WIB. */
    public static String wib(Instant t) {
        return t.atOffset(WIB).format(TIME);
    }

    /** The candidates a post mentions, with their number and election. */
    public static String candidates(Alert a) {
        return String.join("; ", a.candidates().stream()
                .map(m -> "No. " + m.number() + " " + String.join(" – ", m.names()) + " (" + m.electionId() + ")").toList());
    }

    private static List<Option> plain(String... values) {
        return java.util.Arrays.stream(values).map(v -> new Option(v, v.isEmpty() ? "semua" : v)).toList();
    }

    private static List<String> regions() {
        Regions regions = Regions.bundled();
        return regions.codes().stream().map(c -> regions.name(c).orElse(c)).distinct().toList();
    }
}
