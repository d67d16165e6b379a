package id.netra.alerts;

import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Stopping a thread that owns a consumer and polls it in a loop (the loop closes the consumer as it ends): wake the
 * consumer so a blocked poll returns, then wait a bounded time for the thread. A thread that never ran, or has ended,
 * cannot close it any more, so the consumer is closed here. The caller clears its running flag first.
 */
public final class ConsumerThreads {
    private ConsumerThreads() {
    }

    public static void stop(Thread thread, Consumer<?, ?> consumer, Duration wait) {
        if (!thread.isAlive()) {
            consumer.close();
            return;
        }
        consumer.wakeup();
        try {
            thread.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
