package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Alert;
import id.netra.model.MediaText;
import id.netra.model.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PictureViewTest {
    private static Alert withPicture(String text, List<Alert.Evidence> evidence) {
        Alert a = TestAlerts.alert("301", "2024-11-12T08:00:00+07:00", Severity.HIGH);
        MediaText.Item item = new MediaText.Item(0, "image", URI.create("https://cdn.example/p.png"), MediaText.Status.READ, null,
                "ab".repeat(32), "image/png", Instant.EPOCH, 1080, 1350, text, List.of(new MediaText.Word(0, 6, new MediaText.Box(58, 402, 451, 178), 91)));
        MediaText m = new MediaText(a.post().key(), a.post().versionKey(), "h", List.of(item), "tesseract 5.3.0 ind+eng", Instant.EPOCH);
        return new Alert(a.id(), a.platform(), a.postId(), a.nip(), a.severity(), a.rule(), a.explanation(), a.violation(), a.post(), a.asn(),
                a.candidates(), a.parties(), evidence, a.watchlistVersion(), a.registryVersion(), a.lexiconVersion(), null, m);
    }

    @Test
    void drawsThePictureWithABoxAroundEachWordThatCounted() {
        Alert a = withPicture("COBLOS NOMOR 1", List.of(new Alert.Evidence(0, 6, "COBLOS", "call-cue", "coblos", "media[0].ocr",
                List.of(new MediaText.Box(58, 402, 451, 178)))));

        String rows = PictureView.rows(a, "NTR-2024-000001");

        assertThat(rows).contains("<svg").contains("viewBox=\"0 0 1080 1350\"")
                .contains("<image href=\"/kasus/NTR-2024-000001/gambar/" + a.id() + "/0\"")
                .contains("<rect class=\"evidence-box\" x=\"58\" y=\"402\" width=\"451\" height=\"178\"")
                .contains("<mark>COBLOS</mark> NOMOR 1").contains("bukti ditemukan di sini");
        assertThat(rows).doesNotContain("<script");
    }

    @Test
    void escapesTheTextReadInAPicture() {
        Alert a = withPicture("<script>alert(1)</script> \"x\"", List.of());

        String rows = PictureView.rows(a, "NTR-2024-000001");

        // Quotes are harmless in element content: the template escapes them only inside attributes.
        assertThat(rows).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt; \"x\"").doesNotContain("evidence-box");
    }

    @Test
    void showsAVideosCaptionsWithTheEvidenceMarked() {
        Alert base = TestAlerts.alert("303", "2024-11-12T08:00:00+07:00", Severity.HIGH);
        id.netra.model.Post post = base.post().withInteraction(null, List.of(new id.netra.model.Media(id.netra.model.Media.Type.VIDEO,
                URI.create("https://cdn.example/v.mp4"), null, null, "jangan lupa coblos <b>nomor 1</b>")));
        Alert a = new Alert(base.id(), base.platform(), base.postId(), base.nip(), base.severity(), base.rule(), base.explanation(), base.violation(),
                post, base.asn(), base.candidates(), base.parties(), List.of(new Alert.Evidence(12, 18, "coblos", "call-cue", "coblos",
                "media[0].captions")), base.watchlistVersion(), base.registryVersion(), base.lexiconVersion());

        assertThat(PictureView.rows(a, "NTR-2024-000001")).contains("Teks takarir video 1").contains("<mark>coblos</mark>")
                .contains("&lt;b&gt;nomor 1&lt;/b&gt;").doesNotContain("<svg");
    }

    @Test
    void showsNothingForAnAlertThatReadNoPicture() {
        assertThat(PictureView.rows(TestAlerts.alert("302", "2024-11-12T08:00:00+07:00", Severity.HIGH), "NTR-2024-000001")).isEmpty();
    }
}
