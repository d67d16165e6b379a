package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Alert;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.Severity;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Interactions judged by their target: the fictional pair 01 of Lestari runs the campaign accounts
 * {@code instagram:bagusratna.official} and {@code x:BagusRatna01} and the group "Sahabat Bagus"; Golkar runs
 * {@code instagram:golkar.lestari}; "Warga Lestari Peduli" is a known neutral group ({@link Fixtures}).
 */
class InteractionsTest {
    static Optional<Alert> classify(Post post) {
        return Fixtures.CLASSIFIER.classify(post, Fixtures.RUDI, Fixtures.INDEX);
    }

    static Optional<Alert> comment(String text, String owner) {
        return classify(Fixtures.interaction(PostKind.COMMENT, text, owner));
    }

    @Nested
    class Comments {
        @Test
        void aCheerUnderAPairsCampaignPostIsSupportForThatPairThoughItNamesNobody() {
            Alert a = comment("semangaaat bos 💪💪", "bagusratna.official").orElseThrow();

            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.rule()).isEqualTo("interaction-support");
            assertThat(a.candidates()).extracting(Alert.CandidateMatch::candidateId).containsExactly("lestari-01");
            assertThat(a.interaction().kind()).isEqualTo("comment");
            assertThat(a.interaction().via()).isEqualTo("campaign-account");
            assertThat(a.interaction().account()).isEqualTo("instagram:bagusratna.official");
            assertThat(a.interaction().candidateId()).isEqualTo("lestari-01");
            assertThat(a.interaction().targetUrl()).hasToString("https://www.instagram.com/p/C1/");
            assertThat(a.explanation()).contains("komentar", "instagram:bagusratna.official", "paslon 1 Bagus Wirawan");
            assertThat(a.violation().legalBasis()).isNotEmpty();
        }

