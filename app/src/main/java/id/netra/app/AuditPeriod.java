package id.netra.app;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The period of an audit export, {@code [from, to)} on the time line. Bounds are ISO times with an offset
 * ({@code 2024-11-01T08:00:00+07:00}, {@code 2024-11-01T01:00:00Z}), local times ({@code 2024-11-01T08:00}, read in WIB)
 * or dates, read as whole days in WIB (Asia/Jakarta, where Bawaslu's analysts work): {@code --from 2024-11-01} starts at
 * its midnight, {@code --to 2024-11-30} ends at the midnight after it, so the day itself is included, as in the
 * cases' date filter.
 */
record AuditPeriod(Instant from, Instant to) {
    /** Western Indonesia Time, the zone of dates and local times given without an offset. */
    static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

    AuditPeriod {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from (" + from + ") must be before --to (" + to + ")");
        }
    }

    static AuditPeriod parse(String from, String to) {
        return new AuditPeriod(bound("--from", from, false), bound("--to", to, true));
    }

    boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    private static Instant bound(String option, String text, boolean end) {
        String s = text.strip();
        try {
            if (!s.contains("T")) {
                LocalDate day = LocalDate.parse(s);
                return (end ? day.plusDays(1) : day).atStartOfDay(WIB).toInstant();
            }
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeException withoutOffset) {
                return LocalDateTime.parse(s).atZone(WIB).toInstant();
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a date or time: give a date (2024-11-01, a whole"
                    + " day in WIB) or an ISO time (2024-11-01T08:00:00+07:00, 2024-11-01T01:00:00Z; without an offset it is WIB)");
        }
    }
}
