package id.netra.ingest;

import id.netra.ingest.http.Fetched;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Mastodon's rate-limit headers ({@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset}): when the requests left
 * run low, the run stops and the next waits for the reset, so a source never runs into 429s.
 */
final class MastodonRateLimit {
    /** Requests kept in hand: another client of the same address (or a retry) may need them. */
    static final int RESERVE = 2;

    private MastodonRateLimit() {
    }

    /** Defers the harvest's source until the reset when the answer says the limit is nearly used up. */
    static void honour(Fetched f, Harvest out) {
        String remaining = f.header("x-ratelimit-remaining");
        String reset = f.header("x-ratelimit-reset");
        if (remaining == null || reset == null) {
            return;
        }
        try {
            if (Integer.parseInt(remaining.strip()) <= RESERVE) {
                Instant until = OffsetDateTime.parse(reset.strip()).toInstant();
                out.problem("rate limit nearly used up (" + remaining + " left); waiting until " + until);
                out.deferUntil(until);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            out.problem("unreadable rate-limit headers: remaining=" + remaining + ", reset=" + reset);
        }
    }
}
