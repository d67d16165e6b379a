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
             "elections":[{"id":"pilwalkot-lestari-2024","region_code":"35.77","office":"Wali Kota","date":"2024-11-27",
               "candidates":[{"id":"lestari-01","number":1,"names":["Bagus Wirawan","Ratna Sari"],"aliases":["BARA"],
                              "hashtags":["BagusRatna"],"slogans":["Lestari Maju"],"parties":["%s"]}]}]}
            """;

    @Test
    void readsTheWatchlistFormat(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("w.json"), WATCHLIST.formatted("pkb"));

        Watchlist w = WatchlistFiles.read(file);

        assertThat(w.version()).isEqualTo("test-1");
        assertThat(w.elections().getFirst().regionCode()).isEqualTo("35.77");
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

    @Test
    void listsEveryProblemOfAWatchlistAtOnce(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("w.json"), """
                {"version":"test-2",
                 "parties":[{"id":"pkb","name":"Partai Kebangkitan Bangsa","aliases":["PKB"]},
                            {"id":"pkb","name":"Partai Kebangkitan Bangsa","aliases":[""]}],
                 "elections":[{"id":"pilwalkot-x","region_code":"99.99","office":"Wali Kota","date":"2024-11-27",
                   "candidates":[{"id":"x-01","number":1,"names":["Bagus Wirawan",""],"hashtags":["#BagusRatna"],"parties":["pkb"]},
                                 {"id":"x-02","number":1,"names":["Yoga Pratama"],"parties":["pdip"]}]},
                   {"id":"pilbup-y","region_code":"35.19","office":"Bupati","date":"2024-11-27","candidates":[]}]}
                """);

        assertThatThrownBy(() -> WatchlistFiles.read(file)).hasMessageContaining("8 problem(s)")
                .hasMessageContaining("party 'pkb' is defined twice")
                .hasMessageContaining("party 'pkb' has an empty alias")
                .hasMessageContaining("region_code '99.99' is not a Kemendagri")
                .hasMessageContaining("candidate 'x-01' has an empty name")
                .hasMessageContaining("hashtag '#BagusRatna' must be given without #")
                .hasMessageContaining("candidate 'x-02' has ballot number 1, like 'x-01'")
                .hasMessageContaining("candidate 'x-02' names unknown party 'pdip'")
                .hasMessageContaining("election 'pilbup-y' has no candidates");
    }

    private static final String WITH_ACCOUNTS = """
            {"version":"test-2",
             "parties":[{"id":"pkb","name":"Partai Kebangkitan Bangsa","aliases":["PKB"],"accounts":["instagram:pkb.lestari"]}],
             "elections":[{"id":"pilwalkot-lestari-2024","region_code":"35.77","office":"Wali Kota","date":"2024-11-27",
               "candidates":[{"id":"lestari-01","number":1,"names":["Bagus Wirawan","Ratna Sari"],"parties":["pkb"],
                              "accounts":[%s]}],
               "groups":[%s]}]}
            """;

    @Test
    void readsCampaignAccountsAndGroups(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("w.json"), WITH_ACCOUNTS.formatted(
                "\"instagram:bagus.ratna\", \"https://x.com/BagusRatna01\"",
                "{\"platform\":\"facebook\",\"url\":\"https://www.facebook.com/groups/sahabatbagus\",\"name\":\"Sahabat Bagus\",\"candidate\":\"lestari-01\"},"
                        + "{\"platform\":\"facebook\",\"url\":\"https://www.facebook.com/groups/warga\",\"name\":\"Warga\"}"));

        Watchlist w = WatchlistFiles.read(file);

        assertThat(w.parties().getFirst().accounts()).containsExactly("instagram:pkb.lestari");
        assertThat(w.elections().getFirst().candidates().getFirst().accounts()).containsExactly("instagram:bagus.ratna", "https://x.com/BagusRatna01");
        assertThat(w.elections().getFirst().groups()).extracting(Election.Group::campaign).containsExactly(true, false);
    }

    @Test
    void listsEveryProblemOfAccountsAndGroups(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("w.json"), WITH_ACCOUNTS.formatted(
                "\"instagram:pkb.lestari\", \"x:way_too_long_for_x_handles\", \"myspace:bagus\"",
                "{\"platform\":\"facebook\",\"url\":\"/groups/relative\",\"name\":\"A\",\"candidate\":\"lestari-09\"},"
                        + "{\"platform\":\"facebook\",\"url\":\"https://facebook.com/groups/b\",\"name\":\"B\",\"party\":\"nope\"},"
                        + "{\"platform\":\"facebook\",\"url\":\"https://m.facebook.com/groups/B/\",\"name\":\"B again\"}"));

        assertThatThrownBy(() -> WatchlistFiles.read(file))
                .hasMessageContaining("account 'instagram:pkb.lestari' is also listed by party 'pkb'")
                .hasMessageContaining("not a valid x handle")
                .hasMessageContaining("unknown platform 'myspace'")
                .hasMessageContaining("group 'A': url '/groups/relative' is not an http(s) address")
                .hasMessageContaining("backs candidate 'lestari-09', which is not a candidate of this election")
                .hasMessageContaining("backs unknown party 'nope'")
                .hasMessageContaining("group 'B again': url 'https://m.facebook.com/groups/B/' is listed twice");
    }
}
