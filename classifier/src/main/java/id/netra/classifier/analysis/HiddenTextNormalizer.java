package id.netra.classifier.analysis;

import com.ibm.icu.text.FilteredNormalizer2;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.UnicodeSet;
import java.io.Reader;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;

/**
 * The char filter in front of the tokenizer: Unicode NFKC with case folding ({@code nfkc_cf}), which drops the default
 * ignorable characters (zero-width space and non-joiner, word joiner, soft hyphen, bidi controls: invisible characters
 * slipped into a name or hashtag) and folds compatibility forms (full-width {@code ｃｏｂｌｏｓ}, mathematical bold
 * {@code 𝐜𝐨𝐛𝐥𝐨𝐬}, circled and super-script digits) to plain letters and digits. Emojis are left exactly as written,
 * with their joiners, variation selectors and keycaps, so that {@code 2️⃣} and {@code ✌️} stay what the cue lists
 * know. Offsets are corrected by Lucene's {@link ICUNormalizer2CharFilter}.
 */
public final class HiddenTextNormalizer {
    /** Everything but what makes up emoji sequences is normalised. */
    private static final UnicodeSet NORMALISED = new UnicodeSet(
            "[^\\u200D\\uFE0E\\uFE0F\\u20E3[:Extended_Pictographic:][:Emoji_Modifier:][:Regional_Indicator:][\\U000E0020-\\U000E007F]]")
            .freeze();
    private static final Normalizer2 NORMALIZER = new FilteredNormalizer2(
            Normalizer2.getInstance(null, "nfkc_cf", Normalizer2.Mode.COMPOSE), NORMALISED);

    /** The same without the case folding: what the lower-case filter does not do. */
    private static final Normalizer2 NFKC = new FilteredNormalizer2(Normalizer2.getNFKCInstance(), NORMALISED);
    /** Invisible characters the normalisation drops (emoji joiners and variation selectors stay). */
    private static final UnicodeSet INVISIBLE = new UnicodeSet("[[:Default_Ignorable_Code_Point:]-[\\u200D\\uFE0E\\uFE0F]]").freeze();

    private HiddenTextNormalizer() {
    }

    /**
     * Whether {@code text} has anything the normalisation changes besides the case (which the chain folds anyway): a
     * compatibility form or an invisible character. Most posts have none and skip it.
     */
    public static boolean needed(String text) {
        return INVISIBLE.span(text, UnicodeSet.SpanCondition.NOT_CONTAINED) < text.length() || !NFKC.isNormalized(text);
    }

    /** {@code reader} normalised, with offset corrections. */
    public static Reader wrap(Reader reader) {
        return new ICUNormalizer2CharFilter(reader, NORMALIZER);
    }
}
