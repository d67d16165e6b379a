package id.netra.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServiceRunnerTest {
    @Test
    void closesTheServiceOnceAndAnswersExitCodeOneWhenItFails() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        FatalSignal fatal = new FatalSignal();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return ServiceRunner.run("test", closes::incrementAndGet, fatal);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        fatal.raise("the consumer thread died", new IllegalStateException("boom"));
        fatal.raise("a second failure", null);

        assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(ServiceRunner.FATAL_EXIT);
        assertThat(closes).hasValue(1);
        assertThat(fatal.reason()).hasValue("the consumer thread died");
    }
}
