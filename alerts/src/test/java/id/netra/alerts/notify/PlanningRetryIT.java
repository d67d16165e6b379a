package id.netra.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.alerts.CaseFile;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.Notification;
import id.netra.model.Severity;
import id.netra.model.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A case event whose notification planning fails is planned again until it succeeds, never dropped. */
class PlanningRetryIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void aFailedPlanningIsRetriedAndItsNotificationDeliveredOnce() {
        String notifications = KAFKA.uniqueName("notifications");
        String silences = KAFKA.uniqueName("silences");
        KAFKA.createTopic(notifications, 1, Map.of());
        KAFKA.createTopic(silences, 1, Map.of());
        Alert alert = NotifyFixtures.alert("1", NotifyFixtures.SARI, Severity.MEDIUM, "Dukung nomor 3");
        CaseFile c = NotifyFixtures.caseOf("NTR-2024-000001", alert);
        AtomicInteger lookups = new AtomicInteger();
        // The case lookup fails twice (as a store or a route with a bug would), then works.
        java.util.function.Function<String, Optional<CaseFile>> cases = id -> {
            if (lookups.incrementAndGet() <= 2) {
                throw new IllegalStateException("simulated failure " + lookups.get() + " while planning");
            }
            return Optional.of(c);
        };
        List<Digest> sent = new CopyOnWriteArrayList<>();
        NotifyConfig config = new NotifyConfig(RoutingFile.parse("""
                routes:
                  - event: confirmed
                    receivers: [supervisor]
                    groupWait: 0s
                """, "routing-it.yml", Map.of()),
                new NotifyConfig.Smtp("127.0.0.1", 25, "netra@netra.test", null, null, false), URI.create("http://netra.test"),
                Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofHours(1), Topics.NOTIFICATIONS.withName(notifications),
                Topics.SILENCES.withName(silences));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Notifier notifier = new Notifier(config, Map.of("bootstrap.servers", KAFKA.bootstrapServers()), cases,
                id -> id.equals(alert.id()) ? Optional.of(alert) : Optional.empty(), Clock.systemUTC(),
                Map.of(Notification.Channel.EMAIL, sent::add))) {
            notifier.bindMetrics(registry);
            notifier.start();

            notifier.onCaseEvent(NotifyFixtures.event("e1", c.id(), AlertEvent.Type.CONFIRMED, null, java.time.Instant.now()));

            await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 1);
            assertThat(sent.getFirst().recipient().key()).contains("wati@example.go.id");
            assertThat(lookups).hasValue(3);
            assertThat(notifier.planningRetries()).isZero();
            assertThat(registry.get("netra.notification.planning.failures").counter().count()).isEqualTo(2.0);
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("netra.notifications.pending").gauge().value() == 0.0);
            assertThat(registry.get("netra.notifications.delivered").counter().count()).isEqualTo(1.0);
        }
    }
}
