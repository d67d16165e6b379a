package id.netra.alerts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), clock);

    private void fail(int times, String name, String address) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.begin(name, address).admitted()).isTrue();
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
        throttle.succeeded(throttle.begin("ana", "10.0.0.1").attempt().orElseThrow());
        fail(1, "ana", "10.0.0.2");

        assertThat(throttle.retryAfter("ana", "10.0.0.3")).isEmpty();
        assertThat(throttle.retryAfter("budi", "10.0.0.1")).isEmpty();
        fail(1, "budi", "10.0.0.1");
        assertThat(throttle.retryAfter("citra", "10.0.0.1")).isPresent();
    }

    @Test
    void countsParallelAttemptsBeforeAnyPasswordIsCheckedSoOnlyTheLimitGetsThrough() throws Exception {
        int threads = 32;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return throttle.begin("ana", "10.0.0.1").admitted();
            }));
        }

        go.countDown();
        long admitted = 0;
        for (var r : results) {
            admitted += r.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(admitted).isEqualTo(5);
        assertThat(throttle.retryAfter("ana", "10.0.0.2")).isPresent();
    }

    @Test
    void anAbandonedAttemptDoesNotCount() {
        fail(4, "ana", "10.0.0.1");

        throttle.abandon(throttle.begin("ana", "10.0.0.1").attempt().orElseThrow());

        assertThat(throttle.retryAfter("ana", "10.0.0.1")).isEmpty();
    }
}
