package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records written by the release before posts carried targets and media ({@code src/test/resources/compat/}, written
 * by that release's model classes) are read by this one, and written again byte for byte: an audit replay compares
 * alerts as bytes, and ingest compares content hashes.
 */
class CompatibilityTest {
    private static String fixture(String name) throws IOException {
        try (InputStream in = CompatibilityTest.class.getResourceAsStream("/compat/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void readsAndWritesAnEarlierPostWithItsProvenanceUnchanged() throws IOException {
        String json = fixture("post-with-provenance.json");
        Post post = Json.mapper().readValue(json, Post.class);

        assertThat(post.target()).isNull();
        assertThat(post.media()).isEmpty();
        assertThat(post.provenance().reportedBy()).isEqualTo("analis");
        assertThat(Json.mapper().writeValueAsString(post)).isEqualTo(json);
        // Ingest compares this hash with the one it recorded: the same post must not look edited after an upgrade.
        assertThat(post.contentHash()).isEqualTo(fixture("post-content-hash.txt")).isEqualTo(post.provenance().contentHash());
    }

    @Test
    void readsAndWritesEarlierAlertsUnchanged() throws IOException {
        List<String> lines = fixture("alerts.jsonl").lines().toList();
        assertThat(lines).hasSize(3);
        for (String json : lines) {
            Alert alert = Json.mapper().readValue(json, Alert.class);
            assertThat(alert.interaction()).isNull();
            assertThat(alert.evidence()).allSatisfy(e -> assertThat(e.field()).isNull());
            assertThat(Json.mapper().writeValueAsString(alert)).isEqualTo(json);
        }
    }

    @Test
    void readsAndWritesAnEarlierWatchlistUnchanged() throws IOException {
        String json = fixture("watchlist.json");
        Watchlist w = Json.mapper().readValue(json, Watchlist.class);

        assertThat(w.elections()).allSatisfy(e -> assertThat(e.groups()).isEmpty());
        assertThat(Json.mapper().writeValueAsString(w)).isEqualTo(json);
    }
}
