package id.netra.alerts;

import id.netra.model.Regions;
import id.netra.model.Severity;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The analysts' filters over cases: region (a province includes its regencies), agency, severity at least, status,
 * candidate or party, date range of the post (WIB days), free text. Empty fields filter nothing. Bad values are
 * refused with a message naming the parameter.
 *
 * @param region   a province ({@code 18}) or regency ({@code 18.72}) code
 * @param subject  a candidate id, an election id or a party id
 * @param text     words that must all occur in the post, the name, the NIP, the agency or the case id
 */
public record CaseQuery(String region, String agency, Severity minSeverity, CaseFile.Status status, String subject, LocalDate from,
                        LocalDate to, String text) {
    private static final ZoneOffset WIB = ZoneOffset.ofHours(7);

    /** @throws IllegalArgumentException naming the parameter that is wrong */
    public static CaseQuery of(Function<String, String> param) {
        String region = blankToNull(param.apply("region"));
        if (region != null && !Regions.bundled().isKnown(region)) {
            throw new IllegalArgumentException("region '" + region + "' is not a Kemendagri province or regency code");
        }
        return new CaseQuery(region, blankToNull(param.apply("agency")), parse("severity", param.apply("severity"), s -> Severity.valueOf(s.toUpperCase(Locale.ROOT))),
                parse("status", param.apply("status"), s -> CaseFile.Status.valueOf(s.toUpperCase(Locale.ROOT))),
                blankToNull(param.apply("subject")), parse("from", param.apply("from"), LocalDate::parse), parse("to", param.apply("to"), LocalDate::parse),
                blankToNull(param.apply("q")));
    }

    public boolean matches(CaseView c) {
        if (region != null && !(c.regionCode().equals(region) || (!region.contains(".") && c.province().equals(region)))) {
            return false;
        }
        if (agency != null && (c.agency() == null || !c.agency().toLowerCase(Locale.ROOT).contains(agency.toLowerCase(Locale.ROOT)))) {
            return false;
        }
        if (minSeverity != null && !c.severity().atLeast(minSeverity)) {
            return false;
        }
        if (status != null && c.status() != status) {
            return false;
        }
        if (subject != null && !c.candidates().contains(subject) && !c.parties().contains(subject)
                && c.candidates().stream().noneMatch(id -> id.startsWith(subject + "/"))) {
            return false;
        }
        LocalDate day = c.publishedAt().withOffsetSameInstant(WIB).toLocalDate();
        if ((from != null && day.isBefore(from)) || (to != null && day.isAfter(to))) {
            return false;
        }
        if (text != null) {
            String hay = String.join("\n", c.id(), c.text(), c.name(), c.nip(), String.valueOf(c.agency())).toLowerCase(Locale.ROOT);
            for (String word : text.toLowerCase(Locale.ROOT).split("\\s+")) {
                if (!hay.contains(word)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The matching cases, most recently changed first. */
    public List<CaseView> apply(List<CaseView> all) {
        return all.stream().filter(this::matches).sorted(Comparator.comparing(CaseView::updatedAt).reversed().thenComparing(CaseView::id)).toList();
    }

    /** How many of {@code cases} fall in each status, severity, province and candidate: the counts beside the filters. */
    public static Map<String, Map<String, Long>> counts(List<CaseView> cases) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        out.put("status", cases.stream().collect(Collectors.groupingBy(c -> c.status().name(), TreeMap::new, Collectors.counting())));
        out.put("severity", cases.stream().collect(Collectors.groupingBy(c -> c.severity().name(), TreeMap::new, Collectors.counting())));
        out.put("province", cases.stream().collect(Collectors.groupingBy(CaseView::province, TreeMap::new, Collectors.counting())));
        out.put("candidate", cases.stream().flatMap(c -> c.candidates().stream())
                .collect(Collectors.groupingBy(x -> x, TreeMap::new, Collectors.counting())));
        return out;
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
            throw new IllegalArgumentException(name + " '" + v + "' is not valid");
        }
    }
}
