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
 *
 * <p>An account's history is read from the account table itself (the global store of {@code registry-accounts}, loaded
 * whole before any task runs) rather than from a store of its own, which would cost every account a second write and
 * a changelog record (a national load took 243 s instead of 212 s). What this task wrote and the global thread has not
 * applied yet is held in {@link #pending} until the table has it; a history read from there is written again even if
 * unchanged, so a version from an aborted transaction is never taken for written. Two persons' records sharing one
 * account in different partitions of {@code registry} within a few seconds could still lose one version.
 */
final class RegistryAccountsProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger log = LoggerFactory.getLogger(RegistryAccountsProcessor.class);

    private final String storeName;
    /** How long a history written waits for the account table before it is dropped from {@link #pending} anyway. */
    private static final long PENDING_MAX_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(10);

    private final String historyStoreName;
    private final JsonSerde<AsnRecord> asns = new JsonSerde<>(AsnRecord.class);
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, String> accountsByNip;
    private org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, Object> accountTable;
    /** Histories this task wrote that the account table may not have yet, with when they were written. */
    private final java.util.Map<String, Pending> pending = new java.util.HashMap<>();

    private record Pending(byte[] history, long writtenAtNanos) {
    }

    /**
     * @param storeName        NIP -> the account keys of its current record
     * @param historyStoreName the account table: account key -> its {@link RegistryHistory} (the global store)
     */
    RegistryAccountsProcessor(String storeName, String historyStoreName) {
        this.storeName = storeName;
        this.historyStoreName = historyStoreName;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.accountsByNip = context.getStateStore(storeName);
        this.accountTable = context.getStateStore(historyStoreName);
        pending.clear();
        context.schedule(java.time.Duration.ofSeconds(5), org.apache.kafka.streams.processor.PunctuationType.WALL_CLOCK_TIME,
                now -> forgetApplied());
    }

    /** Drops from {@link #pending} what the account table has now (or what waited too long for it). */
    private void forgetApplied() {
        long now = System.nanoTime();
        pending.entrySet().removeIf(e -> Arrays.equals(e.getValue().history(), fromTable(e.getKey()))
                || now - e.getValue().writtenAtNanos() > PENDING_MAX_NANOS);
    }

    private byte[] fromTable(String account) {
        Object v = accountTable.get(account);
        if (v instanceof org.apache.kafka.streams.state.ValueAndTimestamp<?> vt) {
            v = vt.value();
        }
        return (byte[]) v;
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
        Pending written = pending.get(account);
        byte[] history = written != null ? written.history() : fromTable(account);
        byte[] updated = RegistryHistory.append(history, record.timestamp(), version);
        if (updated != null && (updated != history || written != null)) {
            pending.put(account, new Pending(updated, System.nanoTime()));
            context.forward(record.withKey(account).withValue(updated));
        }
    }
}
