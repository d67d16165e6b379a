package id.netra.classifier;

import static id.netra.classifier.PostClassifierTest.classify;
import static id.netra.classifier.PostClassifierTest.severity;
import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Alert;
import id.netra.model.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One group of cases per phenomenon of Indonesian social-media text, with the fictional candidates of {@link Fixtures}
 * (Lestari: 01 Bagus Wirawan "Mas Bagus"/BARA, 02 Yoga Pratama/YOIN; the province: 01 Hadi Kusumo).
 */
class PhenomenaTest {

    @Nested
    class Slang {
        @Test
        void readsInformalSpellingsAndElongations() {
            assertThat(severity("ayooo cblos yg nmr 2 yaaa, jgn smpe kalah")).isEqualTo(Severity.HIGH);
            assertThat(severity("dkg trs Yoga Pratamaaa!!!")).isEqualTo(Severity.HIGH);
        }
    }

    @Nested
    class NegationScope {
        @Test
        void aCallNotToVoteIsPartisan() {
            Alert a = classify("jgn pilih paslon 02, janjinya palsu").orElseThrow();

            assertThat(a.rule()).isEqualTo("opposition");
            assertThat(a.candidates()).extracting(Alert.CandidateMatch::candidateId).containsExactly("lestari-02");
        }

        @Test
        void anAttackOnACandidateIsOppositionNotSupport() {
            Alert a = classify("Kalau Yoga Pratama menang, kota ini bakal hancur. Jangan sampai!").orElseThrow();

            assertThat(a.rule()).isEqualTo("opposition");
            assertThat(a.candidates()).extracting(Alert.CandidateMatch::candidateId).containsExactly("lestari-02");
        }

        @Test
        void aProhibitionGovernsTheSupportWordAfterIt() {
            assertThat(severity("ASN dilarang mendukung salah satu paslon, termasuk Yoga Pratama")).isEqualTo(Severity.LOW);
            assertThat(severity("Ingat, ASN tidak boleh ikut kampanye Bagus Wirawan maupun paslon lain")).isEqualTo(Severity.LOW);
        }

        @Test
        void aReminderToVoteDoesNotHideACallForOnePair() {
            assertThat(severity("Jangan golput! 27 November coblos paslon nomor 2")).isEqualTo(Severity.HIGH);
            assertThat(severity("Jangan golput ya, gunakan hak pilih di TPS masing-masing")).isNull();
        }
    }

    @Nested
    class Gestures {
        @Test
        void aCheerNextToAGestureEmojiIsPartisan() {
            Alert a = classify("Siap ✌️💪").orElseThrow();

            assertThat(a.rule()).isEqualTo("partisan-gesture");
            assertThat(a.candidates()).extracting(Alert.CandidateMatch::candidateId).containsExactly("lestari-02");
        }

        @Test
        void aRegionalLanguageGestureCounts() {
            assertThat(classify("Ngopi bareng sedulur, salam siji jari").orElseThrow().candidates())
                    .extracting(Alert.CandidateMatch::candidateId).containsExactlyInAnyOrder("lestari-01", "nusa-01");
        }

        @Test
        void aPeaceSignOnAHolidayIsNot() {
            assertThat(classify("Foto bareng keluarga di pantai ✌️😄")).isEmpty();
        }
    }

    @Nested
    class Hashtags {
        @Test
        void aCampaignHashtagAtTheEndOfAnUnrelatedPostIsPartisan() {
            assertThat(severity("Jalan pagi keliling taman kota #LestariBangkit01")).isEqualTo(Severity.MEDIUM);
        }

        @Test
        void aCampaignHashtagInsideALongerHashtagCounts() {
            Alert a = classify("Pagi ceria #YogaIntan02Menang").orElseThrow();

            assertThat(a.candidates()).extracting(Alert.CandidateMatch::candidateId).containsExactly("lestari-02");
            assertThat(a.evidence()).anySatisfy(e -> assertThat(e.text()).isEqualTo("YogaIntan02Menang"));
        }

