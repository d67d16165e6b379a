package id.netra.app;

import static id.netra.app.NetraCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Account;
import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.AsnRecord;
import id.netra.model.Author;
import id.netra.model.Capture;
import id.netra.model.JsonSerde;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.Provenance;
import id.netra.model.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code netra verify} against a real broker: a capture that matches, one tampered with, one missing, a case id. */
class VerifyIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final AsnRecord ASN = new AsnRecord("198501012010011001", "Rudi Hartono", "Pemerintah Kota Lestari",
            "Dinas Pendidikan", "Guru", "99.01", "Drs. Sutomo", "sutomo@example.go.id", List.of(Account.parse("x:rudi_h")));
    private static final URI FEED = URI.create("https://berita.example/rss");
    private static final Instant FETCHED = Instant.parse("2024-11-12T12:05:00Z");
    private static final byte[] PAYLOAD = "<rss><item>Ayo coblos nomor 3!</item><item>Nomor 3 menang!</item></rss>".getBytes(StandardCharsets.UTF_8);

    /** The three topics of one test, under unique names; captures and alerts with three partitions like the catalog's. */
    private record Stack(String alerts, String captures, String events) {
        String[] verify(String id) {
            return new String[] {"verify", id, "-b", KAFKA.bootstrapServers(), "--topic", "alerts=" + alerts,
                "--topic", "captures=" + captures, "--topic", "alert-events=" + events};
        }
    }

    private static Stack stack() {
        Stack s = new Stack(KAFKA.uniqueName("alerts"), KAFKA.uniqueName("captures"), KAFKA.uniqueName("alert-events"));
        KAFKA.createTopic(s.alerts(), 3, Map.of());
        KAFKA.createTopic(s.captures(), 3, Map.of());
        KAFKA.createTopic(s.events(), 1, Map.of());
        return s;
    }

    private static Alert alert(String postId, byte[] payload) {
        Post post = new Post(Platform.X, postId, URI.create("https://x.com/rudi_h/status/" + postId), new Author("rudi_h", ASN.name()),
                "Ayo coblos nomor 3!", OffsetDateTime.parse("2024-11-12T19:05:00+07:00"), PostKind.POST);
        post = post.withProvenance(new Provenance("berita", FEED, 200, FETCHED, sha256(payload), post.contentHash(), 1, null));
        return new Alert(Alert.idFor(post.key(), "w1", "r1"), Platform.X, postId, ASN.nip(), Severity.HIGH, "call-to-vote",
                "Ajakan mencoblos nomor 3.", null, post, ASN, List.of(), List.of(), List.of(), "w1", "r1", "cues-v2+slang-v1+rules-v1");
    }

    /** What ingest writes: the payload gzip-compressed, with the hash of the payload it received. */
    private static Capture capture(Alert a, String recordedSha, byte[] stored, String storedWith) {
        return new Capture(a.post().key(), "berita", FEED, FEED, 200, "application/rss+xml", FETCHED, recordedSha, "gzip",
                stored == null ? null : gzip(stored), storedWith);
    }

    private static <V> void send(String topic, String key, Class<V> type, V value) throws Exception {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(topic, key, new JsonSerde<>(type).serialize(topic, value))).get();
        }
    }

    @Test
    void saysMatchWhenTheCaptureIsThePayloadTheAlertRecorded() throws Exception {
        Stack s = stack();
        Alert a = alert("1001", PAYLOAD);
        send(s.alerts(), a.id(), Alert.class, a);
        send(s.captures(), a.post().key(), Capture.class, capture(a, sha256(PAYLOAD), PAYLOAD, null));

        NetraCliTest.Run r = run(s.verify(a.id()));

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("alert     " + a.id(), "post      x:1001, version 1", "source    " + FEED + " (HTTP 200), source berita",
                "captured  2024-11-12T12:05:00Z", "recorded  " + sha256(PAYLOAD), "computed  " + sha256(PAYLOAD)).endsWith("MATCH\n\n");
        assertThat(r.err()).as("found in the partition the default partitioner gives").doesNotContain("other partitions");
    }

    @Test
    void saysMismatchAndExitsWithOneWhenTheCaptureWasTamperedWith() throws Exception {
        Stack s = stack();
        Alert a = alert("1002", PAYLOAD);
        byte[] tampered = "<rss><item>Ayo coblos nomor 1!</item></rss>".getBytes(StandardCharsets.UTF_8);
        send(s.alerts(), a.id(), Alert.class, a);
        send(s.captures(), a.post().key(), Capture.class, capture(a, sha256(PAYLOAD), tampered, null));

        NetraCliTest.Run r = run(s.verify(a.id()));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("recorded  " + sha256(PAYLOAD), "computed  " + sha256(tampered), "not the one the alert recorded")
                .endsWith("MISMATCH\n\n");
    }

    @Test
    void saysNoCaptureAndExitsWithTwoWhenNoneIsStored() throws Exception {
        Stack s = stack();
        Alert a = alert("1003", PAYLOAD);
        Alert other = alert("1004", PAYLOAD);
        send(s.alerts(), a.id(), Alert.class, a);
        send(s.captures(), other.post().key(), Capture.class, capture(other, sha256(PAYLOAD), PAYLOAD, null));

        NetraCliTest.Run r = run(s.verify(a.id()));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).contains("recorded  " + sha256(PAYLOAD), "computed  -", "no capture of x:1003").endsWith("NO CAPTURE\n\n");
    }

    @Test
    void checksEveryAlertOfACaseFollowingAPayloadStoredWithAnotherPost() throws Exception {
        Stack s = stack();
        Alert first = alert("2001", PAYLOAD);
        Alert second = alert("2002", PAYLOAD);
        send(s.alerts(), first.id(), Alert.class, first);
        send(s.alerts(), second.id(), Alert.class, second);
        // One feed gave both posts: the payload is stored with the first, the second's capture points to it.
        send(s.captures(), first.post().key(), Capture.class, capture(first, sha256(PAYLOAD), PAYLOAD, null));
        send(s.captures(), second.post().key(), Capture.class, capture(second, sha256(PAYLOAD), null, first.post().key()));
        send(s.events(), "NTR-2024-000007", AlertEvent.class, new AlertEvent("e1", "NTR-2024-000007", AlertEvent.Type.OPENED, "system",
                FETCHED, first.id(), null, null));
        send(s.events(), "NTR-2024-000008", AlertEvent.class, new AlertEvent("e2", "NTR-2024-000008", AlertEvent.Type.OPENED, "system",
                FETCHED, alert("9999", PAYLOAD).id(), null, null));
        send(s.events(), "NTR-2024-000007", AlertEvent.class, new AlertEvent("e3", "NTR-2024-000007", AlertEvent.Type.ALERT_ADDED, "system",
                FETCHED, second.id(), null, null));

        NetraCliTest.Run r = run(s.verify("NTR-2024-000007"));

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("alert     " + first.id() + " (case NTR-2024-000007)", "alert     " + second.id() + " (case NTR-2024-000007)",
                "stored    with x:2001");
        assertThat(r.out().split("\n\n")).hasSize(2).allSatisfy(block -> assertThat(block).endsWith("MATCH"));
    }

    @Test
    void givesTheWorstOutcomeOfACase() throws Exception {
        Stack s = stack();
        Alert good = alert("3001", PAYLOAD);
        Alert bad = alert("3002", PAYLOAD);
        send(s.alerts(), good.id(), Alert.class, good);
        send(s.alerts(), bad.id(), Alert.class, bad);
        send(s.captures(), good.post().key(), Capture.class, capture(good, sha256(PAYLOAD), PAYLOAD, null));
        send(s.captures(), bad.post().key(), Capture.class, capture(bad, sha256(PAYLOAD), "edited".getBytes(StandardCharsets.UTF_8), null));
        send(s.events(), "NTR-2024-000009", AlertEvent.class, new AlertEvent("e1", "NTR-2024-000009", AlertEvent.Type.OPENED, "system",
                FETCHED, good.id(), null, null));
        send(s.events(), "NTR-2024-000009", AlertEvent.class, new AlertEvent("e2", "NTR-2024-000009", AlertEvent.Type.ALERT_ADDED, "system",
                FETCHED, bad.id(), null, null));

        NetraCliTest.Run r = run(s.verify("NTR-2024-000009"));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("MATCH\n", "MISMATCH\n");
    }

    @Test
    void cannotCheckAnUnknownIdAndExitsWithThree() {
        Stack s = stack();

        NetraCliTest.Run unknownAlert = run(s.verify("0123456789abcdef0123456789abcdef"));
        NetraCliTest.Run unknownCase = run(s.verify("NTR-2024-999999"));

        assertThat(unknownAlert.exitCode()).isEqualTo(3);
        assertThat(unknownAlert.err()).contains("no alert 0123456789abcdef0123456789abcdef on " + s.alerts());
        assertThat(unknownCase.exitCode()).isEqualTo(3);
        assertThat(unknownCase.err()).contains("no case NTR-2024-999999 on " + s.events());
        assertThat(unknownAlert.out() + unknownCase.out()).isEmpty();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
