package id.netra.classifier;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import id.netra.classifier.analysis.ConfusableFilter;
import id.netra.classifier.analysis.HiddenTextNormalizer;
import id.netra.classifier.analysis.JoinedLettersFilter;
import id.netra.classifier.analysis.LeetFilter;
import id.netra.classifier.analysis.SpacedLettersCharFilter;
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
 *
 * <p>The slang version also names the chain, so that an alert's recorded versions re-derive it exactly:
 * {@code slang-v1} is the chain above; from {@code slang-v2} on, hidden text is undone first
 * ({@link id.netra.classifier.analysis}): Unicode NFKC case folding without the invisible characters in front of the
 * tokenizer, then letters joined across dots and spaces, digits read as letters inside words, and look-alike letters of
 * other scripts read as Latin; and the slang file may include regional-language files.
 */
public final class NetraAnalyzer extends Analyzer {
    public static final String FIELD = "text";
    public static final String DEFAULT_SLANG = "slang-v2";

    /** One token with its offsets in the original text. */
    public record Token(String term, int start, int end) {
    }

    private final String slangVersion;
    private final StemmerOverrideMap slang;
    /** Whether hidden-text evasions are undone (every slang version from v2). */
    private final boolean readsHiddenText;

    /** An analyzer with the slang lexicon shipped with this build. */
    public NetraAnalyzer() {
        this(DEFAULT_SLANG);
    }

    /** An analyzer with the slang lexicon {@code lexicon/<version>.txt} of this build. */
    public NetraAnalyzer(String slangVersion) {
        this.slangVersion = slangVersion;
        this.slang = loadSlang(slangVersion);
        this.readsHiddenText = !"slang-v1".equals(slangVersion);
    }

    /** Whether this chain undoes hidden-text evasions (zero-width characters, look-alikes, spaced letters, leetspeak). */
    public boolean readsHiddenText() {
        return readsHiddenText;
    }

    public String slangVersion() {
        return slangVersion;
    }

    private static StemmerOverrideMap loadSlang(String version) {
        StemmerOverrideFilter.Builder builder = new StemmerOverrideFilter.Builder(false);
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        LexiconFile.read(version, "slang lexicon", LexiconFile.Part.SLANG, (resource, n, line) -> {
            String[] f = line.split("\t");
            if (f.length != 2 || f[0].isBlank() || f[1].isBlank() || f[0].strip().contains(" ") || f[1].strip().contains(" ")
                    || !f[0].equals(f[0].toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException(resource + ":" + n + ": expected <informal word><TAB><standard word> in lower case");
            }
            String before = seen.putIfAbsent(f[0].strip(), resource + ":" + n);
            if (before != null || !builder.add(f[0].strip(), f[1].strip())) {
                throw new IllegalStateException(resource + ":" + n + ": '" + f[0].strip() + "' is listed twice (also " + before + ")");
            }
        });
        try {
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build the slang map " + version, e);
        }
    }

    /**
     * What {@link #tokens} found its text to need: {@code 1} Unicode normalisation (it has a compatibility form or an
     * invisible character: NFKC case folding changes nothing else but the case, which the lower-case filter folds), {@code 2}
     * letters to join (it has one-letter words close together). Unset (a caller that analyses a reader) means both.
     */
    private static final ThreadLocal<Integer> NEEDS = new ThreadLocal<>();
    private static final int NORMALISE = 1;
    private static final int JOIN_LETTERS = 2;

    @Override
    protected java.io.Reader initReader(String fieldName, java.io.Reader reader) {
        if (!readsHiddenText) {
            return reader;
        }
        Integer needs = NEEDS.get();
        int n = needs == null ? NORMALISE | JOIN_LETTERS : needs;
        java.io.Reader r = (n & NORMALISE) != 0 ? HiddenTextNormalizer.wrap(reader) : reader;
        return (n & JOIN_LETTERS) != 0 ? new SpacedLettersCharFilter(r) : r;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new LowerCaseFilter(tokenizer);
        if (readsHiddenText) {
            stream = new JoinedLettersFilter(stream);
            stream = new LeetFilter(stream);
            stream = new ConfusableFilter(stream);
        }
        stream = new ASCIIFoldingFilter(stream);
        stream = new ElongationFilter(stream);
        stream = new StemmerOverrideFilter(stream, slang);
        return new TokenStreamComponents(tokenizer, stream);
    }

    /** The tokens of {@code text}, in order. */
    public List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        if (readsHiddenText) {
            NEEDS.set((isAscii(text) || !HiddenTextNormalizer.needed(text) ? 0 : NORMALISE)
                    | (SpacedLettersCharFilter.mayHaveRun(text) ? JOIN_LETTERS : 0));
        }
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
        } finally {
            NEEDS.remove();
        }
        return out;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** The terms of {@code text}, in order. */
    public List<String> terms(String text) {
        return tokens(text).stream().map(Token::term).toList();
    }
}
