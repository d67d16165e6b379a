package id.netra.classifier;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Analysis of Indonesian social-media text, first version: Unicode word segmentation (hashtags lose their
 * {@code #}, emojis stay tokens), lower case, accents folded. No stemming: stemming turns names into other
 * words. Offsets always point into the original text.
 */
public final class NetraAnalyzer extends Analyzer {
    public static final String FIELD = "text";

    /** One token with its offsets in the original text. */
    public record Token(String term, int start, int end) {
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new LowerCaseFilter(tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    /** The tokens of {@code text}, in order. */
    public List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        try (TokenStream ts = tokenStream(FIELD, new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail", e);
        }
        return out;
    }

    /** The terms of {@code text}, in order. */
    public List<String> terms(String text) {
        return tokens(text).stream().map(Token::term).toList();
    }
}
