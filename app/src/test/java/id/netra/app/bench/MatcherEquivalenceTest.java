package id.netra.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.classifier.NetraAnalyzer;
import id.netra.classifier.WatchlistIndex;
import id.netra.model.Election;
import id.netra.model.Post;
import id.netra.model.Watchlist;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The token automaton and lucene-monitor find the same watchlist terms at the same places, on a generated national
 * watchlist (545 elections) and posts about it: the fast matcher may stand in for the reference.
 */
class MatcherEquivalenceTest {
    @Test
    void theAutomatonFindsExactlyWhatLuceneMonitorFinds() throws Exception {
        Watchlist watchlist = NationalData.watchlist(7);
        List<Election> elections = watchlist.elections();
        NetraAnalyzer analyzer = new NetraAnalyzer();
        try (WatchlistIndex automaton = new WatchlistIndex(watchlist, analyzer, WatchlistIndex.Matcher.AUTOMATON);
             WatchlistIndex monitor = new WatchlistIndex(watchlist, analyzer, WatchlistIndex.Matcher.MONITOR)) {
            int withHits = 0;
            for (int i = 0; i < 1500; i++) {
                Post post = i % 2 == 0 ? NationalData.electionPost(i, i * 31L, elections) : NationalData.post(i, i * 31L, elections);
                String region = elections.get((int) (i * 31L % elections.size())).regionCode();
                List<NetraAnalyzer.Token> tokens = analyzer.tokens(post.text());

                List<WatchlistIndex.Hit> a = automaton.match(post.text(), tokens, region);
                List<WatchlistIndex.Hit> m = monitor.match(post.text(), tokens, region);

                assertThat(a).as(post.text()).isEqualTo(m);
                withHits += a.isEmpty() ? 0 : 1;
            }
            assertThat(withHits).as("posts with watchlist terms").isGreaterThan(500);
        }
    }

    @Test
    void generatesAPilkadaShapedNationalWatchlistWithValidData() {
        Watchlist w = NationalData.watchlist(42);

        assertThat(w.elections()).hasSize(545);
        assertThat(w.elections().stream().mapToInt(e -> e.candidates().size()).sum()).isBetween(1450, 1650);
        assertThat(id.netra.model.WatchlistFiles.problems(w)).isEmpty();
        assertThat(id.netra.model.Nip.problem(NationalData.asn(4_499_999, w.elections()).nip(), java.time.LocalDate.parse("2024-11-01"))).isEmpty();
    }
}
