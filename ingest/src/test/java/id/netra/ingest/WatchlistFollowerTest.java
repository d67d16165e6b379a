package id.netra.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Account;
import id.netra.model.Candidate;
import id.netra.model.Election;
import id.netra.model.Party;
import id.netra.model.Platform;
import id.netra.model.Watchlist;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchlistFollowerTest {

    @Test
    void watchesTheCampaignAccountsOfCandidatesAndPartiesOnePlatformAtATimeEachOnce() {
        Candidate pair = new Candidate("metro-03", 3, List.of("Wahyu Nugroho", "Anisa Putri"), List.of(), List.of(), List.of(), List.of(),
                List.of("mastodon:wahyuanisa03@warga.example", "x:WahyuAnisa03", "youtube:@wahyuanisa03", "not an account"));
        Party party = new Party("pkb", "Partai Kebangkitan Bangsa", List.of("PKB"),
                List.of("mastodon:@WahyuAnisa03@warga.example", "mastodon:pkb@warga.example"));
        Watchlist w = new Watchlist("v1", List.of(party), List.of(new Election("pilwalkot-metro-2024", "18.72", "Wali Kota",
                LocalDate.parse("2024-11-27"), List.of(pair))));

        assertThat(WatchlistFollower.accounts(w, Platform.MASTODON)).extracting(Account::handle)
                .containsExactly("wahyuanisa03@warga.example", "pkb@warga.example");
        assertThat(WatchlistFollower.accounts(w, Platform.YOUTUBE)).extracting(Account::handle).containsExactly("@wahyuanisa03");
        assertThat(WatchlistFollower.accounts(w, Platform.TIKTOK)).isEmpty();
    }
}
