package id.netra.classifier;

import id.netra.model.Account;
import id.netra.model.AsnRecord;
import id.netra.model.JsonSerde;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns registry changes (key NIP) into account changes (key account lookup key) for {@code registry-accounts}: a
 * {@link RegistryHistory#claim claim} for each account of the record, and a {@link RegistryHistory#removal removal} for
 * each account the previous version had and this one does not (or all of them when the person left service), dated by
 * the registry record's timestamp, never before the NIP's previous change (so a clock that runs behind cannot put a
 * correction before what it corrects). The account table merges them into each account's history
 * ({@link RegistryTableProcessor}); nothing is ever deleted, so a post can be judged with the record as it was at the
 * post's time.
 *
 * <p>A record published again unchanged changes nothing and is not passed on. The only state kept here is, per NIP,
 * the time of its last change, a hash of its record and its account keys: the record's bytes pass
 * through as they came, not parsed and written again (at national scale, 4.5 million ASN, that is most of a load's
 * cost), and no copy of the histories is kept on this side.
 */
final class RegistryAccountsProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger log = LoggerFactory.getLogger(RegistryAccountsProcessor.class);

    private final String storeName;
    private final JsonSerde<AsnRecord> asns = new JsonSerde<>(AsnRecord.class);
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, String> accountsByNip;

    /** @param storeName NIP -> the time of its last change and the account keys of its current record */
    RegistryAccountsProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.accountsByNip = context.getStateStore(storeName);
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
        NipState previous = NipState.parse(accountsByNip.get(record.key()));
        if (current == null && previous == null) {
            return;
        }
        long hash = current == null ? 0 : NipState.hash(record.value());
        if (current != null && previous != null && previous.hash() == hash && previous.hash() != 0) {
            return; // published again unchanged: nothing changes for its accounts
        }
        long at = previous == null ? record.timestamp() : Math.max(record.timestamp(), previous.lastChange());
        long nip = RegistryHistory.nip(record.key());
        Set<String> now = new LinkedHashSet<>();
        if (current != null) {
            for (Account a : current.accounts()) {
                if (now.add(a.lookupKey())) {
                    context.forward(record.withKey(a.lookupKey()).withValue(RegistryHistory.claim(at, nip, record.value())));
                }
            }
        }
        if (previous != null) {
            for (String account : previous.accounts()) {
                if (!now.contains(account)) {
                    context.forward(record.withKey(account).withValue(RegistryHistory.removal(at, nip)));
                }
            }
        }
        if (current == null) {
            accountsByNip.delete(record.key());
        } else {
            accountsByNip.put(record.key(), NipState.format(at, hash, now));
        }
    }

    /**
     * What the NIP store keeps of a NIP: on the first line the time of its last change and a 64-bit hash of its record's
     * bytes, then one account key a line. A value of the previous release has the account keys only (hash 0: unknown).
     */
    record NipState(long lastChange, long hash, Set<String> accounts) {
        static NipState parse(String value) {
            if (value == null) {
                return null;
            }
            String[] lines = value.isEmpty() ? new String[0] : value.split("\n");
            Set<String> accounts = new LinkedHashSet<>();
            long last = Long.MIN_VALUE;
            long hash = 0;
            for (int i = 0; i < lines.length; i++) {
                if (i == 0 && lines[0].matches("-?[0-9]+ -?[0-9]+")) {
                    int space = lines[0].indexOf(' ');
                    last = Long.parseLong(lines[0].substring(0, space));
                    hash = Long.parseLong(lines[0].substring(space + 1));
                } else if (!lines[i].isEmpty()) {
                    accounts.add(lines[i]);
                }
            }
            return new NipState(last, hash, accounts);
        }

        static String format(long lastChange, long hash, Set<String> accounts) {
            StringBuilder s = new StringBuilder().append(lastChange).append(' ').append(hash);
            for (String a : accounts) {
                s.append('\n').append(a);
            }
            return s.toString();
        }

        /** FNV-1a, 64 bits, never 0 (0 stands for "unknown"). */
        static long hash(byte[] bytes) {
            long h = 0xcbf29ce484222325L;
            for (byte b : bytes) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            return h == 0 ? 1 : h;
        }
    }
}
