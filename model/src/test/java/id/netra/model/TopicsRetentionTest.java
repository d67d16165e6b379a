package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** The retention rule: what an audit may need is kept at least five years, and every topic of the catalog meets it. */
class TopicsRetentionTest {
    @Test
    void fiveYearsAreOneHundredFiftySevenBillionSevenHundredEightyEightMillionMilliseconds() {
        assertThat(Topics.MIN_RETENTION.toMillis()).isEqualTo(157_788_000_000L);
        assertThat(Topics.MIN_RETENTION).isEqualTo(Duration.ofDays(5 * 365).plusDays(1).plusHours(6));
    }

    @Test
    void everyTopicOfTheCatalogMeetsTheFiveYearRule() {
        assertThat(Topics.all()).allSatisfy(t ->
                assertThat(Topics.retentionShortfall(t.name(), t.configs())).as(t.name() + " " + t.configs()).isEmpty());
    }

    @Test
    void keepsEveryRecordOfTheHistoryTopicsWithoutLimit() {
        for (Topic<?, ?> t : List.of(Topics.POSTS, Topics.CAPTURES, Topics.ALERTS, Topics.ALERT_EVENTS, Topics.AUDIT_LOG, Topics.POSTS_DLQ,
                Topics.REGISTRY_ACCOUNTS)) {
            assertThat(t.configs()).as(t.name()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                    .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1").containsEntry(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        }
    }

    @Test
    void keepsEveryWatchlistVersionByKeyingThemByVersion() {
        assertThat(Topics.WATCHLIST.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        assertThat(Topics.WATCHLIST.partitions()).isOne();
    }

    @Test
    void findsWhatFallsShort() {
        assertThat(Topics.retentionShortfall("posts", Map.of())).as("Kafka's default: seven days")
                .hasValueSatisfying(s -> assertThat(s).contains("604800000", "less than five years"));
        assertThat(Topics.retentionShortfall("alerts", Map.of("cleanup.policy", "delete", "retention.ms", "157787999999")))
                .hasValueSatisfying(s -> assertThat(s).contains("less than five years"));
        assertThat(Topics.retentionShortfall("alerts", Map.of("cleanup.policy", "delete", "retention.ms", "157788000000"))).isEmpty();
        assertThat(Topics.retentionShortfall("captures", Map.of("retention.ms", "-1", "retention.bytes", "1073741824")))
                .hasValueSatisfying(s -> assertThat(s).contains("by size"));
        assertThat(Topics.retentionShortfall("alert-events", Map.of("cleanup.policy", "compact")))
                .hasValueSatisfying(s -> assertThat(s).contains("only the latest record per key"));
        assertThat(Topics.retentionShortfall("audit-log", Map.of("cleanup.policy", "compact,delete", "retention.ms", "-1")))
                .hasValueSatisfying(s -> assertThat(s).contains("also compacted"));
        assertThat(Topics.retentionShortfall("registry", Map.of("cleanup.policy", "compact"))).isEmpty();
        assertThat(Topics.retentionShortfall("registry-accounts", Map.of("cleanup.policy", "compact")))
                .as("compacted by an earlier release: compaction would drop the changes that make up the histories")
                .hasValueSatisfying(s -> assertThat(s).contains("only the latest record per key"));
    }
}
