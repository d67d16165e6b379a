package id.netra.ingest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * The YouTube Data API quota of one source's project: units spent today, counted per call at the documented cost
 * (https://developers.google.com/youtube/v3/determine_quota_cost: every list method used here costs 1 unit, failed
 * calls included), kept in the source's positions so a restart goes on counting. Quotas reset at midnight Pacific
 * time; after {@code quotaExceeded} the source waits for that reset.
 */
final class YouTubeQuota {
    /** Where YouTube's day begins and ends. */
    static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    /** The documented cost of each method this source calls. */
    static final Map<String, Integer> COST = Map.of("channels", 1, "playlistItems", 1, "commentThreads", 1, "comments", 1);

    private static final String DAY = "quota-day";
    private static final String USED = "quota-used";
    private static final String EXCEEDED = "quota-exceeded-until";

    private final Harvest out;
    private final Clock clock;
    private final int budget;
    private final LocalDate today;
    private int used;

    /** The quota as the harvest's positions have it; a new Pacific day starts from zero. */
    YouTubeQuota(Harvest out, Clock clock, int budget) {
        this.out = out;
        this.clock = clock;
        this.budget = budget;
        this.today = LocalDate.now(clock.withZone(PACIFIC));
        if (today.toString().equals(out.position(DAY))) {
            used = Integer.parseInt(out.position(USED) == null ? "0" : out.position(USED));
        } else {
            out.position(DAY, today.toString());
            out.position(USED, "0");
            out.position(EXCEEDED, null);
        }
    }

    /** When the API said the quota is used up and that has not reset yet, the reset; else {@code null}. */
    Instant exceededUntil() {
        String until = out.position(EXCEEDED);
        if (until == null) {
            return null;
        }
        Instant t = Instant.parse(until);
        return t.isAfter(clock.instant()) ? t : null;
    }

    /** Whether a call of {@code method} stays within the daily budget. */
    boolean allows(String method) {
        return used + cost(method) <= budget;
    }

    void spend(String method) {
        used += cost(method);
        out.position(USED, String.valueOf(used));
    }

    /** Records that the API refused for quota: nothing more until the next reset. */
    Instant exceeded() {
        Instant reset = nextReset();
        out.position(EXCEEDED, reset.toString());
        return reset;
    }

    /** The next midnight, Pacific time. */
    Instant nextReset() {
        return today.plusDays(1).atStartOfDay(PACIFIC).toInstant();
    }

    int used() {
        return used;
    }

    int budget() {
        return budget;
    }

    LocalDate day() {
        return today;
    }

    private static int cost(String method) {
        Integer c = COST.get(method);
        if (c == null) {
            throw new IllegalArgumentException("no documented quota cost for " + method);
        }
        return c;
    }
}
