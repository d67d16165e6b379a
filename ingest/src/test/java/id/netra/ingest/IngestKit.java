package id.netra.ingest;

import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Topics per test and reading them back as a consumer with {@code read_committed} would. */
final class IngestKit {
    private IngestKit() {
    }

    static IngestTopics topics(EmbeddedKafkaExtension kafka, String test) {
        IngestTopics t = IngestTopics.defaults().prefixed(kafka.uniqueName(test) + "-");
        for (Topic<?, ?> topic : List.of(t.posts(), t.deadLetters(), t.captures(), t.cursors(), t.seen())) {
            kafka.createTopic(topic.name(), topic.partitions(), topic.configs());
        }
        return t;
    }

    static Map<String, Object> kafka(EmbeddedKafkaExtension kafka) {
        return Map.of("bootstrap.servers", kafka.bootstrapServers());
    }

    /** Every committed record of the topic, from its start to its current end. */
    static <V> List<ConsumerRecord<String, V>> readAll(EmbeddedKafkaExtension kafka, Topic<String, V> topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(props, new StringDeserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic.name()).stream().map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            List<ConsumerRecord<String, V>> out = new ArrayList<>();
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }
}