        @Test
        void aPledgeUnderACampaignPostIsACallToVote() {
            Alert a = comment("Siap menangkan, Pak! satu kampung sudah mantap", "BagusRatna.Official").orElseThrow();

            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.rule()).isEqualTo("call-to-vote");
            assertThat(a.explanation()).contains("komentar");
        }

        @Test
        void aQuestionOrComplaintToTheCandidateIsKeptLowForSearch() {
            Alert a = comment("Pak, kapan jalan di desa kami diperbaiki? sudah 2 tahun rusak", "bagusratna.official").orElseThrow();

            assertThat(a.severity()).isEqualTo(Severity.LOW);
            assertThat(a.rule()).isEqualTo("interaction-question");
            assertThat(comment("Bu, resep sambalnya pakai cabai apa?", "bagusratna.official").orElseThrow().severity())
                    .isEqualTo(Severity.LOW);
        }

        @Test
        void aNeutralityRequestUnderACampaignPostIsNeutral() {
            assertThat(comment("Mohon baliho tim dipindah, melanggar perwali", "bagusratna.official").orElseThrow().rule())
                    .isEqualTo("neutral-context");
        }

        @Test
        void anAttackOnTheCandidateUnderTheirOwnPostIsOpposition() {
            Alert a = comment("jangan pilih, pembohong semua janjinya", "bagusratna.official").orElseThrow();

            assertThat(a.rule()).isEqualTo("opposition");
            assertThat(a.candidates()).extracting(Alert.CandidateMatch::candidateId).containsExactly("lestari-01");
        }

        @Test
        void aCommentWithNoStanceIsLow() {
            assertThat(comment("ini di mana ya lokasinya", "bagusratna.official").orElseThrow().severity()).isEqualTo(Severity.LOW);
            assertThat(comment("wah ramai sekali", "bagusratna.official").orElseThrow().rule()).isEqualTo("interaction-mention");
        }

        @Test
        void aCommentUnderAFriendsPostIsJudgedByItsWordsOnly() {
            assertThat(comment("semangat bos 💪💪", "teman.biasa")).isEmpty();
            assertThat(comment("Dukung Yoga Pratama sampai menang!", "teman.biasa").orElseThrow().interaction()).isNull();
        }

        @Test
        void aCheerUnderAPartyAccountIsPartySupport() {
            Alert a = comment("Solid! siap bergerak 🔥", "golkar.lestari").orElseThrow();

            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.candidates()).isEmpty();
            assertThat(a.parties()).extracting(Alert.PartyMatch::partyId).containsExactly("golkar");
            assertThat(a.interaction().partyId()).isEqualTo("golkar");
            assertThat(a.explanation()).contains("akun partai");
        }
    }

    @Nested
    class SharesReactionsAndJoins {
        @Test
        void aShareOfACampaignPostWithoutWordsIsMedium() {
            Alert a = classify(Fixtures.interaction(PostKind.SHARE, "Kampanye akbar hari Minggu di lapangan kota", "bagusratna.official"))
                    .orElseThrow();

            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.rule()).isEqualTo("share-campaign");
            assertThat(a.explanation()).contains("Membagikan", "instagram:bagusratna.official");
        }

        @Test
        void aShareWithSupportiveWordsIsHigh() {
            Alert a = classify(Fixtures.interaction(PostKind.SHARE, "Dukung terus!\n\nKampanye akbar hari Minggu", "bagusratna.official"))
                    .orElseThrow();

            assertThat(a.severity()).isEqualTo(Severity.HIGH);
        }

        @Test
        void aLikeOrLoveOfACampaignPostIsMediumAndAHahaLow() {
            Alert like = classify(Fixtures.interaction(PostKind.REACTION, "like", "bagusratna.official")).orElseThrow();
            Alert haha = classify(Fixtures.interaction(PostKind.REACTION, "haha", "bagusratna.official")).orElseThrow();

            assertThat(like.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(like.rule()).isEqualTo("reaction-campaign");
            assertThat(like.interaction().reaction()).isEqualTo("like");
            assertThat(like.candidates()).extracting(Alert.CandidateMatch::candidateId).containsExactly("lestari-01");
            assertThat(like.explanation()).contains("«like»");
            // The same handle on another platform is somebody else's.
            assertThat(classify(Fixtures.interaction(PostKind.REACTION, "like", "yogaintan02"))).isEmpty();
            assertThat(haha.severity()).isEqualTo(Severity.LOW);
        }

        @Test
        void aReactionToAnyOtherAccountIsNothing() {
            assertThat(classify(Fixtures.interaction(PostKind.REACTION, "love", "kpu.lestari"))).isEmpty();
        }

        @Test
        void joiningACampaignGroupIsMediumAndANeutralGroupNothing() {
            Alert a = classify(Fixtures.join("https://web.facebook.com/groups/SahabatBagus/?ref=share", "SahabatBagus")).orElseThrow();

            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.rule()).isEqualTo("join-campaign-group");
            assertThat(a.interaction().via()).isEqualTo("campaign-group");
            assertThat(a.interaction().group()).isEqualTo("Sahabat Bagus");
            assertThat(a.explanation()).contains("grup kampanye «Sahabat Bagus»");
            assertThat(classify(Fixtures.join("https://www.facebook.com/groups/wargalestaripeduli", "bagusratna.official"))).isEmpty();
        }

        @Test
        void joiningAGroupRunByACampaignAccountCounts() {
            assertThat(classify(Fixtures.join("https://www.facebook.com/groups/relawanbaru", "BagusRatna01"))).isEmpty();
            assertThat(classify(new Post(Fixtures.join("https://x.com/i/communities/1", "BagusRatna01").platform(), "x_join", 
                    java.net.URI.create("https://x.com/i/communities/1"), new id.netra.model.Author("rudi_h", null), "",
                    java.time.OffsetDateTime.parse("2024-11-10T09:00:00+07:00"), PostKind.JOIN, null,
                    new id.netra.model.PostTarget(id.netra.model.Platform.X, null, java.net.URI.create("https://x.com/i/communities/1"),
                            new id.netra.model.Author("BagusRatna01", null)), java.util.List.of())).orElseThrow().rule())
                    .isEqualTo("join-campaign-group");
        }
    }

    @Test
    void theFirstRulesIgnoreTargets() {
        PostClassifier v1 = Lexicons.classifier("cues-v2+slang-v1+rules-v1");
        try (WatchlistIndex index = new WatchlistIndex(Fixtures.WATCHLIST, v1.analyzer())) {
            assertThat(v1.classify(Fixtures.interaction(PostKind.COMMENT, "semangat bos 💪", "bagusratna.official"), Fixtures.RUDI, index))
                    .isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
