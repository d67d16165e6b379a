package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchlistFilesTest {
    private static final String WATCHLIST = """
            {"version":"test-1",
             "parties":[{"id":"pkb","name":"Partai Kebangkitan Bangsa","aliases":["PKB"]}],
             "elections":[{"id":"pilwalkot-lestari-2024","region_code":"99.01","office":"Wali Kota","date":"2024-11-27",
               "candidates":[{"id":"lestari-01","number":1,"names":["Bagus Wirawan","Ratna Sari"],"aliases":["BARA"],
                              "hashtags":["BagusRatna"],"slogans":["Lestari Maju"],"parties":["%s"]}]}]}
            """;

    @Test
    void readsTheWatchlistFormat(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("w.json"), WATCHLIST.formatted("pkb"));

        Watchlist w = WatchlistFiles.read(file);

        assertThat(w.version()).isEqualTo("test-1");
        assertThat(w.elections().getFirst().regionCode()).isEqualTo("99.01");
        assertThat(w.elections().getFirst().candidates().getFirst().hashtags()).containsExactly("BagusRatna");
    }

    @Test
    void rejectsACandidateOfAnUnknownParty(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("w.json"), WATCHLIST.formatted("nope"));

        assertThatThrownBy(() -> WatchlistFiles.read(file)).hasMessageContaining("unknown party 'nope'");
    }

    @Test
    void namesAMissingFile(@TempDir Path dir) {
        assertThatThrownBy(() -> WatchlistFiles.read(dir.resolve("none.json"))).hasMessageContaining("no such file");
    }
}
