package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.alerts.auth.Role;
import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.Severity;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void rendersAScriptInThePostAndInTheNameAsText() {
        AsnRecord evil = new AsnRecord("198501012010011001", "<img src=x onerror=alert(2)>", "A", "U", "P", "99.01", null, null, List.of());
        Alert a = TestAlerts.alert("1", "2024-11-01T10:00:00+07:00", Severity.HIGH, "<script>alert(1)</script> coblos",
                URI.create("https://x.com/a/status/1"), evil, List.of(new Alert.Evidence(26, 32, "coblos", "support-cue", "coblos")));

        String page = FeedPage.render(List.of(a), Severity.MEDIUM, 1, TestUsers.session(Role.ANALYST, "national"));

        assertThat(page).doesNotContain("<script>alert(1)").doesNotContain("<img src=x");
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt; <mark>coblos</mark>", "&lt;img src=x onerror=alert(2)&gt;");
    }

    @Test
    void showsTheFormOfViolationTheLegalBasisAndEveryVersion() {
        Alert a = TestAlerts.alert("1", "2024-11-01T10:00:00+07:00", Severity.HIGH);

        String page = FeedPage.render(List.of(a), Severity.MEDIUM, 1, TestUsers.session(Role.ANALYST, "national"));

        assertThat(page).contains("<dt>Bentuk</dt><dd>Ajakan memilih pasangan calon melalui media sosial</dd>",
                "<dt>Dasar hukum</dt><dd>PP 94/2021 Pasal 5 huruf n</dd>", "daftar pantau w1", "registri r1",
                "leksikon cues-v2+slang-v1+rules-v1");
    }

    @Test
    void doesNotLinkAJavascriptUrl() {
        Alert a = TestAlerts.alert("1", "2024-11-01T10:00:00+07:00", Severity.HIGH, "coblos", URI.create("javascript:alert(1)"),
                TestAlerts.ASN, List.of());

        String page = FeedPage.render(List.of(a), Severity.MEDIUM, 1, TestUsers.session(Role.ANALYST, "national"));

        assertThat(page).doesNotContain("href=\"javascript");
        assertThat(AlertText.href(URI.create("javascript:alert(1)"))).isNull();
        assertThat(AlertText.href(URI.create("https://x.com/a?b=1&c=%222%22"))).isEqualTo("https://x.com/a?b=1&c=%222%22");
    }

    @Test
    void mergesOverlappingAndAdjacentSpansAndClipsThemToTheText() {
        String text = "ayo coblos nomor 3 sekarang";
        List<Alert.Evidence> spans = List.of(
                new Alert.Evidence(4, 10, "coblos", "support-cue", "c"),
                new Alert.Evidence(11, 18, "nomor 3", "ballot-number", "n"),
                new Alert.Evidence(10, 11, " ", "x", "x"),
                new Alert.Evidence(0, 3, "ayo", "x", "x"),
                new Alert.Evidence(1, 2, "y", "x", "x"),
                new Alert.Evidence(25, 99, "ng", "x", "x"));

        assertThat(Html.spans(text, spans, null)).containsExactly(new Html.Span("ayo", true), new Html.Span(" ", false),
                new Html.Span("coblos nomor 3", true), new Html.Span(" sekara", false), new Html.Span("ng", true));
    }
}
