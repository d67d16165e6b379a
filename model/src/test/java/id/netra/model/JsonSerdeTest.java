package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {
    private static final Post POST = new Post(Platform.X, "1855000000000000001",
            URI.create("https://x.com/rudi_h/status/1855000000000000001"), new Author("Rudi_H", "Rudi Hartono"),
            "Ayo coblos nomor 3! ✌️ #KotaLestari", OffsetDateTime.parse("2024-11-12T19:05:00+07:00"), PostKind.POST);

    @Test
    void roundTripsAPostKeepingItsOffset() {
        JsonSerde<Post> serde = new JsonSerde<>(Post.class);

        Post back = serde.deserialize("posts", serde.serialize("posts", POST));

        assertThat(back).isEqualTo(POST);
        assertThat(back.publishedAt().getOffset().getTotalSeconds()).isEqualTo(7 * 3600);
    }

    @Test
    void writesTheFieldNamesOfTheFormatsDocument() {
        String json = new String(new JsonSerde<>(Post.class).serialize("posts", POST), StandardCharsets.UTF_8);

        assertThat(json).contains("\"platform\":\"x\"", "\"postId\":\"1855000000000000001\"",
                "\"author\":{\"handle\":\"Rudi_H\"", "\"publishedAt\":\"2024-11-12T19:05:00+07:00\"", "\"kind\":\"post\"");
        assertThat(json).doesNotContain("\"key\"");
    }

    @Test
    void roundTripsAnAlert() {
        AsnRecord asn = new AsnRecord("198501012010011001", "Rudi Hartono", "Pemerintah Kota Lestari", "Dinas Pendidikan",
                "Guru", "99.01", "Drs. Sutomo", "sutomo@example.go.id", List.of(Account.parse("x:rudi_h")));
        Alert alert = new Alert(Alert.idFor(POST.key(), "w1", Alert.registryVersionOf(asn)), POST.platform(), POST.postId(),
                asn.nip(), Severity.HIGH, "call-to-vote", "Ajakan mencoblos nomor 3.",
                new Alert.Violation("Ajakan memilih", "Kampanye di media sosial", List.of("PP 94/2021 Pasal 5 huruf n")), POST, asn,
                List.of(new Alert.CandidateMatch("pilwalkot-lestari", "lestari-03", 3, List.of("Bagus Wirawan"), "99.01", true)),
                List.of(), List.of(new Alert.Evidence(4, 10, "coblos", "support-cue", "coblos")), "w1", Alert.registryVersionOf(asn),
                "cues-v2+slang-v1+rules-v1");
        JsonSerde<Alert> serde = new JsonSerde<>(Alert.class);

        assertThat(serde.deserialize("alerts", serde.serialize("alerts", alert))).isEqualTo(alert);
    }

    @Test
    void passesNullThroughBothWays() {
        JsonSerde<Post> serde = new JsonSerde<>(Post.class);

        assertThat(serde.serialize("posts", null)).isNull();
        assertThat(serde.deserialize("posts", null)).isNull();
    }

    @Test
    void ignoresUnknownFieldsSoOldReadersSurviveNewWriters() {
        String json = "{\"platform\":\"x\",\"postId\":\"1\",\"url\":\"https://x.com/a/status/1\",\"author\":{\"handle\":\"a\"},"
                + "\"text\":\"t\",\"publishedAt\":\"2024-11-12T19:05:00+07:00\",\"kind\":\"post\",\"addedLater\":42}";

        Post post = new JsonSerde<>(Post.class).deserialize("posts", json.getBytes(StandardCharsets.UTF_8));

        assertThat(post.postId()).isEqualTo("1");
        assertThat(post.author().displayName()).isNull();
    }

    @Test
    void throwsKafkaSerializationExceptionOnCorruptBytes() {
        JsonSerde<Post> serde = new JsonSerde<>(Post.class);
        byte[] corrupt = {(byte) 0xff, 0x00, '{', 'x'};

        assertThatThrownBy(() -> serde.deserialize("posts", corrupt))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Not a valid Post");
    }

    @Test
    void throwsKafkaSerializationExceptionWhenARequiredFieldIsMissing() {
        byte[] noText = "{\"platform\":\"x\",\"postId\":\"1\",\"url\":\"https://x.com/a\",\"author\":{\"handle\":\"a\"},\"publishedAt\":\"2024-11-12T19:05:00+07:00\",\"kind\":\"post\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new JsonSerde<>(Post.class).deserialize("posts", noText))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("text is missing");
    }

    @Test
    void throwsKafkaSerializationExceptionOnJsonNull() {
        assertThatThrownBy(() -> new JsonSerde<>(Post.class).deserialize("posts", "null".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }
}
