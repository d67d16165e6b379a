package id.netra.classifier;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The history of one registry account, the value of the {@code registry-accounts} topic: every version of the ASN
 * record the account belonged to, each with the time from which it counts, or a removal (the account left the person's
 * record, or the person left service). The compacted topic keeps the latest history of each account, so the history
 * survives compaction and the classifier can look a post's author up as of the post's time.
 *
 * <p>As-of rule: an account's <em>first</em> known version counts since forever (the registry is published after the
 * fact: a 2024 post of an ASN first imported in 2026 is judged with that record); every later version counts from its
 * registry record's timestamp. A removal counts the same way.
 *
 * <p>Encoding (binary, so the classifier's per-post lookup reads a few numbers and the region field of one record):
 * byte {@code 0x01}; int n; n times (long from-millis, int length, -1 for a removal); the records' JSON bytes one after
 * the other. A value that starts with {@code {} is a plain record written before histories existed: one version,
 * since forever.
 */
final class RegistryHistory {
    static final byte MAGIC = 0x01;
    /** The "since forever" of a first version. */
    static final long SINCE_FOREVER = Long.MIN_VALUE;
    private static final int HEADER = 5;
    private static final int ENTRY = 12;

    /** A slice of a history's bytes: one version's record JSON, or {@code removed}. */
    record Version(long from, byte[] bytes, int offset, int length) {
        boolean removed() {
            return length < 0;
        }

        byte[] copy() {
            return removed() ? null : Arrays.copyOfRange(bytes, offset, offset + length);
        }
    }

    private RegistryHistory() {
    }

    /**
     * The version in force at {@code atMillis}: the last version whose {@code from} is at or before it (the first
     * version counts since forever); null when the value is null or its version there is a removal.
     *
     * @throws IllegalArgumentException when the bytes are neither a history nor a plain record
     */
    static Version asOf(byte[] value, long atMillis) {
        if (value == null || value.length == 0) {
            return null;
        }
        if (value[0] != MAGIC) {
            return new Version(SINCE_FOREVER, value, 0, value.length);
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        int n = count(value);
        int dataStart = HEADER + n * ENTRY;
        int offset = dataStart;
        int chosen = 0;
        int chosenOffset = dataStart;
        for (int i = 0; i < n; i++) {
            long from = b.getLong(HEADER + i * ENTRY);
            int len = b.getInt(HEADER + i * ENTRY + 8);
            if (i == 0 || from <= atMillis) {
                chosen = i;
                chosenOffset = offset;
            } else {
                break;
            }
            offset += Math.max(0, len);
        }
        long from = b.getLong(HEADER + chosen * ENTRY);
        int len = b.getInt(HEADER + chosen * ENTRY + 8);
        if (len < 0) {
            return null;
        }
        if (chosenOffset + len > value.length) {
            throw new IllegalArgumentException("registry history is truncated (" + value.length + " bytes)");
        }
        return new Version(from, value, chosenOffset, len);
    }

    /** How many versions the history holds (1 for a plain record, 0 for none). */
    static int count(byte[] value) {
        if (value == null || value.length == 0) {
            return 0;
        }
        if (value[0] != MAGIC) {
            return 1;
        }
        if (value.length < HEADER) {
            throw new IllegalArgumentException("registry history is truncated (" + value.length + " bytes)");
        }
        int n = ByteBuffer.wrap(value).getInt(1);
        if (n < 1 || HEADER + (long) n * ENTRY > value.length) {
            throw new IllegalArgumentException("registry history claims " + n + " versions in " + value.length + " bytes");
        }
        return n;
    }

    /**
     * {@code history} with one more version at {@code atMillis}: {@code record} (its JSON bytes) or a removal (null).
     * The first version of an account counts since forever; a version is never dated before the one it follows (so
     * the history stays in order should clocks disagree); a repeat of the current state adds nothing.
     */
    static byte[] append(byte[] history, long atMillis, byte[] record) {
        int n = count(history);
        if (n == 0) {
            if (record == null) {
                return null;
            }
            return encode(new long[] {SINCE_FOREVER}, new byte[][] {record});
        }
        long[] froms = new long[n + 1];
        byte[][] records = new byte[n + 1][];
        if (history[0] != MAGIC) {
            froms[0] = SINCE_FOREVER;
            records[0] = history;
        } else {
            ByteBuffer b = ByteBuffer.wrap(history);
            int offset = HEADER + n * ENTRY;
            for (int i = 0; i < n; i++) {
                froms[i] = b.getLong(HEADER + i * ENTRY);
                int len = b.getInt(HEADER + i * ENTRY + 8);
                records[i] = len < 0 ? null : Arrays.copyOfRange(history, offset, offset + len);
                offset += Math.max(0, len);
            }
        }
        if (Arrays.equals(records[n - 1], record)) {
            return history;
        }
        froms[n] = Math.max(atMillis, froms[n - 1]);
        records[n] = record;
        return encode(froms, records);
    }

    static byte[] encode(long[] froms, byte[][] records) {
        int size = HEADER + froms.length * ENTRY;
        for (byte[] r : records) {
            size += r == null ? 0 : r.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(MAGIC).putInt(froms.length);
        for (int i = 0; i < froms.length; i++) {
            b.putLong(froms[i]).putInt(records[i] == null ? -1 : records[i].length);
        }
        for (byte[] r : records) {
            if (r != null) {
                b.put(r);
            }
        }
        return b.array();
    }
}
