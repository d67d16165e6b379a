package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostClassifierTest {
    static Optional<Alert> classify(String text) {
        return classify(text, Fixtures.RUDI);
    }

    static Optional<Alert> classify(String text, AsnRecord asn) {
        return Fixtures.CLASSIFIER.classify(Fixtures.post("1", "rudi_h", text), asn, Fixtures.INDEX);
    }

    static Severity severity(String text) {
        return classify(text).map(Alert::severity).orElse(null);
    }

    @Test
    void flagsACallToVoteWithEvidenceSpansIntoTheOriginalText() {
        String text = "Ayo COBLOS nomor 1, Bagus Wirawan untuk Lestari!";
        Alert a = classify(text).orElseThrow();

        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.rule()).isEqualTo("call-to-vote");
        assertThat(a.candidates()).extracting(Alert.CandidateMatch::candidateId).containsExactly("lestari-01");
        assertThat(a.evidence()).allSatisfy(e -> assertThat(text.substring(e.start(), e.end())).isEqualTo(e.text()));
        assertThat(a.evidence()).extracting(Alert.Evidence::text).contains("Bagus Wirawan", "COBLOS nomor 1");
        assertThat(a.watchlistVersion()).isEqualTo("test-1");
        assertThat(a.explanation()).contains("Bagus Wirawan");
        assertThat(a.violation().form()).isNotBlank();
        assertThat(a.violation().legalBasis()).anySatisfy(b -> assertThat(b).contains("PP 94/2021"));
        assertThat(a.lexiconVersion()).isEqualTo(Lexicons.current()).isEqualTo("cues-v3+slang-v2+rules-v3");
    }

    @Test
    void citesNoLegalBasisWhereTheRuleIsNoViolation() {
        Alert a = classify("Imbauan: ASN dilarang mendukung Bagus Wirawan. Jaga netralitas!").orElseThrow();

        assertThat(a.rule()).isEqualTo("neutral-context");
        assertThat(a.violation().form()).startsWith("Bukan pelanggaran");
        assertThat(a.violation().legalBasis()).isEmpty();
    }

    @Test
    void describesEveryRuleInTheRuleDataAndRefusesAnUnknownVersion() {
        Rules rules = Rules.load();

        assertThat(Rules.IDS).allSatisfy(id -> assertThat(rules.violation(id).form()).isNotBlank());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rules.load("rules-v999")).hasMessageContaining("rules-v999");
    }

    @Test
    void givesTheSameIdForTheSamePostAndVersions() {
        assertThat(classify("Dukung Yoga Pratama!").orElseThrow().id()).isEqualTo(classify("Dukung Yoga Pratama!").orElseThrow().id());
    }

    @Test
    void flagsACallNotToVoteAsOpposition() {
        Alert a = classify("Jangan pilih paslon 02, cuma janji manis").orElseThrow();

        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.rule()).isEqualTo("opposition");
        assertThat(a.candidates()).extracting(Alert.CandidateMatch::candidateId).containsExactly("lestari-02");
    }

    @Test
    void flagsACampaignHashtagAloneAsMedium() {
        Alert a = classify("Pagi yang cerah di taman kota #YogaIntan").orElseThrow();

        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(a.rule()).isEqualTo("campaign-symbol");
        assertThat(a.evidence()).extracting(Alert.Evidence::type).contains("hashtag");
    }

    @Test
    void splitsCamelCaseHashtagsIntoWords() {
        assertThat(WatchlistIndex.splitHashtag("LestariBangkit01")).isEqualTo("Lestari Bangkit 01");
        assertThat(severity("Semangat pagi, lestari bangkit 01!")).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void keepsANeutralityReminderNamingACandidateBelowTheFeed() {
        assertThat(severity("Imbauan: ASN dilarang mendukung Bagus Wirawan maupun Yoga Pratama. Jaga netralitas!")).isEqualTo(Severity.LOW);
        assertThat(severity("Jadwal debat publik paslon 1 dan paslon 2 malam ini, jangan golput ya")).isEqualTo(Severity.LOW);
    }

    @Test
    void ignoresUnrelatedSensesOfSupportAndNumbers() {
        assertThat(classify("Kami dukung program vaksinasi puskesmas")).isEmpty();
        assertThat(classify("Anak kami juara nomor 2 lomba pidato, bangga!")).isEmpty();
        assertThat(classify("Bingung pilih menu makan siang, nomor 1 atau nomor 2?")).isEmpty();
    }

    @Test
    void readsAGestureAsTheBallotNumberOfTheAsnsOwnElections() {
        Alert a = classify("Salam dua jari untuk Lestari yang lebih baik!").orElseThrow();

        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(a.rule()).isEqualTo("partisan-gesture");
        assertThat(a.candidates()).extracting(Alert.CandidateMatch::candidateId).containsExactly("lestari-02");
    }

    @Test
    void ignoresAPeaceEmojiWithoutAnElectionContext() {
        assertThat(classify("Liburan ke pantai bareng keluarga ✌️")).isEmpty();
    }

    @Test
    void tiesABareNumberToACandidateOnlyNextToACallOrSupportCue() {
        assertThat(classify("Siap menangkan 01!").orElseThrow().candidates())
                .extracting(Alert.CandidateMatch::candidateId).containsExactlyInAnyOrder("lestari-01", "nusa-01");
        assertThat(classify("Rapat jam 01 siang di aula")).isEmpty();
    }

    @Test
    void countsOtherRegionsCandidatesButSaysSo() {
        Alert a = classify("Dukung Joko Samudro!").orElseThrow();

        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.candidates()).singleElement().satisfies(c -> assertThat(c.inRegion()).isFalse());
        assertThat(a.explanation()).contains("di luar wilayah ASN");
    }

    @Test
    void doesNotTieABallotNumberToAnotherRegionsElection() {
        AsnRecord elsewhere = new AsnRecord("198601012010011002", "Sari Dewi", "Pemkot Samudra", null, null, "98.02", null, null, List.of());

        Alert a = classify("Coblos nomor 1!", elsewhere).orElse(null);

        assertThat(a).isNull();
    }

    @Test
    void matchesAnAcronymAliasOnlyInCapitals() {
        assertThat(classify("Hidup BARA! menang satu putaran").map(Alert::severity)).contains(Severity.HIGH);
        assertThat(classify("Bara api unggun di perkemahan pramuka")).isEmpty();
    }

    @Test
    void flagsPartyPromotion() {
        Alert a = classify("Ayo dukung PKB, partai kita bersama").orElseThrow();

        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.rule()).isEqualTo("party-promotion");
        assertThat(a.parties()).extracting(Alert.PartyMatch::partyId).containsExactly("pkb");
    }

    @Test
    void foldsCaseAndAccents() {
        assertThat(severity("DUKUNG YOGA PRÁTAMA")).isEqualTo(Severity.HIGH);
    }

    @Test
    void returnsNothingForAPostWithoutWatchlistTerms() {
        assertThat(classify("Ayo dukung timnas malam ini!")).isEmpty();
    }
}
