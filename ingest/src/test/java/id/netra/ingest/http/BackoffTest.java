package id.netra.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration BASE = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(1);

    @Test
    void doublesPerConsecutiveFailureWithoutJitterAtTheMiddle() {
        assertThat(Backoff.delay(BASE, MAX, 1, 0.5)).isEqualTo(Duration.ofMillis(100));
        assertThat(Backoff.delay(BASE, MAX, 2, 0.5)).isEqualTo(Duration.ofMillis(200));
        assertThat(Backoff.delay(BASE, MAX, 3, 0.5)).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void jittersByHalfEitherWay() {
        assertThat(Backoff.delay(BASE, MAX, 2, 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(Backoff.delay(BASE, MAX, 2, 0.999)).isBetween(Duration.ofMillis(299), Duration.ofMillis(300));
    }

    @Test
    void neverExceedsTheMaximum() {
        assertThat(Backoff.delay(BASE, MAX, 5, 0.5)).isEqualTo(MAX);
        assertThat(Backoff.delay(BASE, MAX, 1_000, 0.999)).isEqualTo(MAX);
    }
}
