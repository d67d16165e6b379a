package id.netra.classifier;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the account table of a classifier instance: reads {@code registry-accounts} whole (every instance, as a
 * global store) and merges each account change into the account's {@link RegistryHistory}. Kafka Streams runs this
 * processor when it rebuilds the table from the topic too, so the table is the same however it was built.
 */
final class RegistryTableProcessor implements Processor<String, byte[], Void, Void> {
    private static final Logger log = LoggerFactory.getLogger(RegistryTableProcessor.class);

    private final String storeName;
    private final String topic;
    private KeyValueStore<String, byte[]> histories;

    RegistryTableProcessor(String storeName, String topic) {
        this.storeName = storeName;
        this.topic = topic;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.histories = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        byte[] history = histories.get(record.key());
        byte[] merged;
        try {
            merged = RegistryHistory.merge(history, record.value());
        } catch (IllegalArgumentException e) {
            log.warn("A change of registry account {} on {} is not readable and is skipped: {}", record.key(), topic, e.getMessage());
            return;
        }
        if (merged != history) {
            histories.put(record.key(), merged);
        }
    }
}
