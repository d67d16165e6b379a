package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegistryHistoryTest {
    private static final long A = 198001012005011001L;
    private static final long B = 199002022010012002L;
    private static final byte[] V1 = "{\"nip\":\"A\",\"regionCode\":\"35.77\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] V2 = "{\"nip\":\"A\",\"regionCode\":\"35.78\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] W = "{\"nip\":\"B\",\"regionCode\":\"12.71\"}".getBytes(StandardCharsets.UTF_8);

    private static String at(byte[] history, long t) {
        RegistryHistory.Version v = RegistryHistory.asOf(history, t);
        return v == null ? null : new String(v.copy(), StandardCharsets.UTF_8);
    }

    private static byte[] mergeAll(byte[]... changes) {
        byte[] h = null;
        for (byte[] c : changes) {
            h = RegistryHistory.merge(h, c);
        }
        return h;
    }

    @Test
    void countsTheFirstClaimSinceForeverAndLaterOnesFromTheirTime() {
        byte[] h = mergeAll(RegistryHistory.claim(1000, A, V1), RegistryHistory.claim(2000, A, V2));

        assertThat(at(h, -5_000_000)).contains("35.77");
        assertThat(at(h, 1999)).contains("35.77");
        assertThat(at(h, 2000)).contains("35.78");
        assertThat(RegistryHistory.count(h)).isEqualTo(2);
    }

    @Test
    void aRemovalHidesTheAccountFromItsTimeOnAndAReturnShowsItAgain() {
        byte[] h = mergeAll(RegistryHistory.claim(1000, A, V1), RegistryHistory.removal(2000, A), RegistryHistory.claim(3000, A, V2));

        assertThat(at(h, 1500)).contains("35.77");
        assertThat(at(h, 2500)).isNull();
        assertThat(at(h, 3500)).contains("35.78");
    }

    @Test
    void aRemovalEndsOnlyTheClaimOfItsOwnNip() {
        // The account passes from A to B at 2000; A's record drops it at 3000. Whichever change is read first, B keeps it.
        byte[] ab = mergeAll(RegistryHistory.claim(1000, A, V1), RegistryHistory.claim(2000, B, W), RegistryHistory.removal(3000, A));
        byte[] ba = mergeAll(RegistryHistory.claim(1000, A, V1), RegistryHistory.removal(3000, A), RegistryHistory.claim(2000, B, W));

        assertThat(ab).isEqualTo(ba);
        assertThat(at(ab, 1500)).contains("35.77");
        assertThat(at(ab, 2500)).contains("12.71");
        assertThat(at(ab, 3500)).contains("12.71");
    }

    @Test
    void theSameChangesInAnyOrderGiveTheSameBytes() {
        List<byte[]> changes = new ArrayList<>(List.of(RegistryHistory.claim(1000, A, V1), RegistryHistory.claim(2000, A, V2),
                RegistryHistory.removal(2500, A), RegistryHistory.claim(3000, B, W), RegistryHistory.claim(4000, A, V1),
                RegistryHistory.removal(5000, B), RegistryHistory.claim(2000, A, V2)));
        byte[] expected = mergeAll(changes.toArray(byte[][]::new));
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            Collections.shuffle(changes.subList(1, changes.size()), random);
            assertThat(mergeAll(changes.toArray(byte[][]::new))).as("order %d", round).isEqualTo(expected);
        }
        assertThat(at(expected, 2200)).contains("35.78");
        assertThat(at(expected, 2700)).isNull();
        assertThat(at(expected, 3500)).contains("12.71");
        assertThat(at(expected, 4500)).contains("35.77");
        assertThat(at(expected, 5500)).contains("35.77");
    }

    @Test
    void readsTheRegionOfTheChosenVersionWithoutCopying() {
        byte[] h = mergeAll(RegistryHistory.claim(1000, A, V1), RegistryHistory.claim(2000, A, V2));
        RegistryHistory.Version v = RegistryHistory.asOf(h, 2500);

        assertThat(RegistryRecordBytes.regionCode(v.bytes(), v.offset(), v.length())).isEqualTo("35.78");
    }

    @Test
    void readsAndMergesTheValuesOfEarlierReleases() {
        // A plain record (first release): one claim since forever.
        assertThat(at(V1, 0)).contains("35.77");
        byte[] h = RegistryHistory.merge(V1, RegistryHistory.claim(2000, A, V2));
        assertThat(at(h, 1000)).contains("35.77");
        assertThat(at(h, 2000)).contains("35.78");

        // A whole history of the second release (0x01: from, length; no NIP): its removal ends any claim.
        byte[] v1 = ByteBuffer.allocate(5 + 2 * 12 + V1.length).put((byte) 0x01).putInt(2)
                .putLong(Long.MIN_VALUE).putInt(V1.length).putLong(3000).putInt(-1).put(V1).array();
        assertThat(at(v1, 2000)).contains("35.77");
        assertThat(at(v1, 3000)).isNull();
        byte[] merged = RegistryHistory.merge(v1, RegistryHistory.claim(4000, B, W));
        assertThat(at(merged, 2000)).contains("35.77");
        assertThat(at(merged, 3500)).isNull();
        assertThat(at(merged, 4000)).contains("12.71");
    }

    @Test
    void aChangeReadTwiceAddsNothing() {
        byte[] h = mergeAll(RegistryHistory.claim(1000, A, V1), RegistryHistory.removal(3000, A), RegistryHistory.claim(5000, A, V2));
        assertThat(RegistryHistory.merge(h, RegistryHistory.claim(5000, A, V2))).isSameAs(h);
        assertThat(RegistryHistory.merge(h, RegistryHistory.removal(3000, A))).isSameAs(h);
        assertThat(RegistryHistory.merge(h, RegistryHistory.claim(1000, A, V1))).isSameAs(h);
        // The first claim of an account is kept as it came, without a copy.
        byte[] first = RegistryHistory.claim(1000, A, V1);
        assertThat(RegistryHistory.merge(null, first)).isSameAs(first);
    }

    @Test
    void refusesATruncatedHistory() {
        byte[] h = mergeAll(RegistryHistory.claim(1000, A, V1), RegistryHistory.claim(2000, A, V2));
        byte[] cut = java.util.Arrays.copyOf(h, 50);

        assertThatThrownBy(() -> RegistryHistory.asOf(cut, 3000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registry history");
        assertThatThrownBy(() -> RegistryHistory.merge(cut, RegistryHistory.claim(3000, A, V1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsNipsFromRegistryKeys() {
        assertThat(RegistryHistory.nip("198001012005011001")).isEqualTo(A);
        assertThat(RegistryHistory.nip("x")).isEqualTo(RegistryHistory.ANY_NIP);
        assertThat(RegistryHistory.nip("1234567890123456789")).isEqualTo(RegistryHistory.ANY_NIP);
    }
}
