package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/** The elongation filter gives the tokens Lucene's PatternReplaceFilter gives with the same expression. */
class ElongationFilterTest {
    private static final Pattern ELONGATION = Pattern.compile("(\\p{L})\\1{2,}");
    private static final String[] PIECES = {"a", "aa", "aaa", "aaaa", "b", "menang", "coooblos", "111", "2222", "!!!", "é", "ééé",
            "ß", "ßßß", "𝐀", "𝐀𝐀𝐀", "𝐀𝐀", "😀", "😀😀😀", "✌️✌️✌️", "Ääää", "x", "yyy", " ", " ", "  ", ".", "#", "ǅǅǅ", "ııı"};

    @Test
    void givesTheTokensOfThePatternReplaceFilter() throws IOException {
        Random random = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(12); j >= 0; j--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String t = text.toString();
            assertThat(terms(t, ElongationFilter::new)).as(t)
                    .isEqualTo(terms(t, s -> new PatternReplaceFilter(s, ELONGATION, "$1", true)));
        }
    }

    private static List<String> terms(String text, UnaryOperator<TokenStream> squeeze) throws IOException {
        StandardTokenizer tokenizer = new StandardTokenizer();
        tokenizer.setReader(new StringReader(text));
        List<String> out = new ArrayList<>();
        try (TokenStream ts = squeeze.apply(new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer)))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }
}
