package id.netra.app;

import id.netra.model.AsnRecord;
import id.netra.model.Topic;
import id.netra.model.Topics;
import id.netra.model.Watchlist;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes registry records and watchlist versions. Each call is one transaction: a registry import lands
 * whole or not at all, and readers (read_committed) never see half of it.
 */
final class Publisher {
    private final Map<String, Object> kafka;

    Publisher(Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    void publishRegistry(Collection<AsnRecord> records) {
        publish(Topics.REGISTRY, "netra-registry-import", producer -> {
            for (AsnRecord r : records) {
                producer.send(new ProducerRecord<>(Topics.REGISTRY.name(), r.nip(), r));
            }
        });
    }

    void publishWatchlist(Watchlist watchlist) {
        publish(Topics.WATCHLIST, "netra-watchlist-publish", producer ->
                producer.send(new ProducerRecord<>(Topics.WATCHLIST.name(), watchlist.version(), watchlist)));
    }

    /** Tombstones for the given NIPs: those people left service, and their posts no longer count from now on. */
    void removeFromRegistry(Collection<String> nips) {
        publish(Topics.REGISTRY, "netra-registry-import", producer -> {
            for (String nip : nips) {
                producer.send(new ProducerRecord<>(Topics.REGISTRY.name(), nip, null));
            }
        });
    }

    /** Every watchlist version on the topic (the newest record of each key), read to the end. */
    Map<String, Watchlist> publishedWatchlists() {
        Map<String, Watchlist> out = new java.util.LinkedHashMap<>();
        readToEnd(Topics.WATCHLIST, (k, v) -> {
            if (v == null) {
                out.remove(k);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The current value of every key of a compacted topic, read to its end (read_committed). */
    <V> void readToEnd(Topic<String, V> topic, java.util.function.BiConsumer<String, V> each) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(500))) {
                    each.accept(r.key(), r.value());
                }
            }
        }
    }

    private <V> void publish(Topic<String, V> topic, String transactionalId, java.util.function.Consumer<KafkaProducer<String, V>> body) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            try {
                body.accept(producer);
                producer.commitTransaction();
            } catch (RuntimeException e) {
                producer.abortTransaction();
                throw e;
            }
        }
    }
}