        @Test
        void aSupportWordInsideASloganIsTheSlogansNotTheAuthors() {
            Alert a = classify("Bersama membangun Lestari, kerja bakti pagi ini").orElseThrow();

            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.rule()).isEqualTo("campaign-symbol");
        }

        @Test
        void aLowerCaseHashtagThatSpellsAnAcronymIsAWord() {
            assertThat(classify("Api unggun semalam #bara #pramuka")).isEmpty();
            assertThat(severity("Makin mantap #BARA")).isEqualTo(Severity.MEDIUM);
        }
    }

    @Nested
    class NameCollisions {
        @Test
        void aNicknameAloneIsSomeoneElse() {
            assertThat(classify("Terima kasih Mas Bagus sudah bantu angkat galon kantor")).isEmpty();
        }

        @Test
        void aNicknameWithACampaignWordIsTheCandidate() {
            assertThat(severity("Pilkada makin dekat, Mas Bagus makin dekat")).isEqualTo(Severity.MEDIUM);
            assertThat(severity("Pilkada makin dekat, Mas Bagus makin di hati")).isEqualTo(Severity.HIGH);
            assertThat(severity("Dukung Mas Bagus sampai menang")).isEqualTo(Severity.HIGH);
        }

        @Test
        void aPartyNameInAnAddressIsAPlace() {
            assertThat(classify("Posko siaga banjir di Gg. Golkar buka 24 jam")).isEmpty();
        }

        @Test
        void aScoreIsNotABallotNumber() {
            assertThat(classify("Timnas menang 2-0 malam ini!")).isEmpty();
            assertThat(severity("Menang 2 putaran? Coblos 2!")).isEqualTo(Severity.HIGH);
        }
    }

    @Nested
    class Quoting {
        @Test
        void reportingAPartisanLineIsNotPartisan() {
            assertThat(severity("Sudah saya laporkan ke Bawaslu: ada ASN yang menulis 'coblos Yoga Pratama'")).isEqualTo(Severity.LOW);
        }

        @Test
        void informationNamingEveryPairIsNotPartisan() {
            Alert a = classify("Debat publik malam ini: paslon 1 Bagus Wirawan dan paslon 2 Yoga Pratama").orElseThrow();

            assertThat(a.severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void aChoiceOfEveryPairIsNotACallForOne() {
            assertThat(severity("Silakan pilih paslon 1 atau paslon 2 sesuai hati nurani")).isEqualTo(Severity.LOW);
        }

        @Test
        void comparingTwoPairsTakesASide() {
            assertThat(severity("Yoga Pratama cuma janji, Bagus Wirawan sudah bukti. Coblos nomor 1!")).isEqualTo(Severity.HIGH);
        }
    }

    @Nested
    class HiddenWords {
        @Test
        void spacedDottedAndEmojiSeparatedLettersStillCount() {
            assertThat(severity("jgn lupa tgl 27 c o b l o s  n o 2 ya")).isEqualTo(Severity.HIGH);
            assertThat(severity("27 Nov co.blos no.1 🙏 Mas B.a.g.u.s")).isEqualTo(Severity.HIGH);
            assertThat(classify("Y🔥O🔥I🔥N 🔥 kita semua!").orElseThrow().candidates())
                    .extracting(Alert.CandidateMatch::candidateId).containsExactly("lestari-02");
        }

        @Test
        void digitsForLettersAndLookAlikeLettersStillCount() {
            assertThat(severity("yg ngerti aja, n0m0r 2 p4st1 m3n4ng 🔥")).isEqualTo(Severity.HIGH);
            // Cyrillic а and о inside the name and the hashtag.
            Alert a = classify("Lestari butuh Yоga Prаtama #YоgaIntan").orElseThrow();
            assertThat(a.candidates()).extracting(Alert.CandidateMatch::candidateId).containsExactly("lestari-02");
            assertThat(a.evidence()).extracting(Alert.Evidence::text).contains("Yоga Prаtama", "YоgaIntan");
        }

        @Test
        void zeroWidthCharactersInsideANameStillCount() {
            assertThat(classify("B\u200Ba\u200Bg\u200Bu\u200Bs Wirawan ❤️ #Bagus\u2060Ratna").orElseThrow().severity()).isEqualTo(Severity.MEDIUM);
        }

        @Test
        void theSameTricksOnOrdinaryWordsStayOrdinary() {
            assertThat(classify("d.i.s.k.o.n 50% semua item, ambil 2 gratis 1")).isEmpty();
            assertThat(classify("GARUDA MENANG 2-0!! sk0r akhir 2-0 🔥")).isEmpty();
            assertThat(classify("s e h a t itu mahal, jaga pola makan")).isEmpty();
        }
    }

    @Nested
    class Parties {
        @Test
        void partyPrideWithoutACandidateIsPartyPromotion() {
            Alert a = classify("Bangga jadi kader Golkar, sampai kapanpun!").orElseThrow();

            assertThat(a.rule()).isEqualTo("party-promotion");
            assertThat(a.candidates()).isEmpty();
            assertThat(a.parties()).extracting(Alert.PartyMatch::partyId).containsExactly("golkar");
            assertThat(severity("PKB di hati, pileg kemarin menang, pilkada ini kita solidkan lagi")).isEqualTo(Severity.HIGH);
        }

        @Test
        void neutralMentionsOfAPartyAreNot() {
            assertThat(severity("Parkir peserta di samping kantor DPD Partai Golkar, arus dialihkan")).isEqualTo(Severity.LOW);
            assertThat(severity("Materi PPKn: fungsi partai politik, contoh PKB dan Golkar")).isIn(Severity.LOW, null);
            assertThat(classify("jual cabai secara partai ke pengepul, harga jatuh")).isEmpty();
        }
    }

    @Nested
    class Pictures {
        @Test
        void theAltTextOfAPictureIsReadWithThePostAndTheEvidenceSaysSo() {
            id.netra.model.Post post = Fixtures.post("alt", "rudi_h", "Semangat pagi 💪").withInteraction(null, java.util.List.of(
                    new id.netra.model.Media(id.netra.model.Media.Type.IMAGE, java.net.URI.create("https://example.com/a.jpg"),
                            "Foto bersama di depan baliho 'COBLOS NOMOR 2 Yoga Pratama'")));
            Alert a = Fixtures.CLASSIFIER.classify(post, Fixtures.RUDI, Fixtures.INDEX).orElseThrow();

            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.candidates()).extracting(Alert.CandidateMatch::candidateId).containsExactly("lestari-02");
            Alert.Evidence name = a.evidence().stream().filter(e -> e.type().equals("name")).findFirst().orElseThrow();
            assertThat(name.field()).isEqualTo("media[0].alt");
            assertThat(post.media().getFirst().alt().substring(name.start(), name.end())).isEqualTo("Yoga Pratama");
        }

        @Test
        void aNeutralPictureStaysNeutral() {
            id.netra.model.Post post = Fixtures.post("alt2", "rudi_h", "dinas pagi ✨").withInteraction(null, java.util.List.of(
                    new id.netra.model.Media(id.netra.model.Media.Type.IMAGE, null, "Foto tim perawat di ruang IGD")));
            assertThat(Fixtures.CLASSIFIER.classify(post, Fixtures.RUDI, Fixtures.INDEX)).isEmpty();
        }
    }

    @Nested
    class OtherElections {
        @Test
        void numbersOfAClassOrSchoolVoteAreThatVotes() {
            assertThat(classify("Pemilihan ketua kelas tadi seru, yg menang nomor 2 🥰")).isEmpty();
            assertThat(classify("Pemilihan ketua OSIS: paslon nomor 1 menang tipis, selamat!")).isEmpty();
            assertThat(severity("Ingat ya, 27 November coblos nomor 2!")).isEqualTo(Severity.HIGH);
        }
    }
}
