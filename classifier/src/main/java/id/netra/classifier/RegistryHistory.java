package id.netra.classifier;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The history of one registry account: every claim of the account by an ASN record (the record's JSON, the NIP and the
 * time it counts from) and every removal (the account left that person's record, or the person left service).
 *
 * <p>{@code registry-accounts} carries <em>changes</em>, one claim or removal per record, keyed by account and kept
 * without limit; the classifier's account table {@link #merge merges} them into the account's history. Merging does
 * not depend on the order changes arrive in: entries are kept in time order, and a removal only ends the claim of the
 * NIP that made it. So an account passed from one person to another gives the same history whichever of the two
 * records' changes is read first, and a replay of the topic rebuilds exactly the table the live classifier has.
 *
 * <p>As-of rule: an account's <em>first</em> known claim counts since forever (the registry is published after the
 * fact: a 2024 post of an ASN first imported in 2026 is judged with that record); every later entry counts from its
 * time.
 *
 * <p>Encoding (binary, so the classifier's per-post lookup reads a few numbers and the region field of one record):
 * byte {@code 0x02}; int n; n times (long from-millis, long NIP, int length, -1 for a removal); the claims' JSON bytes
 * one after the other. Values of earlier releases are still read: {@code 0x01} (n times long from, int length; no NIP),
 * and a plain record starting with {@code {} (one claim, since forever).
 */
public final class RegistryHistory {
    static final byte MAGIC = 0x02;
    static final byte MAGIC_V1 = 0x01;
    /** The "since forever" of a plain record of the first release. */
    static final long SINCE_FOREVER = Long.MIN_VALUE;
    /** The NIP of an entry that names none (values of earlier releases): a removal without one ends any claim. */
    static final long ANY_NIP = 0;
    private static final int HEADER = 5;
    private static final int ENTRY = 20;
    private static final int ENTRY_V1 = 12;

    /** A slice of a history's bytes: one claim's record JSON. */
    record Version(long from, byte[] bytes, int offset, int length) {
        byte[] copy() {
            return Arrays.copyOfRange(bytes, offset, offset + length);
        }
    }

    /** One entry: a claim ({@code record} not null) or a removal, by {@code nip}, from {@code from}. */
    record Entry(long from, long nip, byte[] record) implements Comparable<Entry> {
        boolean claim() {
            return record != null;
        }

        /** Time order; at the same time a fixed order of the rest, so that merging never depends on arrival. */
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(from, o.from);
            if (c == 0) {
                c = Boolean.compare(claim(), o.claim());
            }
            if (c == 0) {
                c = Long.compare(nip, o.nip);
            }
            if (c == 0 && claim()) {
                c = Arrays.compare(record, o.record);
            }
            return c;
        }
    }

    private RegistryHistory() {
    }

    /** The change "{@code nip}'s record {@code record} claims the account from {@code atMillis}". */
    static byte[] claim(long atMillis, long nip, byte[] record) {
        return encode(List.of(new Entry(atMillis, nip, record)));
    }

    /** The change "the account leaves {@code nip}'s record at {@code atMillis}". */
    static byte[] removal(long atMillis, long nip) {
        return encode(List.of(new Entry(atMillis, nip, null)));
    }

    /** The NIP of a registry key as an entry stores it; {@link #ANY_NIP} when the key is not a NIP. */
    static long nip(String key) {
        if (key == null || key.isEmpty() || key.length() > 18) {
            return ANY_NIP;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return ANY_NIP;
            }
        }
        return Long.parseLong(key);
    }

    /**
     * The claim in force at {@code atMillis}, null when none: entries are applied in time order up to that time (the
     * first one whatever its time); a claim makes its record the account's, a removal ends the claim of its NIP.
     *
     * @throws IllegalArgumentException when the bytes are neither a history nor a plain record
     */
    static Version asOf(byte[] value, long atMillis) {
        if (value == null || value.length == 0) {
            return null;
        }
        if (value[0] != MAGIC && value[0] != MAGIC_V1) {
            return new Version(SINCE_FOREVER, value, 0, value.length);
        }
        boolean v1 = value[0] == MAGIC_V1;
        int entry = v1 ? ENTRY_V1 : ENTRY;
        ByteBuffer b = ByteBuffer.wrap(value);
        int n = count(value);
        int offset = HEADER + n * entry;
        int owner = -1;
        int ownerOffset = 0;
        for (int i = 0; i < n; i++) {
            int at = HEADER + i * entry;
            long from = b.getLong(at);
            if (i > 0 && from > atMillis) {
                break;
            }
            int len = b.getInt(at + (v1 ? 8 : 16));
            if (len >= 0) {
                owner = i;
                ownerOffset = offset;
                offset += len;
            } else if (owner >= 0) {
                long nip = v1 ? ANY_NIP : b.getLong(at + 8);
                long ownerNip = v1 ? ANY_NIP : b.getLong(HEADER + owner * entry + 8);
                if (nip == ANY_NIP || ownerNip == ANY_NIP || nip == ownerNip) {
                    owner = -1;
                }
            }
        }
        if (owner < 0) {
            return null;
        }
        int at = HEADER + owner * entry;
        int len = b.getInt(at + (v1 ? 8 : 16));
        if (ownerOffset + len > value.length) {
            throw new IllegalArgumentException("registry history is truncated (" + value.length + " bytes)");
        }
        return new Version(b.getLong(at), value, ownerOffset, len);
    }

    /** How many entries the history holds (1 for a plain record, 0 for none). */
    static int count(byte[] value) {
        if (value == null || value.length == 0) {
            return 0;
        }
        if (value[0] != MAGIC && value[0] != MAGIC_V1) {
            return 1;
        }
        if (value.length < HEADER) {
            throw new IllegalArgumentException("registry history of " + value.length + " bytes has no header");
        }
        int n = ByteBuffer.wrap(value).getInt(1);
        int entry = value[0] == MAGIC ? ENTRY : ENTRY_V1;
        if (n < 1 || HEADER + (long) n * entry > value.length) {
            throw new IllegalArgumentException("registry history claims " + n + " entries in " + value.length + " bytes");
        }
        return n;
    }

    /**
     * {@code history} with the entries of {@code change} (a change, or a whole history of an earlier release) merged in,
     * or {@code history} itself (the same array) when the history has them all already (a change read twice). The
     * result does not depend on the order the changes come in. A registry record published again unchanged makes no
     * change in the first place ({@link RegistryAccountsProcessor}).
     *
     * @throws IllegalArgumentException when either value is not a history
     */
    public static byte[] merge(byte[] history, byte[] change) {
        if (change == null || change.length == 0) {
            return history;
        }
        if ((history == null || history.length == 0) && change[0] == MAGIC && count(change) == 1) {
            // The common case of a first load: the account's first claim, kept as it came.
            return change;
        }
        List<Entry> entries = decode(history);
        boolean changed = false;
        for (Entry e : decode(change)) {
            changed |= insert(entries, e);
        }
        return changed ? encode(entries) : history;
    }

    private static boolean insert(List<Entry> entries, Entry e) {
        int i = 0;
        while (i < entries.size() && entries.get(i).compareTo(e) < 0) {
            i++;
        }
        if (i < entries.size() && entries.get(i).compareTo(e) == 0) {
            return false;
        }
        entries.add(i, e);
        return true;
    }

    /** The entries of a value of any release, in time order. */
    static List<Entry> decode(byte[] value) {
        List<Entry> out = new ArrayList<>();
        if (value == null || value.length == 0) {
            return out;
        }
        if (value[0] != MAGIC && value[0] != MAGIC_V1) {
            out.add(new Entry(SINCE_FOREVER, ANY_NIP, value));
            return out;
        }
        boolean v1 = value[0] == MAGIC_V1;
        int entry = v1 ? ENTRY_V1 : ENTRY;
        ByteBuffer b = ByteBuffer.wrap(value);
        int n = count(value);
        int offset = HEADER + n * entry;
        for (int i = 0; i < n; i++) {
            int at = HEADER + i * entry;
            long from = b.getLong(at);
            long nip = v1 ? ANY_NIP : b.getLong(at + 8);
            int len = b.getInt(at + (v1 ? 8 : 16));
            if (len >= 0 && offset + len > value.length) {
                throw new IllegalArgumentException("registry history is truncated (" + value.length + " bytes)");
            }
            out.add(new Entry(from, nip, len < 0 ? null : Arrays.copyOfRange(value, offset, offset + len)));
            offset += Math.max(0, len);
        }
        out.sort(null);
        return out;
    }

    static byte[] encode(List<Entry> entries) {
        int size = HEADER + entries.size() * ENTRY;
        for (Entry e : entries) {
            size += e.claim() ? e.record().length : 0;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(MAGIC).putInt(entries.size());
        for (Entry e : entries) {
            b.putLong(e.from()).putLong(e.nip()).putInt(e.claim() ? e.record().length : -1);
        }
        for (Entry e : entries) {
            if (e.claim()) {
                b.put(e.record());
            }
        }
        return b.array();
    }
}
