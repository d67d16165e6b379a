package id.netra.ops;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.JsonSerde;
import id.netra.model.Post;
import id.netra.model.PostLines;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The kinds of the reasons that ingest and the classifier really write, from their own parsers. */
class DeadLetterReasonsTest {
    private static String lineReason(String line) {
        try {
            PostLines.parse(line);
            throw new AssertionError("parsed: " + line);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String recordReason(String bytes) {
        try {
            new JsonSerde<>(Post.class).deserialize("posts", bytes.getBytes(StandardCharsets.UTF_8));
            throw new AssertionError("parsed: " + bytes);
        } catch (SerializationException e) {
            return e.getMessage();
        }
    }

    @Test
    void sortsTheParsersReasonsIntoKinds() {
        assertThat(DeadLetterReasons.kind(lineReason("{\"platform\":\"x\",\"postId\":"))).isEqualTo("not-json");
        assertThat(DeadLetterReasons.kind(lineReason("\u0000\u0001binary"))).isEqualTo("not-json");
        assertThat(DeadLetterReasons.kind(recordReason("{\"id\":"))).isEqualTo("not-json");
        assertThat(DeadLetterReasons.kind(lineReason("{\"platform\":\"x\"}"))).isEqualTo("invalid-field");
        assertThat(DeadLetterReasons.kind(lineReason("   "))).isEqualTo("empty");
        assertThat(DeadLetterReasons.kind("empty value (a tombstone is not a post)")).isEqualTo("empty");
        assertThat(DeadLetterReasons.kind("import file too large (9000000 bytes); split it")).isEqualTo("too-large");
        assertThat(DeadLetterReasons.kind("not a readable RSS/Atom feed: Content is not allowed in prolog.")).isEqualTo("unreadable-source");
        assertThat(DeadLetterReasons.kind("something nobody foresaw")).isEqualTo("other");
        assertThat(DeadLetterReasons.KINDS).contains("not-json", "invalid-field", "empty", "too-large", "unreadable-source", "other");
    }
}
