package id.netra.app;

import id.netra.model.AsnRecord;
import id.netra.model.Topic;
import id.netra.model.Topics;
import id.netra.model.Watchlist;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
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
