package id.netra.ingest.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} header (RFC 9110 §10.2.3): delta-seconds or an HTTP-date (IMF-fixdate or asctime).
 * The obsolete RFC 850 form is not read: its two-digit year would need guessing, and an unreadable value only
 * means the fetcher falls back to its own back-off.
 */
final class RetryAfter {
    /** Longer waits are read as this; the fetch gives up long before, and it keeps {@link Instant} arithmetic safe. */
    static final Duration LONGEST = Duration.ofDays(365);

    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC)); // asctime

    private RetryAfter() {
    }

    /**
     * @param value the header value, or {@code null}
     * @param now   the present, for HTTP-dates
     * @return how long to wait (zero for a date in the past), or empty when there is no readable value
     */
    static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // More digits than a long holds is still just "a very long time".
            long seconds = v.length() > 12 ? LONGEST.toSeconds() : Long.parseLong(v);
            return Optional.of(min(Duration.ofSeconds(seconds)));
        }
        for (DateTimeFormatter f : DATES) {
            try {
                Instant at = ZonedDateTime.parse(v, f).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : min(wait));
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return Optional.empty();
    }

    private static Duration min(Duration d) {
        return d.compareTo(LONGEST) > 0 ? LONGEST : d;
    }
}
