package id.netra.classifier;

import id.netra.model.Account;
import id.netra.model.AsnRecord;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns registry changes (key NIP) into account changes (key account lookup key): the record for each of its
 * accounts, and a tombstone for each account the previous version had and this one does not (or for all of them
 * when the person left service). Keeps the previous version per NIP in a store.
 */
final class RegistryAccountsProcessor implements Processor<String, AsnRecord, String, AsnRecord> {
    private final String storeName;
    private ProcessorContext<String, AsnRecord> context;
    private KeyValueStore<String, AsnRecord> byNip;

    RegistryAccountsProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, AsnRecord> context) {
        this.context = context;
        this.byNip = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, AsnRecord> record) {
        if (record.key() == null) {
            return;
        }
        AsnRecord previous = byNip.get(record.key());
        AsnRecord current = record.value();
        Set<String> now = new HashSet<>();
        if (current != null) {
            for (Account a : current.accounts()) {
                now.add(a.lookupKey());
                context.forward(record.withKey(a.lookupKey()).withValue(current));
            }
            byNip.put(record.key(), current);
        } else {
            byNip.delete(record.key());
        }
        if (previous != null) {
            for (Account a : previous.accounts()) {
                if (!now.contains(a.lookupKey())) {
                    context.forward(record.withKey(a.lookupKey()).withValue((AsnRecord) null));
                }
            }
        }
    }
}
