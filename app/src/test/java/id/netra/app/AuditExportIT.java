package id.netra.app;

import static id.netra.app.NetraCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code netra audit export} against a real broker: the audit topics merged by time, the period cut, absent topics skipped. */
class AuditExportIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    /** The four topics of one test, under unique names. */
    private record Trail(String events, String audit, String notifications, String silences) {
        String[] options() {
            return new String[] {"-b", KAFKA.bootstrapServers(), "--topic", "alert-events=" + events, "--topic", "audit-log=" + audit,
                "--topic", "notifications=" + notifications, "--topic", "silences=" + silences};
        }
    }

    private static Trail trail(boolean withSilences) {
        Trail t = new Trail(KAFKA.uniqueName("alert-events"), KAFKA.uniqueName("audit-log"), KAFKA.uniqueName("notifications"),
                KAFKA.uniqueName("silences"));
        KAFKA.createTopic(t.events(), 1, Map.of());
        KAFKA.createTopic(t.audit(), 1, Map.of());
        KAFKA.createTopic(t.notifications(), 3, Map.of());
        if (withSilences) {
            KAFKA.createTopic(t.silences(), 1, Map.of());
        }
        return t;
    }

    private static void send(String topic, String key, String json) throws Exception {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(topic, key, json)).get();
        }
    }

    private static String event(String id, String type, String at) {
        return "{\"eventId\":\"" + id + "\",\"caseId\":\"NTR-2024-000001\",\"type\":\"" + type + "\",\"actor\":\"ana\",\"at\":\"" + at
                + "\",\"alertId\":\"a1\",\"reason\":\"cukup bukti\"}";
    }

    private static String audit(String id, String action, String at) {
        return "{\"id\":\"" + id + "\",\"at\":\"" + at + "\",\"actor\":\"ana\",\"action\":\"" + action + "\",\"caseId\":\"NTR-2024-000001\"}";
    }

    private static List<JsonNode> lines(String jsonl) {
        return jsonl.lines().map(l -> {
            try {
                return Json.mapper().readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + l, e);
            }
        }).toList();
    }

    private static List<String> ids(List<JsonNode> lines) {
        return lines.stream().map(l -> {
            JsonNode r = l.get("record");
            for (String f : List.of("eventId", "id", "notificationId", "silenceId")) {
                if (r.hasNonNull(f)) {
                    return r.get(f).asText();
                }
            }
            throw new AssertionError("no id in " + l);
        }).toList();
    }

    @Test
    void mergesEveryAuditTopicInTimeOrderAndLeavesOutWhatIsOutsideThePeriod() throws Exception {
        Trail t = trail(true);
        // Written in another order than their times, across topics, so only a merge by time gives the expected order.
        send(t.events(), "NTR-2024-000001", event("e-confirm", "confirmed", "2024-11-12T10:00:00Z"));
        send(t.events(), "NTR-2024-000001", event("e-before", "opened", "2024-10-31T16:59:59Z"));
        send(t.audit(), "ana", audit("l-login", "login", "2024-11-12T08:00:00Z"));
        send(t.audit(), "ana", audit("l-view", "case-viewed", "2024-11-12T09:30:00+07:00"));
        send(t.audit(), "ana", audit("l-after", "exported", "2024-11-30T17:00:00Z"));
        send(t.notifications(), "n1", "{\"notificationId\":\"n1\",\"type\":\"delivered\",\"at\":\"2024-11-12T11:00:00Z\",\"digestId\":\"n1\",\"attempt\":1}");
        send(t.notifications(), "n2", "{\"notificationId\":\"n2\",\"type\":\"sending\",\"at\":\"2024-11-12T02:00:00Z\",\"digestId\":\"n2\",\"attempt\":1}");
        send(t.silences(), "s1", "{\"silenceId\":\"s1\",\"type\":\"lifted\",\"actor\":\"budi\",\"at\":\"2024-11-30T16:59:00Z\",\"reason\":\"selesai\"}");

        NetraCliTest.Run r = run(concat(new String[] {"audit", "export", "--from", "2024-11-01", "--to", "2024-11-30"}, t.options()));

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<JsonNode> lines = lines(r.out());
        // 2024-11-12T09:30+07:00 is 02:30Z; the 1st of November starts at 2024-10-31T17:00Z in WIB, the 30th ends at 17:00Z.
        assertThat(ids(lines)).containsExactly("n2", "l-view", "l-login", "e-confirm", "n1", "s1");
        assertThat(lines).extracting(l -> l.get("kind").asText())
                .containsExactly("notification-event", "audit-entry", "audit-entry", "alert-event", "notification-event", "silence-event");
        JsonNode view = lines.get(1);
        assertThat(view.get("at").asText()).isEqualTo("2024-11-12T02:30:00Z");
        assertThat(view.get("topic").asText()).isEqualTo(t.audit());
        assertThat(view.get("key").asText()).isEqualTo("ana");
        assertThat(view.get("record").get("at").asText()).as("the record as stored").isEqualTo("2024-11-12T09:30:00+07:00");
        assertThat(lines.get(3).get("record").get("reason").asText()).isEqualTo("cukup bukti");
        assertThat(r.err()).contains("6 record(s)");
    }

    @Test
    void skipsATopicThatDoesNotExistAndSaysSo(@TempDir Path dir) throws Exception {
        Trail t = trail(false);
        send(t.events(), "NTR-2024-000001", event("e1", "opened", "2024-11-12T10:00:00Z"));
        send(t.audit(), "ana", audit("l1", "login", "2024-11-12T09:00:00Z"));
        Path out = dir.resolve("trail.jsonl");

        NetraCliTest.Run r = run(concat(new String[] {"audit", "export", "--from", "2024-11-12T00:00:00Z", "--to", "2024-11-13T00:00:00Z",
            "--out", out.toString()}, t.options()));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(ids(lines(Files.readString(out)))).containsExactly("l1", "e1");
        assertThat(r.err()).contains("topic " + t.silences() + " does not exist", "skipped", "absent: " + t.silences());
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left").containsExactly(out);
        }
    }

    @Test
    void namesAnUnreadableRecordAndExitsWithOne() throws Exception {
        Trail t = trail(true);
        send(t.audit(), "ana", audit("l1", "login", "2024-11-12T09:00:00Z"));
        send(t.audit(), "mallory", "{\"id\":\"x\",\"actor\":\"mallory\"}");
        send(t.events(), "NTR-2024-000001", "not json");

        NetraCliTest.Run r = run(concat(new String[] {"audit", "export", "--from", "2024-11-12", "--to", "2024-11-12"}, t.options()));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(ids(lines(r.out()))).containsExactly("l1");
        assertThat(r.err()).contains(t.audit() + "-0@1 (key mallory): no time (field 'at')", t.events() + "-0@0", "not JSON",
                "2 unreadable record(s) left out");
    }

    @Test
    void refusesATimeItCannotRead() {
        NetraCliTest.Run bad = run("audit", "export", "-b", KAFKA.bootstrapServers(), "--from", "2024-13-01", "--to", "2024-12-01");
        NetraCliTest.Run reversed = run("audit", "export", "-b", KAFKA.bootstrapServers(), "--from", "2024-12-01", "--to", "2024-11-01");

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--from '2024-13-01' is not a date or time");
        assertThat(reversed.exitCode()).isEqualTo(2);
        assertThat(reversed.err()).contains("must be before --to");
        assertThat(bad.out() + reversed.out()).isEmpty();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
