package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records written by earlier releases (before posts carried targets and media; case events before they carried a
 * dossier's hash) ({@code src/test/resources/compat/}, written
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

    @Test
    void readsAndWritesCaseEventsWrittenBeforeDossiersUnchanged() throws IOException {
        List<String> lines = fixture("alert-events.jsonl").lines().toList();
        assertThat(lines).hasSize(4);
        for (String json : lines) {
            AlertEvent e = Json.mapper().readValue(json, AlertEvent.class);
            assertThat(e.sha256()).isNull();
            assertThat(Json.mapper().writeValueAsString(e)).isEqualTo(json);
        }
    }

    @Test
    void writesADossierIssuedEventWithItsHashAndReadsItBack() throws IOException {
        String hash = "0".repeat(63) + "a";
        AlertEvent issued = new AlertEvent("e9", "NTR-2024-000001", AlertEvent.Type.DOSSIER_ISSUED, "ani",
                java.time.Instant.parse("2024-11-14T02:00:00Z"), null, null, null, hash);

        String json = Json.mapper().writeValueAsString(issued);

        assertThat(json).contains("\"type\":\"dossier-issued\"", "\"sha256\":\"" + hash + "\"");
        assertThat(Json.mapper().readValue(json, AlertEvent.class)).isEqualTo(issued);
    }
}
