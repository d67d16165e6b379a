package id.netra.ingest.parse;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publication times as pages and feeds write them, kept with their offset: ISO-8601 ({@code 2024-11-12T19:05:00+07:00}),
 * RFC 822/1123 of RSS ({@code Tue, 12 Nov 2024 19:05:00 +0700}), and Indonesian forms such as
 * {@code 12 November 2024 19:05 WIB} or {@code Selasa, 12 Nov 2024 | 19.05 WITA} (WIB +07:00, WITA +08:00, WIT +09:00).
 * A time without any zone is not guessed.
 */
public final class Dates {
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("januari", 1), Map.entry("feb", 2), Map.entry("februari", 2), Map.entry("mar", 3),
            Map.entry("maret", 3), Map.entry("apr", 4), Map.entry("april", 4), Map.entry("mei", 5), Map.entry("may", 5),
            Map.entry("jun", 6), Map.entry("juni", 6), Map.entry("jul", 7), Map.entry("juli", 7), Map.entry("agu", 8),
            Map.entry("agt", 8), Map.entry("agus", 8), Map.entry("agustus", 8), Map.entry("aug", 8), Map.entry("sep", 9),
            Map.entry("sept", 9), Map.entry("september", 9), Map.entry("okt", 10), Map.entry("oktober", 10), Map.entry("oct", 10),
            Map.entry("nov", 11), Map.entry("nopember", 11), Map.entry("november", 11), Map.entry("des", 12), Map.entry("desember", 12),
            Map.entry("dec", 12));
    private static final Map<String, ZoneOffset> ZONES = Map.of("wib", ZoneOffset.ofHours(7), "wita", ZoneOffset.ofHours(8),
            "wit", ZoneOffset.ofHours(9));
    private static final Pattern INDONESIAN = Pattern.compile(
            "(?i)(?:[a-z]+,\\s*)?(\\d{1,2})[\\s/-]+([a-z]+|\\d{1,2})[\\s/-]+(\\d{4})\\s*[|,]?\\s*(?:pukul\\s*)?(\\d{1,2})[.:](\\d{2})(?:[.:](\\d{2}))?\\s*(wib|wita|wit)\\b");

    private Dates() {
    }

    /** The time, or {@code null} when {@code text} is none of the known forms. */
    public static OffsetDateTime parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t);
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME);
        } catch (DateTimeParseException ignored) {
            // next form
        }
        Matcher m = INDONESIAN.matcher(t);
        if (m.find()) {
            String month = m.group(2).toLowerCase(Locale.ROOT);
            Integer mm = month.chars().allMatch(Character::isDigit) ? Integer.valueOf(month) : MONTHS.get(month);
            if (mm == null || mm < 1 || mm > 12) {
                return null;
            }
            try {
                LocalDate date = LocalDate.of(Integer.parseInt(m.group(3)), mm, Integer.parseInt(m.group(1)));
                LocalTime time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
                return OffsetDateTime.of(LocalDateTime.of(date, time), ZONES.get(m.group(7).toLowerCase(Locale.ROOT)));
            } catch (java.time.DateTimeException e) {
                return null;
            }
        }
        return null;
    }
}
