package id.netra.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Notification;
import id.netra.model.Notification.Recipient;
import id.netra.model.NotificationEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboxTest {
    private static final Instant T0 = Instant.parse("2024-11-01T04:00:00Z");
    private static final Recipient OFFICE = new Recipient(Notification.Channel.EMAIL, "lampung@bawaslu.example");
    private static final Recipient BOSS = new Recipient(Notification.Channel.EMAIL, "sutomo@example.go.id");

    private final Outbox outbox = new Outbox();
    private final List<NotificationEvent> log = new ArrayList<>();

    private static Notification n(String caseId, Recipient to, Instant at, Duration groupWait) {
        return new Notification(Notification.idFor(caseId, "e-" + caseId, to), caseId, "e-" + caseId, "new-high-alert", "r", to, "s " + caseId,
                "t", Map.of(), at, groupWait, Duration.ZERO);
    }

    private void apply(NotificationEvent e) {
        log.add(e);
        outbox.apply(e);
    }

    private void sending(Digest d, Instant at) {
        d.members().forEach(m -> apply(NotificationEvent.sending(m.id(), at, d.id(), d.attempt())));
    }

    @Test
    void waitsTheGroupWaitThenSendsOneDigestPerRecipient() {
        Notification a = n("NTR-1", OFFICE, T0, Duration.ofMinutes(10));
        Notification b = n("NTR-2", OFFICE, T0.plusSeconds(300), Duration.ofMinutes(10));
        Notification c = n("NTR-1", BOSS, T0, Duration.ZERO);
        List.of(a, b, c).forEach(x -> apply(NotificationEvent.planned(x, x.plannedAt())));

        assertThat(outbox.due(T0)).singleElement().satisfies(d -> assertThat(d.recipient()).isEqualTo(BOSS));
        assertThat(outbox.due(T0.plusSeconds(599))).extracting(Digest::recipient).containsExactly(BOSS);
        assertThat(outbox.nextDue()).hasValue(T0);

        List<Digest> due = outbox.due(T0.plusSeconds(600));
        assertThat(due).filteredOn(d -> d.recipient().equals(OFFICE)).singleElement().satisfies(d -> {
            assertThat(d.members()).containsExactly(a, b);
            assertThat(d.id()).startsWith("d-").isEqualTo(Digest.idOf(List.of(b, a)));
            assertThat(d.attempt()).isEqualTo(1);
        });
    }

    @Test
    void retriesAFailedDigestWithTheSameMembersAndIdAfterTheBackOff() {
        Notification a = n("NTR-1", OFFICE, T0, Duration.ZERO);
        apply(NotificationEvent.planned(a, T0));
        Digest first = outbox.due(T0).getFirst();
        sending(first, T0);
        Notification late = n("NTR-2", OFFICE, T0.plusSeconds(1), Duration.ZERO);
        apply(NotificationEvent.planned(late, T0.plusSeconds(1)));
        apply(NotificationEvent.failed(a.id(), T0.plusSeconds(2), 1, "Connection refused", T0.plusSeconds(12)));

        assertThat(outbox.due(T0.plusSeconds(5))).singleElement().satisfies(d -> assertThat(d.members()).containsExactly(late));
        assertThat(outbox.due(T0.plusSeconds(12))).anySatisfy(d -> {
            assertThat(d.id()).isEqualTo(first.id());
            assertThat(d.members()).containsExactly(a);
            assertThat(d.attempt()).isEqualTo(2);
        });
    }

    @Test
    void aRestartResendsAnInterruptedDigestAtOnceAndNothingDelivered() {
        Notification a = n("NTR-1", OFFICE, T0, Duration.ZERO);
        Notification b = n("NTR-2", BOSS, T0, Duration.ZERO);
        apply(NotificationEvent.planned(a, T0));
        apply(NotificationEvent.planned(b, T0));
        Digest da = outbox.due(T0).stream().filter(d -> d.recipient().equals(OFFICE)).findFirst().orElseThrow();
        Digest db = outbox.due(T0).stream().filter(d -> d.recipient().equals(BOSS)).findFirst().orElseThrow();
        sending(da, T0);
        sending(db, T0);
        apply(NotificationEvent.delivered(b.id(), T0, db.id(), 1));

        Outbox restarted = new Outbox();
        log.forEach(restarted::apply);

        assertThat(restarted.due(T0.plusSeconds(1))).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(da.id());
            assertThat(d.attempt()).isEqualTo(2);
        });
        assertThat(restarted.get(b.id())).hasValueSatisfying(x -> assertThat(x.state).isEqualTo(Outbox.State.DELIVERED));
        assertThat(restarted.lastPlanned("NTR-1", OFFICE)).hasValue(T0);
    }

    @Test
    void neverSendsSuppressedOrDeliveredNotifications() {
        Notification a = n("NTR-1", OFFICE, T0, Duration.ZERO);
        apply(NotificationEvent.suppressed(a, T0, "silence s-1: cuti"));

        assertThat(outbox.due(T0.plusSeconds(60))).isEmpty();
        assertThat(outbox.nextDue()).isEmpty();
        assertThat(outbox.knows(a.id())).isTrue();
    }

    @Test
    void backOffDoublesWithJitterUpToTheCap() {
        Duration initial = Duration.ofSeconds(10);
        Duration max = Duration.ofMinutes(15);

        assertThat(Notifier.retryDelay(1, initial, max, 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Notifier.retryDelay(1, initial, max, 0.999)).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
        assertThat(Notifier.retryDelay(3, initial, max, 0.0)).isEqualTo(Duration.ofSeconds(20));
        assertThat(Notifier.retryDelay(20, initial, max, 0.999)).isLessThanOrEqualTo(max).isGreaterThan(Duration.ofMinutes(14));
        assertThat(Notifier.retryDelay(200, initial, max, 0.0)).isEqualTo(Duration.ofMillis(max.toMillis() / 2));
    }
}
