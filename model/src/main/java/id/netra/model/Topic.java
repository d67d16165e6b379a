package id.netra.model;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * An immutable descriptor of one topic: its name, how its keys and values are (de)serialised, and how it must
 * be created. Used alike by producers, the topology and tests.
 *
 * @param partitions the partition count to create it with ({@code watchlist} has one, so versions stay in order)
 * @param configs    topic configs set at creation (cleanup policy, retention)
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, Map<String, String> configs) {
    public Topic {
        Validate.notBlank(name, "topic name");
        Validate.notNull(keySerde, "keySerde");
        Validate.notNull(valueSerde, "valueSerde");
        Validate.isTrue(partitions > 0, "topic " + name + ": partitions must be positive");
        configs = Map.copyOf(configs);
    }

    /** The same topic under another name, e.g. a per-test or per-replay copy. */
    public Topic<K, V> withName(String newName) {
        return new Topic<>(newName, keySerde, valueSerde, partitions, configs);
    }

    @Override
    public String toString() {
        return name;
    }
}
