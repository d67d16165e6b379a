package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.alerts.auth.AuthConfig;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Account;
import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.AsnRecord;
import id.netra.model.Json;
import id.netra.model.JsonSerde;
import id.netra.model.Severity;
import id.netra.model.Topics;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart goes on from the positions in the state file: it reads only what was written to the topics since, and
 * serves the same cases; without the file it reads the topics again from the beginning.
 */
class StateRestartIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private String alerts;
    private String events;
    private String audit;

    private void topics() {
        alerts = KAFKA.uniqueName("alerts");
        KAFKA.createTopic(alerts, 2, Map.of());
        events = KAFKA.uniqueName("alert-events");
        KAFKA.createTopic(events, 1, Map.of());
        audit = KAFKA.uniqueName("audit-log");
        KAFKA.createTopic(audit, 1, Map.of());
    }

    private AlertsService start(Path stateDir) throws Exception {
        return start(stateDir, null);
    }

    private AlertsService start(Path stateDir, Path snapshots) throws Exception {
        AlertsService s = new AlertsService(new AlertsConfig("127.0.0.1", 0, Topics.ALERTS.withName(alerts), Topics.ALERT_EVENTS.withName(events),
                Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                AuthConfig.defaults().withUsersFile(TestUsers.write(dir)).withAuditTopic(Topics.AUDIT_LOG.withName(audit))).withStateDir(stateDir)
                .withSnapshots(snapshots == null ? null : new AlertsConfig.Snapshots(snapshots, Duration.ofHours(1))));
        s.start();
        return s;
    }

    private void produce(int from, int to) {
        JsonSerde<Alert> serde = new JsonSerde<>(Alert.class);
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, KAFKA.uniqueName("tx")), new StringSerializer(), new ByteArraySerializer())) {
            p.initTransactions();
            p.beginTransaction();
            for (int i = from; i < to; i++) {
                Alert a = alert(i);
                p.send(new ProducerRecord<>(alerts, a.id(), serde.serialize(alerts, a)));
            }
            p.commitTransaction();
        }
    }

    private static Alert alert(int i) {
        AsnRecord asn = new AsnRecord(String.format("1985010120100110%02d", i), "ASN " + i, "Pemerintah Kota Metro", "Dinas Pendidikan", "Guru",
                i % 2 == 0 ? "18.72" : "14.71", "Atasan", "atasan@example.go.id", List.of(Account.parse("x:asn" + i)));
        return TestAlerts.alert("r" + i, "2024-11-02T10:00:00+07:00", i % 3 == 0 ? Severity.HIGH : Severity.MEDIUM, "Ayo coblos nomor 3, pesan " + i,
                URI.create("https://x.com/asn" + i + "/status/r" + i), asn, List.of());
    }

    /** Waits until {@code s} has read every alert committed before its start and lists {@code n} cases. */
    private static void awaitCaughtUp(AlertsService s, long n) {
        await().atMost(WAIT).until(() -> s.caughtUp() && cases(s) == n);
    }

    /** How many cases a national analyst sees. */
    private static long cases(AlertsService s) {
        return s.search().count(CaseQuery.all(), id.netra.alerts.auth.Jurisdiction.NATIONAL, null);
    }

    /** Case id to status, as the national analyst's API lists them. */
    private static Map<String, String> listed(AlertsService s) throws Exception {
        JsonNode body = Json.mapper().readTree(new WebClient(s).as("nasional").get("/api/cases?limit=1000").body());
        Map<String, String> out = new TreeMap<>();
        body.path("cases").forEach(c -> out.put(c.path("id").asText(), c.path("status").asText()));
        return out;
    }

    @Test
    void resumesFromTheStoredPositionsAndServesTheSameCases() throws Exception {
        topics();
        Path state = dir.resolve("state");
        produce(0, 30);
        Map<String, String> before;
        String assigned;
        try (AlertsService first = start(state)) {
            await().atMost(WAIT).until(() -> cases(first) == 30);
            assigned = first.cases().book().caseOf(alert(4).id()).orElseThrow().id();
            first.cases().act(assigned, AlertEvent.Type.ASSIGNED, "nasional", "ani", null);
            // Every case event, the assignment included, read back from the topic: the file's positions are at its end.
            await().atMost(WAIT).until(() -> first.cases().eventsRead() == 31);
            before = listed(first);
        }
        assertThat(before).hasSize(30).containsEntry(assigned, "ASSIGNED");

        produce(30, 32);
        try (AlertsService second = start(state)) {
            assertThat(second.state().rebuilt()).isFalse();
            awaitCaughtUp(second, 32);
            await().atMost(WAIT).until(() -> second.cases().eventsRead() == 2);

            assertThat(second.alertRecordsRead()).as("alert records read after the restart").isEqualTo(2);
            Map<String, String> after = listed(second);
            assertThat(after).hasSize(32).containsAllEntriesOf(before);
            assertThat(second.feed().size()).isEqualTo(32);
        }
    }

    @Test
    void startsANewInstanceFromTheSnapshotOfAStateBuiltFromTheTopics() throws Exception {
        topics();
        Path snapshots = dir.resolve("snapshots");
        produce(0, 20);
        Map<String, String> before;
        try (AlertsService first = start(dir.resolve("state-a"), snapshots)) {
            assertThat(first.state().rebuilt()).isTrue();
            awaitCaughtUp(first, 20);
            // Built from the beginning: copied at once for the next instance.
            await().atMost(WAIT).until(() -> Files.exists(snapshots.resolve(StateStore.SNAPSHOT_NAME)));
            await().atMost(WAIT).until(() -> first.cases().eventsRead() == 20);
            before = listed(first);
        }

        produce(20, 22);
        // Another machine, with a state directory of its own that is empty.
        try (AlertsService second = start(dir.resolve("state-b"), snapshots)) {
            assertThat(second.state().rebuilt()).isFalse();
            awaitCaughtUp(second, 22);
            assertThat(second.alertRecordsRead()).as("alert records read after the snapshot's positions").isEqualTo(2);
            assertThat(listed(second)).hasSize(22).containsAllEntriesOf(before);
            assertThat(second.feed().size()).isEqualTo(22);
        }
    }

    @Test
    void rebuildsFromTheBeginningWhenTheStateFileIsGone() throws Exception {
        topics();
        Path state = dir.resolve("state");
        produce(0, 5);
        Map<String, String> before;
        try (AlertsService first = start(state)) {
            await().atMost(WAIT).until(() -> cases(first) == 5);
            await().atMost(WAIT).until(() -> first.cases().eventsRead() == 5);
            before = listed(first);
        }
        try (var files = Files.list(state)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }

        try (AlertsService second = start(state)) {
            assertThat(second.state().rebuilt()).isTrue();
            awaitCaughtUp(second, 5);

            assertThat(second.alertRecordsRead()).isEqualTo(5);
            assertThat(second.cases().eventsRead()).as("every case event read again, none written again").isEqualTo(5);
            assertThat(listed(second)).isEqualTo(before);
        }
    }

    @Test
    void dropsACasePlacedAndNeverWrittenBeforeTheLastStop() throws Exception {
        topics();
        Path state = dir.resolve("state");
        produce(0, 3);
        try (AlertsService first = start(state)) {
            await().atMost(WAIT).until(() -> cases(first) == 3);
            await().atMost(WAIT).until(() -> first.cases().eventsRead() == 3);
        }
        // As if the leader had placed an alert and died before its transaction committed.
        try (StateStore store = StateStore.open(state, Map.of("alerts-topic", alerts, "events-topic", events))) {
            new CaseBook(store).applyPlaced(CaseBook.event("NTR-2024-000999", AlertEvent.Type.OPENED, "system", java.time.Instant.now(),
                    alert(7).id(), null, null));
        }

        try (AlertsService second = start(state)) {
            await().atMost(WAIT).until(second::caughtUp);

            assertThat(second.cases().get("NTR-2024-000999")).isEmpty();
            assertThat(second.cases().book().placed()).isFalse();
            assertThat(listed(second)).hasSize(3);
        }
    }

    @Test
    void keepsTheStateOfEachInstanceInItsOwnDirectory() throws Exception {
        topics();
        produce(0, 3);
        List<Path> files = new ArrayList<>();
        try (AlertsService a = start(dir.resolve("a")); AlertsService b = start(dir.resolve("b"))) {
            await().atMost(WAIT).until(() -> a.feed().size() == 3 && b.feed().size() == 3);
            files.add(a.state().file());
            files.add(b.state().file());
        }
        assertThat(files).doesNotHaveDuplicates().allMatch(Files::exists);
    }
}
