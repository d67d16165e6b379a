package id.netra.alerts;

import id.netra.model.Severity;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The analysts' filters over cases: region (a province includes its regencies; a Kemendagri code or a name such as
 * {@code Lampung}, {@code Kota Metro}, {@code Kab. Bandung} or {@code Jabar}, see {@link RegionNames}), agency (its
 * words; {@code Pemkot Metro}), severity at least, status, candidate or party (an id, or every word of a name), date
 * range of the post (WIB days), free text, a queue (assigned to the viewer, or to nobody), the order and where the page
 * starts (a cursor from the previous page). Empty fields filter nothing. Bad values are refused with a
 * message naming the parameter. {@link CaseSearch} runs it in SQL.
 *
 * @param region  a province ({@code 18}) or regency ({@code 18.72}) code
 * @param subject a candidate id, an election id, a party id, or words of a candidate pair's or a party's name
 * @param text    words that must all occur in the post, the name, the NIP, the agency or the case id
 * @param after   the cursor of the previous page's last case, or null for the first page
 */
public record CaseQuery(String region, String agency, Severity minSeverity, CaseFile.Status status, String subject, LocalDate from,
                        LocalDate to, String text, Queue queue, CaseSort sort, String after) {
    /** Which cases by their assignee. */
    public enum Queue {
        /** Assigned to the viewer. */
        MINE,
        /** Assigned to nobody. */
        UNASSIGNED
    }

    /**
     * A filter that cannot be read: its parameter, the value given and, for a region, the names it may have meant (for
     * the list page to offer as links).
     */
    public static final class BadFilter extends IllegalArgumentException {
        private final String param;
        private final String value;
        private final List<String> suggestions;

        BadFilter(String param, String value, String message, List<String> suggestions) {
            super(message);
            this.param = param;
            this.value = value;
            this.suggestions = List.copyOf(suggestions);
        }

        public String param() {
            return param;
        }

        public String value() {
            return value;
        }

        public List<String> suggestions() {
            return suggestions;
        }
    }

    public CaseQuery {
        sort = sort == null ? CaseSort.NEWEST : sort;
    }

    /** Every case, newest change first. */
    public static CaseQuery all() {
        return new CaseQuery(null, null, null, null, null, null, null, null, null, CaseSort.NEWEST, null);
    }

    /** @throws IllegalArgumentException naming the parameter that is wrong */
    public static CaseQuery of(Function<String, String> param) {
        String region = blankToNull(param.apply("region"));
        if (region != null) {
            RegionNames.Reading read = RegionNames.bundled().read(region);
            if (read.code() == null) {
                throw new BadFilter("region", region, "region '" + region + "' is not a Kemendagri province or regency code or name"
                        + (read.suggestions().isEmpty() ? "" : "; it may be: " + String.join(", ", read.suggestions())), read.suggestions());
            }
            region = read.code();
        }
        String after = blankToNull(param.apply("after"));
        if (after != null && !after.matches("[A-Za-z0-9_-]{1,400}")) {
            throw new BadFilter("after", after, "after '" + after + "' is not a cursor from a previous page", List.of());
        }
        CaseSort sort = parse("sort", param.apply("sort"), CaseSort::of);
        if (after != null) {
            try {
                CaseSearch.uncursor(sort == null ? CaseSort.NEWEST : sort, after);
            } catch (IllegalArgumentException e) {
                throw new BadFilter("after", after, e.getMessage(), List.of());
            }
        }
        LocalDate from = parse("from", param.apply("from"), LocalDate::parse);
        LocalDate to = parse("to", param.apply("to"), LocalDate::parse);
        if (from != null && to != null && to.isBefore(from)) {
            // No day is in such a range: say so instead of listing no case.
            throw new BadFilter("range", from + ".." + to, "to '" + to + "' is before from '" + from + "'", List.of());
        }
        return new CaseQuery(region, blankToNull(param.apply("agency")), parse("severity", param.apply("severity"), s -> Severity.valueOf(s.toUpperCase(Locale.ROOT))),
                parse("status", param.apply("status"), s -> CaseFile.Status.valueOf(s.toUpperCase(Locale.ROOT))),
                blankToNull(param.apply("subject")), from, to,
                blankToNull(param.apply("q")), parse("queue", param.apply("queue"), s -> Queue.valueOf(s.toUpperCase(Locale.ROOT))),
                sort, after);
    }

    /** This query starting after {@code cursor}. */
    public CaseQuery after(String cursor) {
        return new CaseQuery(region, agency, minSeverity, status, subject, from, to, text, queue, sort, cursor);
    }

    /** This query in another order, from the first page. */
    public CaseQuery sorted(CaseSort newSort) {
        return new CaseQuery(region, agency, minSeverity, status, subject, from, to, text, queue, newSort, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static <T> T parse(String name, String value, Function<String, T> parser) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BadFilter(name, v, name + " '" + v + "' is not valid", List.of());
        }
    }
}
