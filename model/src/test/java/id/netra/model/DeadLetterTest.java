package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
    private static final JsonSerde<DeadLetter> SERDE = new JsonSerde<>(DeadLetter.class);

    @Test
    void keepsASmallPayloadWholeWithItsSizeAndHash() {
        byte[] payload = "{\"platform\":".getBytes(StandardCharsets.UTF_8);

        DeadLetter d = DeadLetter.of("ingest:inbox", "p.jsonl:3", null, "broken JSON", payload, Instant.EPOCH);

        assertThat(d.payload()).isEqualTo("{\"platform\":");
        assertThat(d.payloadBytes()).isEqualTo(payload.length);
        assertThat(d.payloadSha256()).isEqualTo(Sha256.hex(payload));
        assertThat(d.payloadTruncated()).isFalse();
        assertThat(SERDE.deserialize("t", SERDE.serialize("t", d))).isEqualTo(d);
    }

    @Test
    void cutsAPayloadTooLargeForTheTopicToItsHead() {
        byte[] payload = new byte[2 * 1024 * 1024];
        Arrays.fill(payload, (byte) 'x');

        DeadLetter d = DeadLetter.of("ingest:inbox", "p.jsonl:1", null, "not a valid post", payload, Instant.EPOCH);

        assertThat(d.payloadTruncated()).isTrue();
        assertThat(d.payload()).hasSize(DeadLetter.HEAD_BYTES);
        assertThat(d.payloadBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(d.payloadSha256()).isEqualTo(Sha256.hex(payload));
        assertThat(SERDE.serialize("t", d).length).isLessThanOrEqualTo(Topics.MAX_RECORD_BYTES);
    }

    @Test
    void cutsABinaryPayloadWhoseEscapesWouldOverflowTheTopic() {
        // 300 KB of control bytes: six bytes each once escaped as JSON.
        byte[] payload = new byte[300_000];
        Arrays.fill(payload, (byte) 1);

        DeadLetter d = DeadLetter.of("classifier", "posts-0@7", "x:1", "not a valid post", payload, Instant.EPOCH);

        assertThat(d.payloadTruncated()).isTrue();
        assertThat(SERDE.serialize("t", d).length).isLessThanOrEqualTo(Topics.MAX_RECORD_BYTES);
    }

    @Test
    void readsADeadLetterWrittenBeforeSizesWereRecorded() {
        String old = "{\"source\":\"classifier\",\"origin\":\"posts-0@1\",\"key\":\"x:1\",\"reason\":\"bad\",\"payload\":\"{\",\"failedAt\":\"1970-01-01T00:00:00Z\"}";

        DeadLetter d = SERDE.deserialize("t", old.getBytes(StandardCharsets.UTF_8));

        assertThat(d.payload()).isEqualTo("{");
        assertThat(d.payloadBytes()).isNull();
        assertThat(d.payloadTruncated()).isFalse();
    }
}
