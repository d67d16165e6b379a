package id.netra.ingest.http;

import java.time.Duration;

/** Exponential back-off with jitter, so that several sources backing off from one host do not return in step. */
final class Backoff {

    private Backoff() {
    }

    /**
     * @param failures consecutive failures so far (1 for the first)
     * @param jitter   a number in [0, 1); 0.5 gives the plain doubling
     * @return {@code base * 2^(failures-1)} scaled by 0.5..1.5, at most {@code max}
     */
    static Duration delay(Duration base, Duration max, int failures, double jitter) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        double millis = base.toMillis() * (double) (1L << doublings) * (0.5 + jitter);
        return millis >= max.toMillis() ? max : Duration.ofMillis(Math.round(millis));
    }
}
