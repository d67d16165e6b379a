package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.AlertEvent.Type;
import id.netra.model.AsnRecord;
import id.netra.model.Post;
import id.netra.model.Provenance;
import id.netra.model.Regions;
import id.netra.model.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DossierTest {
    private static final Instant ISSUED = Instant.parse("2024-11-14T03:00:00Z");
    private static final String CAPTURE = "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea";
    private static final Provenance PROVENANCE = new Provenance("x-watch", URI.create("https://api.x.com/2/tweets/51"), 200,
            Instant.parse("2024-11-12T12:06:30Z"), CAPTURE, "c0ffee", 1, null);

    /** An alert whose post carries the provenance of its capture. */
    private static Alert captured(Alert a) {
        Post p = a.post();
        Post withCapture = new Post(p.platform(), p.postId(), p.url(), p.author(), p.text(), p.publishedAt(), p.kind(), PROVENANCE,
                p.target(), p.media());
        return new Alert(a.id(), a.platform(), a.postId(), a.nip(), a.severity(), a.rule(), a.explanation(), a.violation(), withCapture,
                a.asn(), a.candidates(), a.parties(), a.evidence(), a.watchlistVersion(), a.registryVersion(), a.lexiconVersion());
    }

    private static CaseFile confirmed(List<Alert> alerts) {
        String id = "NTR-2024-000042";
        Instant t = Instant.parse("2024-11-13T01:00:00Z");
        List<AlertEvent> history = new java.util.ArrayList<>();
        history.add(new AlertEvent("e1", id, Type.OPENED, "system", t, alerts.getFirst().id(), null, null));
        for (int i = 1; i < alerts.size(); i++) {
            history.add(new AlertEvent("e1-" + i, id, Type.ALERT_ADDED, "system", t.plusSeconds(i), alerts.get(i).id(), null, null));
        }
        history.add(new AlertEvent("e2", id, Type.ASSIGNED, "nasional", t.plusSeconds(600), null, "ani", null));
        history.add(new AlertEvent("e3", id, Type.COMMENTED, "ani", t.plusSeconds(1200), null, null, "Tangkapan layar diperiksa ulang"));
        history.add(new AlertEvent("e4", id, Type.CONFIRMED, "ani", t.plusSeconds(1800), null, null, "Ajakan memilih terbukti"));
        return new CaseFile(id, null, CaseFile.Status.CONFIRMED, "ani", alerts.stream().map(Alert::id).toList(), history, t, t.plusSeconds(1800));
    }

    @Test
    void holdsTheRecordThePostsTheirEvidenceTheLawAndTheHistory() throws Exception {
        Alert a = captured(TestAlerts.alert("51", "2024-11-12T19:05:00+07:00", Severity.HIGH));

        byte[] pdf = Dossier.pdf(confirmed(List.of(a)), List.of(a), Regions.bundled(), ISSUED, "ani");
        String text = PdfText.of(pdf).replaceAll("\\s+", " ");

        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(text).contains("BERKAS RUJUKAN DUGAAN PELANGGARAN NETRALITAS ASN", "NTR-2024-000042", "14 November 2024",
                "Rudi Hartono", "198501012010011001", "Pemerintah Kota Lestari", "Dinas Pendidikan", "Guru", "Drs. Sutomo",
                "Ayo coblos nomor 3!", "https://x.com/rudi_h/status/51", "12 November 2024 19:05:00 WIB",
                CAPTURE, "12 November 2024 19:06:30 WIB", "\"coblos\" (support-cue)",
                "Ajakan memilih pasangan calon melalui media sosial", "PP 94/2021 Pasal 5 huruf n",
                "call-to-vote", "daftar pantau w1", "registri r1", "leksikon cues-v2+slang-v1+rules-v1",
                "Pelanggaran dikonfirmasi", "Ajakan memilih terbukti", "Tangkapan layar diperiksa ulang", "kepada ani",
                "Halaman 1 dari");
        // the NIP is whole: this is the official referral
        assertThat(text).doesNotContain("********");
    }

    @Test
    void numbersEveryPageOfALongCase() throws Exception {
        List<Alert> alerts = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> captured(TestAlerts.alert("6" + i, "2024-11-12T19:0" + (i % 10) + ":00+07:00", Severity.HIGH))).toList();

        byte[] pdf = Dossier.pdf(confirmed(alerts), alerts, Regions.bundled(), ISSUED, "ani");
        int pages = PdfText.pages(pdf);

        assertThat(pages).isGreaterThan(1);
        String text = PdfText.of(pdf);
        for (int p = 1; p <= pages; p++) {
            assertThat(text).contains("Halaman " + p + " dari");
        }
    }

    @Test
    void laysOutHostileTextAsTextAndMarksCharactersTheFontLacks() throws Exception {
        AsnRecord odd = new AsnRecord("199001012015041004", "<img src=x onerror=alert(2)> \u202Eevil", null, null, null, "99.01", null,
                null, List.of());
        String longWord = "A".repeat(4000);
        String text = "<script>alert(1)</script> coblos 😀🗳️ nomor 3 \u0000\u0007 %PDF-1.4 endobj ) Tj ( " + longWord + " مرحبا 中文";
        Alert hostile = TestAlerts.alert("71", "2024-11-12T19:05:00+07:00", Severity.HIGH, text, URI.create("javascript:alert(3)"), odd,
                List.of(new Alert.Evidence(26, 32, "coblos", "support-cue", "coblos")));
        Alert noLaw = new Alert(hostile.id(), hostile.platform(), hostile.postId(), hostile.nip(), hostile.severity(), hostile.rule(), null,
                null, hostile.post(), hostile.asn(), List.of(), List.of(), List.of(), "w1", "r1", null);

        byte[] pdf = Dossier.pdf(confirmed(List.of(noLaw)), List.of(noLaw), Regions.bundled(), ISSUED, "ani");
        String extracted = PdfText.of(pdf);

        assertThat(extracted).contains("<script>alert(1)</script> coblos", "<img src=x onerror=alert(2)>", "javascript:alert(3)",
                "%PDF-1.4 endobj ) Tj (", "199001012015041004", "tidak tercatat");
        // the emoji, the control characters and the right-to-left override have no glyph: each shows as a replacement mark
        assertThat(Dossier.text("a😀b\u202Ec\u0007d")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd");
        assertThat(extracted).contains("\uFFFD").doesNotContain("😀").doesNotContain("\u202E");
        assertThat(extracted.replaceAll("\\s", "")).contains(longWord);
    }

    @Test
    void givesTheHashOfEachPictureReadAndSaysWhereAWordWasFound() throws Exception {
        Alert a = captured(TestAlerts.alert("81", "2024-11-12T08:00:00+07:00", Severity.HIGH));
        id.netra.model.MediaText.Item item = new id.netra.model.MediaText.Item(0, "image", URI.create("https://cdn.example/p.png"),
                id.netra.model.MediaText.Status.READ, null, "ab".repeat(32), "image/png", Instant.parse("2024-11-12T01:00:05Z"), 1080, 1350,
                "COBLOS NOMOR 3", List.of());
        id.netra.model.MediaText m = new id.netra.model.MediaText(a.post().key(), a.post().versionKey(), "h", List.of(item), "tesseract", ISSUED);
        Alert withPicture = new Alert(a.id(), a.platform(), a.postId(), a.nip(), a.severity(), a.rule(), a.explanation(), a.violation(), a.post(),
                a.asn(), a.candidates(), a.parties(), List.of(new Alert.Evidence(0, 6, "COBLOS", "support-cue", "coblos", "media[0].ocr")),
                a.watchlistVersion(), a.registryVersion(), a.lexiconVersion(), null, m);

        String text = PdfText.of(Dossier.pdf(confirmed(List.of(withPicture)), List.of(withPicture), Regions.bundled(), ISSUED, "ani"))
                .replaceAll("\\s+", " ");

        assertThat(text).contains("gambar 1: " + "ab".repeat(32) + " (diambil 12 November 2024 08:00:05 WIB)",
                "\"COBLOS\" (support-cue, teks dalam gambar 1)");
    }
}
