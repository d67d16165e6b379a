package id.netra.alerts;

import id.netra.model.Alert;
import id.netra.model.Regions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The small overview above the feed: alerts (MEDIUM and HIGH) per day and per province, and open cases by age. Computed
 * from what the user may see (the caller passes alerts and cases already limited to the user's jurisdiction).
 *
 * @param perDay      alerts per day (WIB) of the publication time, for the {@value #DAYS} days up to the latest one
 *                    with an alert, oldest first; days without alerts are listed with 0
 * @param perProvince alerts per province name, most first
 * @param openByAge   open cases (not confirmed or dismissed) by the time since they were opened, youngest bucket first
 */
public record Overview(Map<LocalDate, Long> perDay, Map<String, Long> perProvince, Map<String, Long> openByAge) {
    /** How many days the chart shows. */
    public static final int DAYS = 14;
    static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
    static final List<String> AGES = List.of("< 1 hari", "1–3 hari", "3–7 hari", "> 7 hari");

    public Overview {
        perDay = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perDay));
        perProvince = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perProvince));
        openByAge = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(openByAge));
    }

    /**
     * @param alerts the alerts to count (LOW ones are left out here)
     * @param cases  the cases to age
     * @param now    the time ages are measured to
     */
    public static Overview of(Collection<Alert> alerts, Collection<CaseView> cases, Instant now, Regions regions) {
        TreeMap<LocalDate, Long> days = new TreeMap<>();
        Map<String, Long> provinces = new java.util.HashMap<>();
        for (Alert a : alerts) {
            if (!a.severity().atLeast(id.netra.model.Severity.MEDIUM)) {
                continue;
            }
            days.merge(a.post().publishedAt().atZoneSameInstant(WIB).toLocalDate(), 1L, Long::sum);
            provinces.merge(Regions.province(a.asn().regionCode()), 1L, Long::sum);
        }
        Map<String, Long> ages = new LinkedHashMap<>();
        AGES.forEach(b -> ages.put(b, 0L));
        for (CaseView c : cases) {
            if (!c.status().closed()) {
                ages.merge(ageBucket(Duration.between(c.openedAt(), now)), 1L, Long::sum);
            }
        }
        return of(days, provinces, ages, now, regions);
    }

    /**
     * From counts made elsewhere (in SQL).
     *
     * @param days      alerts per WIB day (days without any may be left out)
     * @param provinces alerts per province code
     * @param openByAge open cases per age bucket ({@link #AGES})
     */
    public static Overview of(Map<LocalDate, Long> days, Map<String, Long> provinces, Map<String, Long> openByAge, Instant now, Regions regions) {
        TreeMap<LocalDate, Long> sorted = new TreeMap<>(days);
        Map<String, Long> named = new java.util.HashMap<>();
        provinces.forEach((code, n) -> named.merge(code == null ? "?" : regions.name(code).orElse(code), n, Long::sum));
        return build(sorted, named, openByAge, now);
    }

    private static Overview build(TreeMap<LocalDate, Long> days, Map<String, Long> provinces, Map<String, Long> openByAge, Instant now) {
        LocalDate last = days.isEmpty() ? now.atZone(WIB).toLocalDate() : days.lastKey();
        Map<LocalDate, Long> perDay = new LinkedHashMap<>();
        for (LocalDate d = last.minusDays(DAYS - 1); !d.isAfter(last); d = d.plusDays(1)) {
            perDay.put(d, days.getOrDefault(d, 0L));
        }
        Map<String, Long> perProvince = new LinkedHashMap<>();
        provinces.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> perProvince.put(e.getKey(), e.getValue()));
        Map<String, Long> ages = new LinkedHashMap<>();
        AGES.forEach(b -> ages.put(b, openByAge.getOrDefault(b, 0L)));
        return new Overview(perDay, perProvince, ages);
    }

    static String ageBucket(Duration age) {
        if (age.compareTo(Duration.ofDays(1)) < 0) {
            return AGES.get(0);
        }
        if (age.compareTo(Duration.ofDays(3)) < 0) {
            return AGES.get(1);
        }
        if (age.compareTo(Duration.ofDays(7)) < 0) {
            return AGES.get(2);
        }
        return AGES.get(3);
    }

    /**
     * One bar chart of the overview, its geometry computed here so that the template ({@code cases/overview.jte}) only
     * draws it in inline SVG (no script, no external library).
     *
     * @param vertical one column per label (the days), else one row per label with the label on its left
     */
    public record Chart(String title, String colour, boolean vertical, int width, int height, List<Bar> bars) {
    }

    /**
     * One bar: its label and count, its rectangle, and where its text goes.
     *
     * @param label the whole label of a column; a row's label shortened to fit
     */
    public record Bar(String label, long value, long x, long y, long width, long height, int textX, int textY) {
    }

    /** The three charts: alerts per day, per province (the eight with most), open cases by age. */
    public List<Chart> charts() {
        Map<String, Long> days = new LinkedHashMap<>();
        perDay.forEach((d, n) -> days.put(d.getDayOfMonth() + "/" + d.getMonthValue(), n));
        Map<String, Long> provinces = new LinkedHashMap<>();
        perProvince.entrySet().stream().limit(8).forEach(e -> provinces.put(e.getKey(), e.getValue()));
        return List.of(columns("Peringatan per hari (WIB)", days, "#0b57d0"), rows("Peringatan per provinsi", provinces, "#ef8f00"),
                rows("Kasus terbuka menurut umur", openByAge, "#c62828"));
    }

    private static Chart columns(String title, Map<String, Long> values, String colour) {
        long max = max(values);
        int w = 30; // a label such as "28/11" at 8 px is about 22 px wide: room between neighbours
        int height = 110;
        List<Bar> bars = new java.util.ArrayList<>();
        int x = 0;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            long barHeight = Math.round((double) e.getValue() / max * height);
            bars.add(new Bar(e.getKey(), e.getValue(), x + 2, height - barHeight, w - 4, barHeight, x + w / 2, height + 12));
            x += w;
        }
        return new Chart(title, colour, true, values.size() * w, height + 30, bars);
    }

    private static Chart rows(String title, Map<String, Long> values, String colour) {
        long max = max(values);
        int rowHeight = 18;
        int labelWidth = 140;
        int barWidth = 160;
        List<Bar> bars = new java.util.ArrayList<>();
        int y = 0;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            long width = Math.round((double) e.getValue() / max * barWidth);
            bars.add(new Bar(shorten(e.getKey()), e.getValue(), labelWidth, y + 3, width, rowHeight - 6, (int) (labelWidth + width + 4), y + 13));
            y += rowHeight;
        }
        return new Chart(title, colour, false, labelWidth + barWidth + 40, Math.max(1, values.size()) * rowHeight, bars);
    }

    private static long max(Map<String, Long> values) {
        return Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(1));
    }

    private static String shorten(String s) {
        return s.length() <= 22 ? s : s.substring(0, 21) + "…";
    }
}
