package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.alerts.auth.Role;
import id.netra.alerts.auth.Session;
import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.Regions;
import id.netra.model.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ASN page of one civil servant who moved from Jakarta to Kota Metro (two registry records), with a name that is
 * markup: what each jurisdiction sees, and that everything from the registry and posts is escaped.
 */
class AsnPageTest {
    private static final String NIP = "199001012015041004";
    private static final AsnRecord IN_JAKARTA = new AsnRecord(NIP, "<img src=x onerror=alert(2)>", "Pemerintah Provinsi DKI Jakarta",
            "Dinas <b>Perhubungan</b>", "Staf", "31.71", "Ir. Joko", "joko@example.go.id", List.of());
    private static final AsnRecord IN_METRO = new AsnRecord(NIP, "<img src=x onerror=alert(2)>", "Pemerintah Kota Metro",
            "Dinas Kesehatan", "Kepala Seksi", "18.72", "dr. Hasan", "hasan@example.go.id", List.of());
    private static final AsnRecord SOMEONE_ELSE = new AsnRecord("197903152005012002", "Sri Wahyuni", "Pemerintah Kota Metro",
            "Dinas Kesehatan", "Perawat", "18.72", "dr. Hasan", null, List.of());

    private final AlertFeed feed = new AlertFeed();
    private final CaseBook book = new CaseBook(feed::get);

    private Alert placed(String postId, String at, String text, AsnRecord asn, String registryVersion) {
        Alert a = TestAlerts.alert(postId, at, Severity.HIGH, text, URI.create("https://x.com/u/status/" + postId), asn,
                List.of(new Alert.Evidence(0, 6, "coblos", "support-cue", "coblos")));
        Alert versioned = new Alert(Alert.idFor(a.post().key(), "w1", registryVersion), a.platform(), a.postId(), a.nip(), a.severity(),
                a.rule(), a.explanation(), a.violation(), a.post(), asn, a.candidates(), a.parties(), a.evidence(), "w1", registryVersion,
                a.lexiconVersion());
        feed.add(versioned);
        book.apply(book.place(versioned, Instant.parse("2024-11-20T00:00:00Z")).orElseThrow().event());
        return versioned;
    }

    private final Alert jakarta = placed("1", "2024-10-01T09:00:00+07:00", "coblos pasangan nomor tiga di Jakarta", IN_JAKARTA, "r-jkt");
    private final Alert metro = placed("2", "2024-11-12T19:05:00+07:00", "coblos <script>alert(1)</script> di Metro", IN_METRO, "r-metro");
    private final Alert metroAgain = placed("3", "2024-11-13T08:00:00+07:00", "coblos lagi, ayo semua ke TPS", IN_METRO, "r-metro");
    private final Alert other = placed("4", "2024-11-13T09:00:00+07:00", "coblos nomor tiga", SOMEONE_ELSE, "r-sri");

    private String caseOf(Alert a) {
        return book.caseOf(a.id()).orElseThrow().id();
    }

    private AsnView view(Session viewer) {
        return AsnView.of(caseOf(metro), NIP, book::casesOfNip, feed::alertsOfNip, feed::get, book::caseOf, viewer.user().jurisdiction(),
                Regions.bundled(), PersonalData.whole(viewer));
    }

    @Test
    void showsANationalAnalystEveryCaseAlertAndRecordOfThePerson() {
        AsnView v = view(TestUsers.session(Role.ANALYST, "national"));

        assertThat(v.nip()).isEqualTo(NIP);
        assertThat(v.cases()).extracting(AsnView.CaseRow::id).containsExactlyInAnyOrder(caseOf(jakarta), caseOf(metro), caseOf(metroAgain))
                .doesNotContain(caseOf(other));
        assertThat(v.alerts()).extracting(AsnView.AlertRow::id).containsExactly(metroAgain.id(), metro.id(), jakarta.id());
        assertThat(v.alerts()).extracting(AsnView.AlertRow::caseId).containsExactly(caseOf(metroAgain), caseOf(metro), caseOf(jakarta));
        assertThat(v.alerts()).extracting(AsnView.AlertRow::snapshot).containsExactly(2, 2, 1);
        assertThat(v.registry()).hasSize(2);
        assertThat(v.registry().get(0).record().regionCode()).isEqualTo("31.71");
        assertThat(v.registry().get(0).versions()).containsExactly("r-jkt");
        assertThat(v.registry().get(1).record().position()).isEqualTo("Kepala Seksi");
        assertThat(v.registry().get(1).versions()).containsExactly("r-metro");
        assertThat(v.record().agency()).isEqualTo("Pemerintah Kota Metro");
    }

    @Test
    void listsForAProvincialAnalystOnlyWhatTheirJurisdictionCovers() {
        AsnView v = view(TestUsers.session(Role.ANALYST, "18"));

        assertThat(v.cases()).extracting(AsnView.CaseRow::id).containsExactlyInAnyOrder(caseOf(metro), caseOf(metroAgain));
        assertThat(v.alerts()).extracting(AsnView.AlertRow::id).containsExactly(metroAgain.id(), metro.id());
        assertThat(v.registry()).hasSize(1);
        assertThat(v.registry().getFirst().record().regionCode()).isEqualTo("18.72");
        String html = AsnPage.render(v, TestUsers.session(Role.ANALYST, "18"));
        assertThat(html).doesNotContain(caseOf(jakarta)).doesNotContain("Jakarta").doesNotContain("r-jkt");
    }

    @Test
    void masksTheNipAndLeavesOutTheSupervisorsAddressForAnAuditor() {
        Session auditor = TestUsers.session(Role.AUDITOR, "national");

        String html = AsnPage.render(view(auditor), auditor);

        assertThat(html).contains("19900101********04").doesNotContain(NIP).doesNotContain("hasan@example.go.id");
        // the NIP is not in the title either, where a browser's history would keep it
        assertThat(html).contains("<title>Netra — ASN &lt;img src=x onerror=alert(2)&gt;</title>");
        assertThat(AsnPage.render(view(TestUsers.session(Role.ANALYST, "18")), TestUsers.session(Role.ANALYST, "18")))
                .contains(NIP, "hasan@example.go.id");
    }

    @Test
    void rendersTheRecordsCasesAndAlertsWithLinksAndEscapesMarkup() {
        Session analyst = TestUsers.session(Role.ANALYST, "national");

        String html = AsnPage.render(view(analyst), analyst);

        assertThat(html).contains("<html lang=\"id\"", "Riwayat data registri (2)", "Kasus (3)", "Peringatan (3)",
                "href=\"/kasus/" + caseOf(metro) + "\"", "href=\"/kasus/" + caseOf(jakarta) + "\"", "Kepala Seksi", "r-jkt", "r-metro",
                "Kota Metro", "&lt;img src=x onerror=alert(2)&gt;", "Dinas &lt;b&gt;Perhubungan&lt;/b&gt;", "call-to-vote");
        assertThat(html).doesNotContain("<img src=x").doesNotContain("<b>Perhubungan").doesNotContain("<script>alert(1)");
    }

    @Test
    void saysSoWhenTheJurisdictionSeesNoneOfThePersonsAlerts() {
        Session papua = TestUsers.session(Role.ANALYST, "91");

        AsnView v = view(papua);

        assertThat(v.record()).isNull();
        assertThat(v.cases()).isEmpty();
        assertThat(AsnPage.render(v, papua)).contains("Tidak ada peringatan tentang ASN ini di wilayah Anda.");
    }
}
