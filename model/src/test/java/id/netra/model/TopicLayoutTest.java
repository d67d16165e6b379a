package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {
    @Test
    void takesPartitionsAndReplicationFromTheEnvironment() {
        Settings s = Settings.load(null, Map.of("NETRA_TOPICS_PARTITIONS_POSTS", "12", "NETRA_TOPICS_PARTITIONS_POSTS_DLQ", "2",
                "NETRA_TOPICS_REPLICATION_FACTOR", "3"));

        TopicLayout layout = TopicLayout.from(s);

        assertThat(layout.partitions(Topics.POSTS)).isEqualTo(12);
        assertThat(layout.partitions(Topics.POSTS_DLQ)).isEqualTo(2);
        assertThat(layout.partitions(Topics.ALERTS)).isEqualTo(Topics.ALERTS.partitions());
        assertThat(layout.replicationFactor()).hasValue((short) 3);
    }

    @Test
    void givesMediaTextAsManyPartitionsAsPostsAndRefusesAnotherCount() {
        TopicLayout layout = TopicLayout.from(Settings.load(null, Map.of("NETRA_TOPICS_PARTITIONS_POSTS", "12")));

        assertThat(layout.partitions(Topics.MEDIA_TEXT)).isEqualTo(12);
        assertThat(TopicLayout.defaults().partitions(Topics.MEDIA_TEXT)).isEqualTo(Topics.POSTS.partitions());
        assertThatThrownBy(() -> TopicLayout.from(Settings.load(null, Map.of("NETRA_TOPICS_PARTITIONS_POSTS", "12",
                "NETRA_TOPICS_PARTITIONS_MEDIA_TEXT", "6"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("media-text").hasMessageContaining("12");
    }

    @Test
    void keepsTheCatalogAndTheBrokersDefaultWithoutSettings() {
        TopicLayout layout = TopicLayout.from(Settings.of(Map.of()));

        assertThat(layout.partitions()).isEmpty();
        assertThat(layout.replicationFactor()).isEqualTo(Optional.empty());
    }

    @Test
    void refusesToSplitATopicWhoseOrderIsItsMeaningOrBadNumbers() {
        assertThatThrownBy(() -> TopicLayout.from(Settings.of(Map.of("topics.partitions.watchlist", "3"))))
                .hasMessageContaining("topics.partitions.watchlist must stay 1");
        assertThatThrownBy(() -> TopicLayout.from(Settings.of(Map.of("topics.partitions.alert-events", "2"))))
                .hasMessageContaining("alert-events");
        assertThatThrownBy(() -> TopicLayout.from(Settings.of(Map.of("topics.partitions.posts", "0"))))
                .hasMessageContaining("topics.partitions.posts must be at least 1");
        assertThatThrownBy(() -> TopicLayout.from(Settings.of(Map.of("topics.replication-factor", "0"))))
                .hasMessageContaining("topics.replication-factor");
        assertThatThrownBy(() -> TopicLayout.from(Settings.of(Map.of("topics.partitions.posts", "twelve"))))
                .hasMessageContaining("topics.partitions.posts");
    }
}
