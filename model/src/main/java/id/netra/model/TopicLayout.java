package id.netra.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How many partitions and replicas {@code netra topics create} gives the catalog's topics: the catalog's partition
 * counts and the broker's default replication factor, unless the configuration says otherwise.
 * <ul>
 *   <li>{@code topics.partitions.<topic>} (environment {@code NETRA_TOPICS_PARTITIONS_POSTS}, hyphens as underscores):
 *       e.g. {@code topics.partitions.posts=12}, so that up to twelve classifier instances share the posts</li>
 *   <li>{@code topics.replication-factor} ({@code NETRA_TOPICS_REPLICATION_FACTOR}): e.g. 3 on a three-broker
 *       cluster (with the brokers' {@code min.insync.replicas=2}, a write survives one broker down)</li>
 * </ul>
 * {@code watchlist}, {@code alert-events} and {@code audit-log} keep one partition: their order is their meaning.
 * {@code media-text} has as many partitions as {@code posts} (the classifier reads a post and its media text in one
 * task): it follows {@code topics.partitions.posts} unless set, and a different count is refused.
 *
 * @param partitions        partition counts that differ from the catalog's, by topic name
 * @param replicationFactor the replication factor, empty for the broker's default
 */
public record TopicLayout(Map<String, Integer> partitions, Optional<Short> replicationFactor) {
    /** Topics whose records must stay in one order, hence in one partition. */
    public static final Set<String> ONE_PARTITION = Set.of("watchlist", "alert-events", "audit-log");

    public TopicLayout {
        partitions = Map.copyOf(partitions);
        partitions.forEach((topic, n) -> {
            if (n < 1) {
                throw new IllegalArgumentException("topics.partitions." + topic + " must be at least 1, not " + n);
            }
            if (ONE_PARTITION.contains(topic) && n != 1) {
                throw new IllegalArgumentException("topics.partitions." + topic + " must stay 1: the order of " + topic + " is its meaning");
            }
        });
        int posts = partitions.getOrDefault(Topics.POSTS.name(), Topics.POSTS.partitions());
        int mediaText = partitions.getOrDefault(Topics.MEDIA_TEXT.name(), posts);
        if (mediaText != posts) {
            throw new IllegalArgumentException("topics.partitions." + Topics.MEDIA_TEXT.name() + " must equal topics.partitions.posts ("
                    + posts + "), not " + mediaText + ": the classifier reads a post and its media text in one task");
        }
        replicationFactor.ifPresent(r -> {
            if (r < 1) {
                throw new IllegalArgumentException("topics.replication-factor must be at least 1, not " + r);
            }
        });
    }

    /** The catalog's partition counts, the broker's default replication factor. */
    public static TopicLayout defaults() {
        return new TopicLayout(Map.of(), Optional.empty());
    }

    /** @throws IllegalArgumentException naming the key that is wrong */
    public static TopicLayout from(Settings s) {
        Map<String, Integer> partitions = new HashMap<>();
        for (Topic<?, ?> t : Topics.all()) {
            String key = "topics.partitions." + t.name();
            int n = s.integer(key, t.partitions());
            if (n != t.partitions()) {
                partitions.put(t.name(), n);
            }
        }
        int replication = s.integer("topics.replication-factor", -1);
        if (replication != -1 && (replication < 1 || replication > Short.MAX_VALUE)) {
            throw new IllegalArgumentException("Setting 'topics.replication-factor' must be at least 1, not " + replication);
        }
        return new TopicLayout(partitions, replication == -1 ? Optional.empty() : Optional.of((short) replication));
    }

    /** The partition count of {@code topic}. */
    public int partitions(Topic<?, ?> topic) {
        if (topic.name().equals(Topics.MEDIA_TEXT.name())) {
            return partitions.getOrDefault(topic.name(), partitions.getOrDefault(Topics.POSTS.name(), topic.partitions()));
        }
        return partitions.getOrDefault(topic.name(), topic.partitions());
    }
}
