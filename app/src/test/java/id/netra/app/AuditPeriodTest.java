package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class AuditPeriodTest {
    @Test
    void readsDatesAsWholeDaysInWib() {
        AuditPeriod p = AuditPeriod.parse("2024-11-01", "2024-11-30");

        assertThat(p.from()).isEqualTo(Instant.parse("2024-10-31T17:00:00Z"));
        assertThat(p.to()).isEqualTo(Instant.parse("2024-11-30T17:00:00Z"));
        assertThat(p.contains(Instant.parse("2024-11-30T16:59:59Z"))).isTrue();
        assertThat(p.contains(Instant.parse("2024-11-30T17:00:00Z"))).isFalse();
        assertThat(p.contains(Instant.parse("2024-10-31T16:59:59Z"))).isFalse();
    }

    @Test
    void readsTimesWithAnOffsetAsGivenAndWithoutOneInWib() {
        AuditPeriod p = AuditPeriod.parse("2024-11-01T08:00", "2024-11-01T02:00:00Z");

        assertThat(p.from()).isEqualTo(Instant.parse("2024-11-01T01:00:00Z"));
        assertThat(p.to()).as("an end time is excluded").isEqualTo(Instant.parse("2024-11-01T02:00:00Z"));
        assertThat(AuditPeriod.parse("2024-11-01T08:00:00+07:00", "2024-11-02").from()).isEqualTo(Instant.parse("2024-11-01T01:00:00Z"));
    }

    @Test
    void namesTheOptionOfATimeItCannotRead() {
        assertThatThrownBy(() -> AuditPeriod.parse("2024-11-01", "kemarin"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--to 'kemarin' is not a date or time");
        assertThatThrownBy(() -> AuditPeriod.parse("2024-11-01T25:00Z", "2024-11-02"))
                .hasMessageStartingWith("--from '2024-11-01T25:00Z'");
        assertThatThrownBy(() -> AuditPeriod.parse("2024-11-02", "2024-11-01")).hasMessageContaining("must be before --to");
    }

    @Test
    void computesTheDefaultPartitionerPartitionOfAKey() {
        for (String key : new String[] {"x:1001", "web:https://berita.example/a?b=1", "0123456789abcdef0123456789abcdef", "mastodon:ñ☃"}) {
            for (int partitions : new int[] {1, 3, 7}) {
                assertThat(TopicScan.partitionOf(key, partitions)).as(key + " in " + partitions)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), partitions));
            }
        }
    }

    @Test
    void rendersControlAndFormatCharactersInert() {
        assertThat(ConsoleText.inert("https://x.example/\u001b[2Jа\u202Egnp.exe\nnext")).isEqualTo("https://x.example/\\u001B[2Jа\\u202Egnp.exe\\u000Anext");
        assertThat(ConsoleText.inert(null)).isEqualTo("-");
    }
}
