package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.alerts.auth.Role;
import id.netra.alerts.auth.Session;
import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.Author;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.Provenance;
import id.netra.model.Regions;
import id.netra.model.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CasesPageTest {
    private static final AsnRecord EVIL = new AsnRecord("198501012010011001", "<img src=x onerror=alert(2)>", "Dinas <b>X</b>", "Unit",
            "Guru", "18.72", "Drs. Sutomo", "sutomo@example.go.id", List.of());

    private static final Session ANALYST = TestUsers.session(Role.ANALYST, "18");

    private final Map<String, Alert> alerts = new HashMap<>();
    private final CaseBook book = new CaseBook(id -> Optional.ofNullable(alerts.get(id)));

    private CaseFile caseOf(Alert a) {
        alerts.put(a.id(), a);
        book.apply(book.place(a, Instant.parse("2024-11-13T00:00:00Z")).orElseThrow().event());
        return book.caseOf(a.id()).orElseThrow();
    }

    @Test
    void rendersAnXssPayloadInAPostOrANameAsText() {
        Alert a = TestAlerts.alert("1", "2024-11-12T19:05:00+07:00", Severity.HIGH, "<script>alert(1)</script> coblos nomor 3",
                URI.create("javascript:alert(3)"), EVIL, List.of(new Alert.Evidence(26, 32, "coblos", "support-cue", "coblos")));
        CaseFile c = caseOf(a);
        CaseView v = CaseView.of(c, id -> Optional.ofNullable(alerts.get(id)), Regions.bundled()).orElseThrow();

        String list = CasesPage.list(new CaseSearch.Page(List.of(v), null, 1, Map.of("agency", Map.of("Dinas <b>X</b>", 1L))),
                Map.of("q", "\"><script>x</script>"), false, ANALYST);
        String page = CasesPage.one(c, id -> Optional.ofNullable(alerts.get(id)), ANALYST);

        for (String html : List.of(list, page)) {
            assertThat(html).doesNotContain("<script>alert(1)").doesNotContain("<img src=x").doesNotContain("<b>X</b>")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
        assertThat(list).doesNotContain("<script>x</script>");
        assertThat(page).doesNotContain("href=\"javascript:").contains("<mark");
    }

    @Test
    void offersRegionsByNameDatePickersQueuesOrdersAndTheNextPage() {
        CaseFile c = caseOf(TestAlerts.alert("5", "2024-11-12T19:05:00+07:00", Severity.HIGH));
        CaseView v = CaseView.of(c, id -> Optional.ofNullable(alerts.get(id)), Regions.bundled()).orElseThrow();

        String list = CasesPage.list(new CaseSearch.Page(List.of(v), "bmV4dA", 2, Map.of("province", Map.of("Lampung", 2L))),
                Map.of("sort", "severity"), false, ANALYST);

        assertThat(list).contains("<input name=\"region\" type=\"search\" list=\"wilayah\"", "<option value=\"Kota Metro\">",
                "<input name=\"from\" type=\"date\"", "<input name=\"to\" type=\"date\"", "<option value=\"mine\">",
                "<option value=\"unassigned\">", "<option value=\"severity\" selected>", "href=\"/kasus?sort=severity&amp;after=bmV4dA\"",
                "href=\"/kasus?sort=severity&amp;region=Lampung\"");
    }

    @Test
    void showsAFilterItCannotReadOnThePageWithTheRegionsMeantAsLinks() {
        CaseQuery.BadFilter bandung = catchBadFilter(Map.of("region", "Bandung", "severity", "HIGH"));
        String page = CasesPage.refused(new java.util.LinkedHashMap<>(Map.of("region", "Bandung")), bandung, ANALYST);

        assertThat(page).contains("<form class=\"filters\"", "value=\"Bandung\"", "role=\"alert\"",
                "Wilayah «Bandung» tidak dikenal sebagai provinsi atau kabupaten/kota", "Maksud Anda:",
                "<a href=\"/kasus?region=Kabupaten+Bandung\">Kabupaten Bandung</a>", "<a href=\"/kasus?region=Kota+Bandung\">Kota Bandung</a>")
                .doesNotContain("<div id=\"cases\">"); // no list, so nothing live to refresh

        CaseQuery.BadFilter hostile = catchBadFilter(Map.of("region", "<b>x</b>"));
        assertThat(CasesPage.refused(Map.of("region", "<b>x</b>"), hostile, ANALYST)).doesNotContain("<b>x</b>")
                .contains("«&lt;b&gt;x&lt;/b&gt;»", "ketik sebagian namanya");
        assertThat(CasesPage.refused(Map.of("sort", "acak"), catchBadFilter(Map.of("sort", "acak")), ANALYST))
                .contains("Urutan: nilai «acak» tidak dapat dibaca.");
        Map<String, String> range = Map.of("from", "2024-11-25", "to", "2024-11-20");
        assertThat(CasesPage.refused(range, catchBadFilter(range), ANALYST))
                .contains("Sampai tanggal (2024-11-20) sebelum Dari tanggal (2024-11-25): tidak ada hari di antaranya.");
        assertThat(CasesPage.refused(Map.of("sort", "severity", "after", "xyz"), catchBadFilter(Map.of("sort", "severity", "after", "xyz")), ANALYST))
                .contains("Alamat halaman ini tidak berlaku lagi", "<a href=\"/kasus?sort=severity\">halaman pertama</a>");
    }

    @Test
    void saysTheHistoryInIndonesianTheCaptureTimeInWibAndAnAccountWithOneAt() {
        Alert plain = TestAlerts.alert("7", "2024-11-12T19:05:00+07:00", Severity.HIGH);
        Post post = new Post(Platform.TIKTOK, "7", plain.post().url(), new Author("@bidan.sri", "Sri"), plain.post().text(),
                plain.post().publishedAt(), PostKind.POST).withProvenance(new Provenance("samples", plain.post().url(), 200,
                Instant.parse("2024-11-12T12:10:53.567801178Z"), "ab".repeat(32), "cd".repeat(32), 1, null));
        Alert a = new Alert(plain.id(), Platform.TIKTOK, "7", plain.nip(), plain.severity(), plain.rule(), plain.explanation(), plain.violation(),
                post, plain.asn(), plain.candidates(), plain.parties(), plain.evidence(), "w1", "r1", "v1");
        CaseFile c = caseOf(a);

        String page = CasesPage.one(c, id -> Optional.ofNullable(alerts.get(id)), ANALYST);

        assertThat(page).contains("tiktok · @bidan.sri ·", "diambil 2024-11-12 19:10 +07:00", "<td data-label=\"Peristiwa\">Kasus dibuka</td>")
                .doesNotContain("@@", "12:10:53", ">opened<");
        assertThat(AlertText.handle(new Author("rudi_h", null))).isEqualTo("@rudi_h");
    }

    @Test
    void namesAStatusInIndonesianWhereTheFilterKeepsItsCode() {
        CaseFile c = caseOf(TestAlerts.alert("8", "2024-11-12T19:05:00+07:00", Severity.HIGH));
        CaseView v = CaseView.of(c, id -> Optional.ofNullable(alerts.get(id)), Regions.bundled()).orElseThrow();

        String list = CasesPage.list(new CaseSearch.Page(List.of(v), null, 1, Map.of("status", Map.of("OPEN", 1L))), Map.of(), false, ANALYST);

        assertThat(list).contains("<td data-label=\"Status\">Terbuka</td>", "<option value=\"OPEN\">Terbuka</option>",
                "<option value=\"CONFIRMED\">Dikonfirmasi</option>", "<a href=\"/kasus?status=OPEN\">Terbuka</a>");
        assertThat(CasesPage.one(c, id -> Optional.ofNullable(alerts.get(id)), ANALYST)).contains("— Terbuka</h1>");
    }

    private static CaseQuery.BadFilter catchBadFilter(Map<String, String> params) {
        try {
            CaseQuery.of(params::get);
        } catch (CaseQuery.BadFilter e) {
            return e;
        }
        throw new AssertionError("no BadFilter for " + params);
    }

    @Test
    void masksTheNipInTheListAndShowsItWholeOnTheCasePage() {
        CaseFile c = caseOf(TestAlerts.alert("2", "2024-11-12T19:05:00+07:00", Severity.HIGH));
        CaseView v = CaseView.of(c, id -> Optional.ofNullable(alerts.get(id)), Regions.bundled()).orElseThrow();

        assertThat(CasesPage.list(new CaseSearch.Page(List.of(v), null, 1, Map.of()), Map.of(), false, ANALYST)).contains("19850101********01").doesNotContain("198501012010011001");
        assertThat(CasesPage.one(c, id -> Optional.ofNullable(alerts.get(id)), ANALYST)).contains("198501012010011001");
    }

    @Test
    void namesTheUserAndCarriesTheCsrfTokenAndALogoutButton() {
        CaseFile c = caseOf(TestAlerts.alert("3", "2024-11-12T19:05:00+07:00", Severity.HIGH));

        String page = CasesPage.one(c, id -> Optional.ofNullable(alerts.get(id)), ANALYST);

        assertThat(page).contains("<meta name=\"csrf-token\" content=\"" + ANALYST.csrfToken() + "\">")
                .contains("uji · analis · Lampung (18)").contains("action=\"/logout\"").contains("name=\"csrf\"");
    }

    @Test
    void drawsTheListAndTheCaseOnTheLayoutWithRowsThatStackOnAPhone() {
        CaseFile c = caseOf(TestAlerts.alert("6", "2024-11-12T19:05:00+07:00", Severity.HIGH));
        CaseView v = CaseView.of(c, id -> Optional.ofNullable(alerts.get(id)), Regions.bundled()).orElseThrow();
        CaseSearch.Page page = new CaseSearch.Page(List.of(v), null, 1, Map.of());

        String list = CasesPage.list(page, Map.of(), false, ANALYST);
        String fragment = CasesPage.list(page, Map.of(), true, ANALYST);
        String one = CasesPage.one(c, id -> Optional.ofNullable(alerts.get(id)), ANALYST);

        for (String html : List.of(list, one)) {
            assertThat(html).contains("<link rel=\"stylesheet\" href=\"/assets/netra.css\">", "<header class=\"top\">", "<table class=\"stack\">")
                    .doesNotContain("<style");
        }
        // The day and the time each kept whole, the line broken between them if at all.
        assertThat(list).contains("<td data-label=\"Waktu\"><span class=\"nowrap\">2024-11-12</span> <span class=\"nowrap\">19:05 +07:00</span></td>");
        assertThat(list).contains("<div id=\"cases\"><div class=\"counts\">1 kasus", "<tr id=\"kasus-" + c.id() + "\" data-case=\"" + c.id() + "\">",
                "<td data-label=\"Wilayah\">", "<datalist id=\"wilayah\">");
        assertThat(fragment).startsWith("<div class=\"counts\">1 kasus").doesNotContain("<html", "<form");
        assertThat(CasesPage.row(v)).startsWith("<tr id=\"kasus-" + c.id() + "\"").endsWith("</tr>\n");
    }

    @Test
    void showsNoTriageButtonsToAnAuditor() {
        CaseFile c = caseOf(TestAlerts.alert("4", "2024-11-12T19:05:00+07:00", Severity.HIGH));

        assertThat(CasesPage.one(c, id -> Optional.ofNullable(alerts.get(id)), TestUsers.session(Role.AUDITOR, "national")))
                .doesNotContain("data-action=").contains("Riwayat");
        assertThat(CasesPage.one(c, id -> Optional.ofNullable(alerts.get(id)), ANALYST)).contains("data-action=\"confirmed\"");
    }

    @Test
    void showsTheInteractionItsTargetAndWhyTheTargetCounts() {
        Alert base = TestAlerts.alert("9", "2024-11-12T19:05:00+07:00", Severity.HIGH, "siap menangkan <b>bos</b> 🔥",
                URI.create("https://www.instagram.com/p/C1/c/9/"), TestAlerts.ASN, List.of(new Alert.Evidence(0, 14, "siap menangkan", "call-cue", "siap menangkan")));
        id.netra.model.Post post = new id.netra.model.Post(id.netra.model.Platform.INSTAGRAM, "C1_9", base.post().url(), base.post().author(),
                base.post().text(), base.post().publishedAt(), id.netra.model.PostKind.COMMENT, null,
                new id.netra.model.PostTarget(id.netra.model.Platform.INSTAGRAM, "C1", URI.create("https://www.instagram.com/p/C1/"),
                        new id.netra.model.Author("bagus.official", "Bagus <i>Official</i>")),
                List.of(new id.netra.model.Media(id.netra.model.Media.Type.IMAGE, URI.create("https://cdn.example/p.jpg"), "Poster COBLOS NO 3")));
        Alert a = new Alert(base.id(), base.platform(), base.postId(), base.nip(), base.severity(), base.rule(), base.explanation(),
                base.violation(), post, base.asn(), base.candidates(), base.parties(),
                List.of(new Alert.Evidence(0, 14, "siap menangkan", "call-cue", "siap menangkan"),
                        new Alert.Evidence(7, 18, "COBLOS NO 3", "ballot-number", "lestari-03", "media[0].alt")),
                base.watchlistVersion(), base.registryVersion(), "cues-v3+slang-v2+rules-v2",
                new Alert.Interaction("comment", "campaign-account", "instagram:bagus.official", null, URI.create("https://www.instagram.com/p/C1/"),
                        "C1", "bagus.official", "pilwalkot-lestari", "lestari-03", null, null));

        String page = CasesPage.one(caseOf(a), id -> Optional.ofNullable(alerts.get(id)), ANALYST);

        assertThat(page).contains("komentar").contains("milik <b>@bagus.official</b>").contains("Bagus &lt;i&gt;Official&lt;/i&gt;")
                .contains("href=\"https://www.instagram.com/p/C1/\"")
                .contains("akun kampanye instagram:bagus.official milik paslon 3 Bagus Wirawan (pilwalkot-lestari)")
                .contains("teks alt (bukti ditemukan di sini): Poster <mark>COBLOS NO 3</mark>")
                .contains("<mark>siap menangkan</mark> &lt;b&gt;bos&lt;/b&gt;");
    }
}
