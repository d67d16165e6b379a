package id.netra.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.alerts.AlertsConfig;
import id.netra.alerts.AlertsService;
import id.netra.embedded.EmbeddedKafka;
import id.netra.model.TopicReader;
import id.netra.model.Topics;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case history {@code netra bench --only alerts-app} writes is the one the alerts service would have written: an
 * alerts service that places the same alerts itself, on an empty case log, forms the same cases. Seen on the topics
 * only, as the bench sees the service.
 */
class CaseHistoryIT {
    @TempDir
    Path dir;

    @Test
    void theAlertsServicesOwnGroupingFormsTheBenchsCases() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), port);
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            // Given the bench's 3,000 alerts in 900 cases, and an empty case log beside its own
            Topics.createMissing(admin);
            admin.createTopics(List.of(new NewTopic("regrouped-events", 1, (short) 1))).all().get();
            CaseHistory history = new CaseHistory(NationalData.watchlist(7), 3000, 900, 7, List.of("analis"));
            history.publish(Map.of("bootstrap.servers", kafka.bootstrapServers()));
            AlertsConfig config = new AlertsConfig("127.0.0.1", 0, Topics.ALERTS, Topics.ALERT_EVENTS.withName("regrouped-events"),
                    Map.of("bootstrap.servers", kafka.bootstrapServers()));

            // When an alerts service leads on that log: it places every alert itself
            Map<String, String> caseOfAlert = new java.util.concurrent.ConcurrentHashMap<>();
            try (AlertsService service = new AlertsService(config)) {
                service.start();
                long placeable = 3000 - history.lows();
                await().atMost(Duration.ofMinutes(2)).until(() -> {
                    caseOfAlert.clear();
                    TopicReader.readToEnd(Map.of("bootstrap.servers", kafka.bootstrapServers()), config.eventsTopic(), (key, e) -> {
                        if (e.alertId() != null) {
                            caseOfAlert.put(e.alertId(), e.caseId());
                        }
                    });
                    return caseOfAlert.size() == placeable;
                });
            }

            // Then it opens as many cases as the bench, each of one person about one candidate
            Map<String, Set<String>> subjects = new HashMap<>();
            TopicReader.readToEnd(Map.of("bootstrap.servers", kafka.bootstrapServers()), Topics.ALERTS, (key, a) -> {
                String caseId = caseOfAlert.get(a.id());
                if (caseId != null) {
                    subjects.computeIfAbsent(caseId, k -> new HashSet<>()).add(a.nip() + "|" + a.candidates().getFirst().candidateId());
                }
            });
            assertThat(subjects).hasSize(history.cases());
            assertThat(subjects.values()).allSatisfy(s -> assertThat(s).hasSize(1));
        }
    }
}
