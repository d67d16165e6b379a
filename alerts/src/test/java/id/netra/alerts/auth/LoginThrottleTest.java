package id.netra.alerts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), clock);

    private void fail(int times, String name, String address) {
        for (int i = 0; i < times; i++) {
            throttle.failed(name, address);
            clock.advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void refusesANameAfterFiveFailuresUntilTheFirstLeavesTheWindow() {
        fail(4, "ana", "10.0.0.1");
        assertThat(throttle.retryAfter("ana", "10.0.0.9")).isEmpty();

        fail(1, "ana", "10.0.0.2");

        assertThat(throttle.retryAfter("ana", "10.0.0.9")).contains(Duration.ofMinutes(10));
        assertThat(throttle.retryAfter("ANA", "10.0.0.9")).isPresent();
        assertThat(throttle.retryAfter("budi", "10.0.0.9")).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.retryAfter("ana", "10.0.0.9")).isEmpty();
    }

    @Test
    void refusesAnAddressThatTriesManyNames() {
        for (String name : new String[] {"a", "b", "c", "d", "e"}) {
            fail(1, name, "10.0.0.1");
        }

        assertThat(throttle.retryAfter("f", "10.0.0.1")).isPresent();
        assertThat(throttle.retryAfter("f", "10.0.0.2")).isEmpty();
    }

    @Test
    void aSuccessClearsTheNamesFailuresButNotTheAddresss() {
        fail(4, "ana", "10.0.0.1");
        throttle.succeeded("ana");
        fail(1, "ana", "10.0.0.2");

        assertThat(throttle.retryAfter("ana", "10.0.0.3")).isEmpty();
        assertThat(throttle.retryAfter("budi", "10.0.0.1")).isEmpty();
        fail(1, "budi", "10.0.0.1");
        assertThat(throttle.retryAfter("citra", "10.0.0.1")).isPresent();
    }
}
