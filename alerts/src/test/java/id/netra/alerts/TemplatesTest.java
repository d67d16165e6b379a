package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.alerts.auth.Role;
import id.netra.alerts.auth.Session;
import id.netra.model.Alert;
import id.netra.model.Author;
import id.netra.model.Media;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostTarget;
import id.netra.model.Severity;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {
    private static final String XSS = "\"><script>alert(1)</script>";

    @Test
    void escapesAHostileValueInTheTitleAndLinksOfTheLayoutAndAPage() {
        Session viewer = TestUsers.session(Role.AUDITOR, "national");
        id.netra.model.ReplayReport r = new id.netra.model.ReplayReport("run" + XSS, java.time.Instant.parse("2024-11-01T00:00:00Z"),
                java.time.Instant.parse("2024-11-08T00:00:00Z"), java.time.Instant.parse("2026-01-01T00:00:00Z"),
                new id.netra.model.ReplayReport.Versions(null, null, null), "alerts-replay-x", 1, 1, 1.0, 1.0,
                new id.netra.model.ReplayReport.Counts(0, 0, 0, 0, 0, 0), List.of());

        String page = ReportsPage.page(r, viewer) + ReportsPage.list(List.of(r), viewer);

        assertThat(page).doesNotContain("<script>alert(1)").contains("<title>Netra — Laporan replay run\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>")
                .contains("href=\"/laporan/run%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E\"")
                .contains("<meta name=\"csrf-token\" content=\"" + viewer.csrfToken() + "\">")
                .contains("<link rel=\"stylesheet\" href=\"/assets/netra.css\">").contains("action=\"/logout\"", "href=\"/laporan\"");
    }

    @Test
    void escapesAHostileMessageFromIngestOnTheReportedPage() {
        Map<String, Object> params = new HashMap<>();
        params.put("accepted", false);
        params.put("message", XSS);
        params.put("viewer", TestUsers.session(Role.ANALYST, "18"));

        String page = Templates.html("reported.jte", params);

        assertThat(page).contains("Laporan tidak diterima", "&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
    }

    @Test
    void escapesTheTargetAndAltTextOfAPostAndLinksNoScriptAddress() {
        Alert plain = TestAlerts.alert("9", "2024-11-01T10:00:00+07:00", Severity.HIGH);
        Post post = new Post(Platform.X, "9", plain.post().url(), plain.post().author(), plain.post().text(), plain.post().publishedAt(),
                plain.post().kind(), null, new PostTarget(Platform.X, "77", URI.create("javascript:alert(3)"), new Author("kampanye" + XSS, XSS)),
                List.of(new Media(Media.Type.IMAGE, URI.create("https://cdn.example/a.jpg?x=1&y=\"2\"".replace("\"", "%22")), "coblos " + XSS)));
        Alert a = new Alert(plain.id(), plain.platform(), plain.postId(), plain.nip(), plain.severity(), plain.rule(), plain.explanation(),
                plain.violation(), post, plain.asn(), plain.candidates(), plain.parties(),
                List.of(new Alert.Evidence(0, 6, "coblos", "support-cue", "coblos", "media[0].alt")), plain.watchlistVersion(),
                plain.registryVersion(), plain.lexiconVersion());

        String page = FeedPage.render(List.of(a), Severity.MEDIUM, 1, TestUsers.session(Role.ANALYST, "national"));

        assertThat(page).doesNotContain("<script>alert(1)").doesNotContain("href=\"javascript:")
                .contains("milik <b>@kampanye\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;</b>")
                .contains("teks alt (bukti ditemukan di sini): <mark>coblos</mark> \"&gt;&lt;script&gt;")
                .contains("href=\"https://cdn.example/a.jpg?x=1&amp;y=%222%22\"");
    }

    @Test
    void theLoginPageShowsTheFormOnTheLayoutWithoutAUserBar() {
        String page = Templates.html("login.jte", Map.of("message", "Nama pengguna atau kata sandi salah."));

        assertThat(page).contains("Netra — Masuk", "name=\"password\" type=\"password\"", "class=\"err\"", "/assets/netra.css")
                .doesNotContain("csrf-token").doesNotContain("/logout");
    }
}
