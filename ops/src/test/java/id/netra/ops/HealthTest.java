package id.netra.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthTest {
    @Test
    void isUpOnlyWhileEveryComponentIs() {
        AtomicBoolean consumer = new AtomicBoolean(true);
        Health health = new Health().liveness("consumer", consumer::get).liveness("http", () -> true);

        assertThat(health.live().up()).isTrue();
        consumer.set(false);

        assertThat(health.live().status()).isEqualTo(Health.Status.DOWN);
        assertThat(health.live().components()).containsEntry("consumer", Health.Status.DOWN).containsEntry("http", Health.Status.UP);
    }

    @Test
    void aCheckThatThrowsIsDown() {
        Health health = new Health().liveness("streams", () -> {
            throw new IllegalStateException("no store");
        });

        assertThat(health.live().components()).containsEntry("streams", Health.Status.DOWN);
    }

    @Test
    void readinessIncludesLivenessAndItsOwnChecks() {
        AtomicBoolean caughtUp = new AtomicBoolean(false);
        AtomicBoolean alive = new AtomicBoolean(true);
        Health health = new Health().liveness("consumer", alive::get).readiness("caught-up", caughtUp::get);

        assertThat(health.live().up()).isTrue();
        assertThat(health.ready().up()).isFalse();
        caughtUp.set(true);
        assertThat(health.ready().up()).isTrue();
        alive.set(false);
        assertThat(health.ready().components()).containsOnlyKeys("consumer", "caught-up");
        assertThat(health.ready().up()).isFalse();
    }

    @Test
    void aRemovedComponentNoLongerCounts() {
        Health health = new Health().liveness("source old", () -> false);
        health.remove("source old");

        assertThat(health.live().up()).isTrue();
    }
}
