package id.netra.alerts.notify;

import static id.netra.alerts.notify.NotifyFixtures.RUDI;
import static id.netra.alerts.notify.NotifyFixtures.SARI;
import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.Notification;
import id.netra.model.Severity;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final Instant NOW = Instant.parse("2024-11-01T04:00:00Z");
    private static final URI BASE = URI.create("https://netra.example/");
    private static final Alert HIGH = NotifyFixtures.alert("1", RUDI, Severity.HIGH, "Ayo coblos nomor 3!");
    private static final Alert MEDIUM = NotifyFixtures.alert("2", SARI, Severity.MEDIUM, "Dukung nomor 3");

    private static List<Notification> plan(RoutingConfig routing, AlertEvent e, Alert a) {
        return new Planner(routing, BASE).plan(e, NotifyFixtures.caseOf("NTR-2024-000001", a), List.of(a), NOW, (c, r) -> Optional.empty());
    }

    @Test
    void tellsTheSupervisorWhenAnAnalystConfirmsACase() {
        AlertEvent confirmed = NotifyFixtures.event("e1", "NTR-2024-000001", AlertEvent.Type.CONFIRMED, null, NOW);

        List<Notification> ns = plan(RoutingConfig.defaults(Map.of(), false), confirmed, MEDIUM);

        assertThat(ns).singleElement().satisfies(n -> {
            assertThat(n.recipient()).isEqualTo(new Notification.Recipient(Notification.Channel.EMAIL, "wati@example.go.id"));
            assertThat(n.id()).isEqualTo(Notification.idFor("NTR-2024-000001", "e1", n.recipient()));
            assertThat(n.trigger()).isEqualTo("confirmed");
            assertThat(n.subject()).isEqualTo("[Netra] Kasus NTR-2024-000001 dikonfirmasi: Sari Wulandari (SEDANG)");
            assertThat(n.text()).contains("https://netra.example/kasus/NTR-2024-000001").contains("NIP 19900202********02")
                    .contains("Kampanye di media sosial").contains("Kota Metro (18.72)");
            assertThat(n.facts()).containsEntry("candidates", "metro-03").containsEntry("confirmedBy", "ani");
        });
    }

    @Test
    void planningTheSameEventAgainGivesTheSameIds() {
        AlertEvent confirmed = NotifyFixtures.event("e1", "NTR-2024-000001", AlertEvent.Type.CONFIRMED, null, NOW);
        RoutingConfig routing = RoutingConfig.defaults(Map.of("18", "lampung@bawaslu.example"), true);

        assertThat(plan(routing, confirmed, HIGH)).extracting(Notification::id)
                .isEqualTo(plan(routing, confirmed, HIGH).stream().map(Notification::id).toList());
    }

    @Test
    void sendsNewHighAlertsToTheRegionOfficeAndToTheSupervisorOnlyWhenTheOptionIsOn() {
        AlertEvent opened = NotifyFixtures.event("e2", "NTR-2024-000001", AlertEvent.Type.OPENED, HIGH.id(), NOW);

        assertThat(plan(RoutingConfig.defaults(Map.of("18", "lampung@bawaslu.example"), false), opened, HIGH))
                .extracting(n -> n.recipient().address()).containsExactly("lampung@bawaslu.example");
        assertThat(plan(RoutingConfig.defaults(Map.of("18", "lampung@bawaslu.example"), true), opened, HIGH))
                .extracting(n -> n.recipient().address()).containsExactly("lampung@bawaslu.example", "sutomo@example.go.id");
        assertThat(plan(RoutingConfig.defaults(Map.of(), false), opened, HIGH)).isEmpty();
    }

    @Test
    void tellsNobodyOfMediumAlertsCommentsOrAssignments() {
        RoutingConfig routing = RoutingConfig.defaults(Map.of("18", "lampung@bawaslu.example"), true);

        assertThat(plan(routing, NotifyFixtures.event("e3", "NTR-2024-000001", AlertEvent.Type.OPENED, MEDIUM.id(), NOW), MEDIUM)).isEmpty();
        assertThat(plan(routing, new AlertEvent("e4", "NTR-2024-000001", AlertEvent.Type.COMMENTED, "ani", NOW, null, null, "cek"), HIGH)).isEmpty();
    }

    @Test
    void doesNotRepeatACaseToARecipientWithinTheRepeatInterval() {
        RoutingConfig routing = RoutingConfig.defaults(Map.of("18", "lampung@bawaslu.example"), false);
        Planner planner = new Planner(routing, BASE);
        AlertEvent added = NotifyFixtures.event("e5", "NTR-2024-000001", AlertEvent.Type.ALERT_ADDED, HIGH.id(), NOW);

        List<Notification> soon = planner.plan(added, NotifyFixtures.caseOf("NTR-2024-000001", HIGH), List.of(HIGH), NOW,
                (c, r) -> Optional.of(NOW.minus(Duration.ofMinutes(9))));
        List<Notification> later = planner.plan(added, NotifyFixtures.caseOf("NTR-2024-000001", HIGH), List.of(HIGH), NOW,
                (c, r) -> Optional.of(NOW.minus(Duration.ofMinutes(10))));

        assertThat(soon).isEmpty();
        assertThat(later).hasSize(1);
    }

    @Test
    void skipsASupervisorWithoutAUsableAddress() {
        Alert a = NotifyFixtures.alert("9", NotifyFixtures.asn("198501012010011009", "Tanpa Atasan", "18.72", "bukan alamat"), Severity.HIGH, "x");
        AlertEvent confirmed = NotifyFixtures.event("e6", "NTR-2024-000001", AlertEvent.Type.CONFIRMED, null, NOW);

        assertThat(plan(RoutingConfig.defaults(Map.of(), false), confirmed, a)).isEmpty();
    }
}
