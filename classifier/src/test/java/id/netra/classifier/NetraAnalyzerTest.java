package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetraAnalyzerTest {
    final NetraAnalyzer analyzer = new NetraAnalyzer();

    @Test
    void foldsCaseAndAccentsAndSqueezesElongations() {
        assertThat(analyzer.terms("MENAAANG Pasti!! Prátama cooooblos")).containsExactly("menang", "pasti", "pratama", "coblos");
    }

    @Test
    void replacesSlangFromTheDataFile() {
        assertThat(analyzer.terms("gk usah ragu, yg penting dkg nmr 2")).containsExactly("tidak", "usah", "ragu", "yang", "penting", "dukung", "nomor", "2");
        assertThat(analyzer.slangVersion()).isEqualTo("slang-v2");
    }

    @Test
    void keepsEmojisAsTokensAndDropsTheHashOfAHashtag() {
        assertThat(analyzer.terms("Siap ✌️ #YogaIntan")).containsExactly("siap", "✌️", "yogaintan");
    }

    @Test
    void offsetsPointIntoTheOriginalTextEvenWhereTheTermChanged() {
        String text = "Ayo cooooblos yg nmr 2 ✌️";
        List<NetraAnalyzer.Token> tokens = analyzer.tokens(text);

        assertThat(tokens).extracting(t -> text.substring(t.start(), t.end()))
                .containsExactly("Ayo", "cooooblos", "yg", "nmr", "2", "✌️");
        assertThat(tokens).extracting(NetraAnalyzer.Token::term).containsExactly("ayo", "coblos", "yang", "nomor", "2", "✌️");
    }

    @Test
    void doesNotStemNames() {
        assertThat(analyzer.terms("Megawati ketua pemilu")).containsExactly("megawati", "ketua", "pemilu");
    }

    @Test
    void refusesAnUnknownSlangVersion() {
        assertThatThrownBy(() -> new NetraAnalyzer("slang-v999")).hasMessageContaining("slang-v999");
    }
}
