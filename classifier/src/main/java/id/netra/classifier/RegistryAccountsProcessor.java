package id.netra.classifier;

import id.netra.model.Account;
import id.netra.model.AsnRecord;
import id.netra.model.JsonSerde;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns registry changes (key NIP) into account changes (key account lookup key): each account of the record, and
 * each account the previous version had and this one does not (or all of them when the person left service), gets
 * its {@link RegistryHistory} with one more version, dated by the registry record's timestamp (a removal for the
 * accounts gone). Nothing is ever deleted, so a post can be judged with the record as it was at the post's time.
 * The record's bytes are kept as they came, not parsed and written again, and the NIP store keeps only the account
 * keys a NIP had: at national scale (4.5 million ASN) that is most of the load's cost.
 */
final class RegistryAccountsProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger log = LoggerFactory.getLogger(RegistryAccountsProcessor.class);

    private final String storeName;
    private final String historyStoreName;
    private final JsonSerde<AsnRecord> asns = new JsonSerde<>(AsnRecord.class);
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, String> accountsByNip;
    private KeyValueStore<String, byte[]> historyByAccount;

    /**
     * @param storeName        NIP -> the account keys of its current record
     * @param historyStoreName account key -> its {@link RegistryHistory}
     */
    RegistryAccountsProcessor(String storeName, String historyStoreName) {
        this.storeName = storeName;
        this.historyStoreName = historyStoreName;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.accountsByNip = context.getStateStore(storeName);
        this.historyByAccount = context.getStateStore(historyStoreName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        AsnRecord current;
        try {
            current = asns.deserialize("registry", record.value());
        } catch (SerializationException e) {
            log.warn("Registry record {} is not a valid ASN record and is skipped: {}", record.key(), e.getMessage());
            return;
        }
        String previous = accountsByNip.get(record.key());
        Set<String> now = new HashSet<>();
        if (current != null) {
            for (Account a : current.accounts()) {
                if (now.add(a.lookupKey())) {
                    addVersion(record, a.lookupKey(), record.value());
                }
            }
            accountsByNip.put(record.key(), String.join("\n", now));
        } else {
            accountsByNip.delete(record.key());
        }
        List<String> before = previous == null || previous.isEmpty() ? List.of() : Arrays.asList(previous.split("\n"));
        for (String account : before) {
            if (!now.contains(account)) {
                addVersion(record, account, null);
            }
        }
    }

    private void addVersion(Record<String, byte[]> record, String account, byte[] version) {
        byte[] history = historyByAccount.get(account);
        byte[] updated = RegistryHistory.append(history, record.timestamp(), version);
        if (updated != history && updated != null) {
            historyByAccount.put(account, updated);
            context.forward(record.withKey(account).withValue(updated));
        }
    }
}
