package id.netra.classifier.analysis;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.SpoofChecker;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Reads letters of other scripts that look like Latin ones as those Latin letters, inside a word that mixes them with
 * Latin letters ({@code Kalbаr} with a Cyrillic {@code а}, {@code #EdisоnAzhаr}) or a word made only of such look-alikes:
 * the Latin letter is the one the word's UTS #39 confusable skeleton (ICU's {@link SpoofChecker}) gives for it. Words
 * really written in another script (a Cyrillic or Greek word with letters that have no Latin look-alike) are left alone,
 * and so are Latin letters: a skeleton maps some of them too ({@code m -> rn}), which is right for comparing
 * identifiers but not for reading text.
 */
public final class ConfusableFilter extends TermRewriter {
    private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();
    /** Non-Latin letter -> its Latin look-alike, or 0 where it has none; filled as letters are seen. */
    private static final ConcurrentHashMap<Integer, Integer> LATIN = new ConcurrentHashMap<>();

    public ConfusableFilter(TokenStream input) {
        super(input);
    }

    @Override
    void rewrite(CharTermAttribute term) {
        char[] b = term.buffer();
        int n = term.length();
        boolean foreign = false;
        for (int i = 0; i < n; i++) {
            if (b[i] >= 0x370 && Character.isLetter(b[i])) {
                foreign = true;
                break;
            }
        }
        if (!foreign) {
            return;
        }
        String s = term.toString();
        StringBuilder out = new StringBuilder(s.length());
        boolean anyLatin = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp) || UScript.getScript(cp) == UScript.LATIN || cp < 0x370) {
                anyLatin |= Character.isLetter(cp);
                out.appendCodePoint(cp);
                continue;
            }
            int latin = latinFor(cp);
            if (latin == 0) {
                // A letter without a Latin look-alike: a word of another script, left as written.
                return;
            }
            out.appendCodePoint(latin);
        }
        term.setEmpty().append(out);
    }

    static int latinFor(int cp) {
        return LATIN.computeIfAbsent(cp, c -> {
            String skeleton = SPOOF.getSkeleton(new String(Character.toChars(c)));
            if (skeleton.codePointCount(0, skeleton.length()) != 1) {
                return 0;
            }
            int l = UCharacter.toLowerCase(skeleton.codePointAt(0));
            return l >= 'a' && l <= 'z' ? l : 0;
        });
    }
}
