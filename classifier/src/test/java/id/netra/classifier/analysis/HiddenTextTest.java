package id.netra.classifier.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.classifier.NetraAnalyzer;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The analysis chain of slang-v2 undoes the usual ways of hiding a word from keyword matching, and every token still
 * points at what the author wrote.
 */
class HiddenTextTest {
    final NetraAnalyzer analyzer = new NetraAnalyzer("slang-v2");
    final NetraAnalyzer before = new NetraAnalyzer("slang-v1");

    private List<String> terms(String text) {
        return analyzer.terms(text);
    }

    /** What each token covers in the original text. */
    private List<String> spans(String text) {
        return analyzer.tokens(text).stream().map(t -> text.substring(t.start(), t.end())).toList();
    }

    @Nested
    class InvisibleCharacters {
        @Test
        void zeroWidthCharactersInsideAWordOrHashtagAreDropped() {
            String text = "R\u200Bu\u200Bd\u200Bi ❤️ #Yoga\u200CIntan Lestari\u2060Maju";

            assertThat(terms(text)).containsExactly("rudi", "❤️", "yogaintan", "lestarimaju");
            assertThat(spans(text)).containsExactly("R\u200Bu\u200Bd\u200Bi", "❤️", "Yoga\u200CIntan", "Lestari\u2060Maju");
        }

        @Test
        void aZeroWidthJoinerBetweenLettersIsDroppedButEmojiSequencesStayWhole() {
            assertThat(terms("co\u200Dblos 👩\u200D👩\u200D👧")).containsExactly("coblos", "👩\u200D👩\u200D👧");
        }

        @Test
        void fullWidthAndMathematicalLettersReadAsPlainLetters() {
            assertThat(terms("ｃｏｂｌｏｓ 𝐧𝐨𝐦𝐨𝐫 2")).containsExactly("coblos", "nomor", "2");
        }

        @Test
        void theFirstChainLeavesThemAsTheyWere() {
            assertThat(before.terms("R\u200Bu\u200Bd\u200Bi")).doesNotContain("rudi");
        }
    }

    @Nested
    class LookAlikeLetters {
        @Test
        void cyrillicLettersInALatinWordReadAsLatin() {
            // а, е, о, с, р: Cyrillic.
            String text = "Kalbаr Hаrmoni, сoblos #EdisоnAzhаr";

            assertThat(terms(text)).containsExactly("kalbar", "harmoni", "coblos", "edisonazhar");
            assertThat(spans(text)).containsExactly("Kalbаr", "Hаrmoni", "сoblos", "EdisоnAzhаr");
        }

        @Test
        void aWordOfLookAlikesOnlyReadsAsLatinButRealCyrillicStays() {
            assertThat(terms("сор")).containsExactly("cop");
            assertThat(terms("Привет")).containsExactly("привет");
        }
    }

    @Nested
    class SpacedAndDottedLetters {
        @Test
        void lettersSpacedApartAreJoined() {
            String text = "jgn lupa c o b l o s  n o 2 ya";

            assertThat(terms(text)).containsExactly("jangan", "lupa", "coblos", "no", "2", "ya");
            assertThat(spans(text)).containsExactly("jgn", "lupa", "c o b l o s", "n o", "2", "ya");
        }

        @Test
        void lettersJoinedByDotsHyphensOrEmojisAreJoined() {
            assertThat(terms("co.blos S.Y.A.H.D.U E-D-A-R Y🔥A🔥K🔥I🔥N 🔥")).containsExactly("coblos", "syahdu", "edar", "yakin", "🔥");
            assertThat(spans("Y🔥A🔥K🔥I🔥N")).containsExactly("Y🔥A🔥K🔥I🔥N");
        }

        @Test
        void spacedLettersWithDigitsForLettersAreJoinedAndRead() {
            assertThat(terms("c 0 b l 0 s  3 ya")).containsExactly("coblos", "3", "ya");
        }

        @Test
        void ordinaryTextIsUnchanged() {
            assertThat(terms("a.n. Budi, S.Pd. di RT 2 / RW 3, harga 2.500")).containsExactly("an", "budi", "spd", "di", "rt", "2", "rw", "3",
                    "harga", "2.500");
            assertThat(terms("x 2 y")).containsExactly("x", "2", "y");
        }
    }

    @Nested
    class DigitsForLetters {
        @Test
        void digitsInsideAWordReadAsLetters() {
            String text = "n0m0r 3 p4st1 m3n4ng #T0mmyH4sn4h n0 3";

            assertThat(terms(text)).containsExactly("nomor", "3", "pasti", "menang", "tommyhasnah", "no", "3");
            assertThat(spans(text)).contains("p4st1", "T0mmyH4sn4h");
        }

        @Test
        void numbersCodesScoresAndReduplicationsStay() {
            assertThat(terms("anak2 smp17 covid19 rt02 skor 2-0 02 2024")).containsExactly("anak2", "smp17", "covid19", "rt02", "skor", "2",
                    "0", "02", "2024");
        }
    }
}
