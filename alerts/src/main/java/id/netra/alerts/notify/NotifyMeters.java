package id.netra.alerts.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.function.IntSupplier;

/** The notification outbox's meters (see {@link Notifier#bindMetrics}). */
final class NotifyMeters {
    private final MeterRegistry registry;
    private final Counter delivered;
    private final Counter planningFailures;

    NotifyMeters(MeterRegistry registry, IntSupplier undelivered, IntSupplier planningRetries) {
        this.registry = registry;
        Gauge.builder("netra.notifications.pending", undelivered::getAsInt)
                .description("Notifications planned and not delivered yet (waiting, being sent, or waiting for a retry)").register(registry);
        Gauge.builder("netra.notification.planning.retries", planningRetries::getAsInt)
                .description("Case events whose notification planning failed and is being retried").register(registry);
        delivered = Counter.builder("netra.notifications.delivered").description("Notifications delivered").register(registry);
        planningFailures = Counter.builder("netra.notification.planning.failures")
                .description("Failed attempts to plan the notifications of a case event (each is retried)").register(registry);
        for (String channel : java.util.List.of("email", "webhook")) {
            attemptsFailed(channel);
        }
    }

    static NotifyMeters none() {
        return new NotifyMeters(new SimpleMeterRegistry(), () -> 0, () -> 0);
    }

    private Counter attemptsFailed(String channel) {
        return Counter.builder("netra.notification.attempts.failed").description("Delivery attempts that failed (each is retried with back-off)")
                .tag("channel", channel).register(registry);
    }

    void attemptFailed(String channel) {
        attemptsFailed(channel).increment();
    }

    void delivered(int n) {
        delivered.increment(n);
    }

    void planningFailed() {
        planningFailures.increment();
    }
}
