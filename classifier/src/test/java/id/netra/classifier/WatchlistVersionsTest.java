package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.netra.model.Watchlist;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchlistVersionsTest {
    private static WatchlistVersions.Published at(long t, String version) {
        return new WatchlistVersions.Published(t, new Watchlist(version, List.of(), List.of()));
    }

    private static final WatchlistVersions VERSIONS = WatchlistVersions.of(List.of(at(3000, "v3"), at(1000, "v1"), at(2000, "v2")));

    @Test
    void theVersionInForceIsTheNewestPublishedAtOrBeforeTheTime() {
        assertThat(VERSIONS.inForceAt(1000).orElseThrow().version()).isEqualTo("v1");
        assertThat(VERSIONS.inForceAt(2999).orElseThrow().version()).isEqualTo("v2");
        assertThat(VERSIONS.inForceAt(Long.MAX_VALUE).orElseThrow().version()).isEqualTo("v3");
    }

    @Test
    void aTimeBeforeEveryVersionGetsTheOldest() {
        assertThat(VERSIONS.inForceAt(0).orElseThrow().version()).isEqualTo("v1");
    }

    @Test
    void anUnknownVersionIsRefusedListingThePublishedOnes() {
        assertThatThrownBy(() -> VERSIONS.version("v9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'v9'").hasMessageContaining("v1, v2, v3");
    }

    @Test
    void nothingIsInForceBeforeAnyVersionIsPublished() {
        assertThat(WatchlistVersions.of(List.of()).inForceAt(0)).isEmpty();
    }
}
