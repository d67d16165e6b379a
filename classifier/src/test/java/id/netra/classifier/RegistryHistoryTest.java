package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RegistryHistoryTest {
    private static final byte[] V1 = "{\"nip\":\"1\",\"regionCode\":\"35.77\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] V2 = "{\"nip\":\"1\",\"regionCode\":\"35.78\"}".getBytes(StandardCharsets.UTF_8);

    private static String at(byte[] history, long t) {
        RegistryHistory.Version v = RegistryHistory.asOf(history, t);
        return v == null ? null : new String(v.copy(), StandardCharsets.UTF_8);
    }

    @Test
    void countsTheFirstVersionSinceForeverAndLaterOnesFromTheirTime() {
        byte[] h = RegistryHistory.append(RegistryHistory.append(null, 1000, V1), 2000, V2);

        assertThat(at(h, -5_000_000)).isEqualTo(new String(V1, StandardCharsets.UTF_8));
        assertThat(at(h, 1999)).isEqualTo(new String(V1, StandardCharsets.UTF_8));
        assertThat(at(h, 2000)).isEqualTo(new String(V2, StandardCharsets.UTF_8));
        assertThat(RegistryHistory.count(h)).isEqualTo(2);
    }

    @Test
    void aRemovalHidesTheAccountFromItsTimeOnAndAReturnShowsItAgain() {
        byte[] h = RegistryHistory.append(RegistryHistory.append(RegistryHistory.append(null, 1000, V1), 2000, null), 3000, V2);

        assertThat(at(h, 1500)).contains("35.77");
        assertThat(at(h, 2500)).isNull();
        assertThat(at(h, 3500)).contains("35.78");
    }

    @Test
    void readsTheRegionOfTheChosenVersionWithoutCopying() {
        byte[] h = RegistryHistory.append(RegistryHistory.append(null, 1000, V1), 2000, V2);
        RegistryHistory.Version v = RegistryHistory.asOf(h, 2500);

        assertThat(RegistryRecordBytes.regionCode(v.bytes(), v.offset(), v.length())).isEqualTo("35.78");
    }

    @Test
    void aPlainRecordWrittenBeforeHistoriesIsOneVersionSinceForever() {
        assertThat(at(V1, 0)).contains("35.77");
        byte[] h = RegistryHistory.append(V1, 2000, V2);
        assertThat(at(h, 1000)).contains("35.77");
        assertThat(at(h, 2000)).contains("35.78");
    }

    @Test
    void aRepeatOfTheCurrentVersionAddsNothingAndAnEarlierClockDoesNotReorder() {
        byte[] h = RegistryHistory.append(RegistryHistory.append(null, 1000, V1), 5000, V2);
        assertThat(RegistryHistory.append(h, 6000, V2)).isSameAs(h);

        // Dated 4000 after a version of 5000: it counts from 5000, so the versions stay in the order they came.
        byte[] late = RegistryHistory.append(h, 4000, V1);
        assertThat(RegistryHistory.count(late)).isEqualTo(3);
        assertThat(at(late, 4999)).contains("35.77");
        assertThat(at(late, 5000)).contains("35.77");
        assertThat(at(h, 5000)).contains("35.78");
    }

    @Test
    void refusesATruncatedHistory() {
        byte[] h = RegistryHistory.append(RegistryHistory.append(null, 1000, V1), 2000, V2);
        byte[] cut = java.util.Arrays.copyOf(h, 20);

        assertThatThrownBy(() -> RegistryHistory.asOf(cut, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registry history");
    }
}
