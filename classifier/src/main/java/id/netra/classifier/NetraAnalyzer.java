package id.netra.classifier;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter;
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter.StemmerOverrideMap;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Analysis of Indonesian social-media text: Unicode word segmentation (hashtags lose their {@code #}, emojis stay
 * tokens), lower case, accents folded, letter runs of three or more squeezed to one ({@code menaaang -> menang}),
 * then informal spellings replaced by their standard word from a versioned slang file ({@code gk -> tidak},
 * {@code dkg -> dukung}). No stemming: stemming turns names into other words (Megawati -> gawat). Watchlist terms
 * and post text go through the same chain, so they meet in the same form. Offsets always point into the original
 * text.
 */
public final class NetraAnalyzer extends Analyzer {
    public static final String FIELD = "text";
    public static final String DEFAULT_SLANG = "slang-v1";

    /** One token with its offsets in the original text. */
    public record Token(String term, int start, int end) {
    }

    private final String slangVersion;
    private final StemmerOverrideMap slang;

    /** An analyzer with the slang lexicon shipped with this build. */
    public NetraAnalyzer() {
        this(DEFAULT_SLANG);
    }

    /** An analyzer with the slang lexicon {@code lexicon/<version>.txt} of this build. */
    public NetraAnalyzer(String slangVersion) {
        this.slangVersion = slangVersion;
        this.slang = loadSlang(slangVersion);
    }

    public String slangVersion() {
        return slangVersion;
    }

    private static StemmerOverrideMap loadSlang(String version) {
        StemmerOverrideFilter.Builder builder = new StemmerOverrideFilter.Builder(false);
        LexiconFile.read(version, "slang lexicon", (resource, n, line) -> {
            String[] f = line.split("\t");
            if (f.length != 2 || f[0].isBlank() || f[1].isBlank() || f[0].strip().contains(" ") || f[1].strip().contains(" ")
                    || !f[0].equals(f[0].toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException(resource + ":" + n + ": expected <informal word><TAB><standard word> in lower case");
            }
            if (!builder.add(f[0].strip(), f[1].strip())) {
                throw new IllegalStateException(resource + ":" + n + ": '" + f[0].strip() + "' is listed twice");
            }
        });
        try {
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build the slang map " + version, e);
        }
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new LowerCaseFilter(tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        stream = new ElongationFilter(stream);
        stream = new StemmerOverrideFilter(stream, slang);
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
