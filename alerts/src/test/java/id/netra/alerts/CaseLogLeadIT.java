package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Account;
import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.AsnRecord;
import id.netra.model.Severity;
import id.netra.model.TopicReader;
import id.netra.model.Topics;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two case logs on one topic, as two alerts services: the one that leads last fences the other, which goes back to
 * following without failing; case numbers are handed out once, and a follower still records analysts' actions.
 */
class CaseLogLeadIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private final Map<String, Alert> feed = new ConcurrentHashMap<>();

    private CaseLog caseLog(String topic, String instance) {
        CaseLog log = new CaseLog(Map.of("bootstrap.servers", KAFKA.bootstrapServers()), Topics.ALERT_EVENTS.withName(topic),
                new CaseBook(id -> Optional.ofNullable(feed.get(id))), Clock.systemUTC(), instance);
        log.start();
        return log;
    }

    private Alert alert(int i) {
        AsnRecord asn = new AsnRecord(String.format("1985010120100110%02d", i), "ASN " + i, "Pemerintah Kota Lestari", "Dinas Pendidikan",
                "Guru", "99.01", "Atasan", "atasan@example.go.id", List.of(Account.parse("x:asn" + i)));
        Alert a = TestAlerts.alert("80" + i, "2024-11-01T10:00:00+07:00", Severity.MEDIUM, "Ayo coblos nomor 3, pesan " + i,
                URI.create("https://x.com/asn" + i + "/status/80" + i), asn, List.of());
        feed.put(a.id(), a);
        return a;
    }

    @Test
    void aFencedLeaderFollowsWithoutFailingAndNoCaseNumberIsHandedOutTwice() {
        String topic = KAFKA.uniqueName("alert-events");
        KAFKA.createTopic(topic, 1, Map.of());
        Alert first = alert(1);
        Alert second = alert(2);
        Alert third = alert(3);
        try (CaseLog a = caseLog(topic, "a"); CaseLog b = caseLog(topic, "b")) {
            a.lead(List::of);
            a.onAlert(first);
            a.flush();

            // b is elected while a still believes it leads: b fences a, reads the topic, and places what has no case.
            b.lead(() -> List.of(first, second));
            assertThat(b.book().caseOf(second.id())).isPresent();

            a.onAlert(third);
            a.flush();

            assertThat(a.leading()).as("a fenced leader follows").isFalse();
            assertThat(a.book().caseOf(third.id())).as("what a placed and could not write is forgotten").isEmpty();
            b.onAlert(third);
            b.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> a.book().caseOf(third.id()).isPresent());

            String caseOfFirst = a.book().caseOf(first.id()).orElseThrow().id();
            AlertEvent assigned = a.act(caseOfFirst, AlertEvent.Type.ASSIGNED, "ani", "budi", null);
            await().atMost(Duration.ofSeconds(30)).until(() -> b.book().get(caseOfFirst).orElseThrow().history().contains(assigned));
        }

        List<AlertEvent> events = new ArrayList<>();
        TopicReader.readToEnd(Map.of("bootstrap.servers", KAFKA.bootstrapServers()), Topics.ALERT_EVENTS.withName(topic), (k, e) -> events.add(e));
        Map<String, Long> opened = events.stream().filter(e -> e.type() == AlertEvent.Type.OPENED)
                .collect(Collectors.groupingBy(AlertEvent::caseId, Collectors.counting()));
        assertThat(opened).containsOnlyKeys("NTR-2024-000001", "NTR-2024-000002", "NTR-2024-000003").allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(events.stream().filter(e -> e.type() == AlertEvent.Type.OPENED).map(AlertEvent::alertId))
                .containsExactlyInAnyOrder(first.id(), second.id(), third.id());
    }
}
