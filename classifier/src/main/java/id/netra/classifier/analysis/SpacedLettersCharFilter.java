package id.netra.classifier.analysis;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.charfilter.BaseCharFilter;

/**
 * Joins a word written letter by letter before it is tokenized: {@code c o b l o s}, {@code E-D-A-R},
 * {@code Y🔥A🔥K🔥I🔥N}, {@code c 0 b l 0 s} become {@code coblos}, {@code EDAR}, {@code YAKIN}, {@code c0bl0s} (whose
 * digits {@link LeetFilter} reads). A run is three or more one-character words (letters, or digits that stand for
 * letters between letters) with the same separator between each: one or two spaces, one punctuation mark, or one emoji;
 * a different separator ends it, so {@code c o b l o s  n o 2} gives {@code coblos}, then {@code no} (a run of two is
 * joined right after a joined word), then {@code 2}. Offsets are corrected to the original text, so the joined word's
 * token spans the letters as written. Ordinary text rarely has three one-letter words in a row, and passes unchanged.
 */
public final class SpacedLettersCharFilter extends BaseCharFilter {
    private static final String PUNCTUATION = ".-_*·|/+~,";

    private String output;
    private int pos;

    public SpacedLettersCharFilter(Reader in) {
        super(in);
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (output == null) {
            output = join(readAll());
        }
        if (pos >= output.length()) {
            return -1;
        }
        int n = Math.min(len, output.length() - pos);
        output.getChars(pos, pos + n, cbuf, off);
        pos += n;
        return n;
    }

    private String readAll() throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[1024];
        int n;
        while ((n = input.read(buf)) != -1) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }

    private String join(String in) {
        if (!mayHaveRun(in)) {
            return in;
        }
        StringBuilder out = new StringBuilder(in.length());
        int removed = 0;
        int lastRunEnd = -1;
        int i = 0;
        while (i < in.length()) {
            int cp = in.codePointAt(i);
            if (Character.isLetter(cp) && singleCharWord(in, i)) {
                Run run = run(in, i, lastRunEnd);
                if (run != null) {
                    for (int k = 0; k < run.starts.length; k++) {
                        if (k > 0) {
                            removed += run.starts[k] - run.ends[k - 1];
                            addOffCorrectMap(out.length(), removed);
                        }
                        out.append(in, run.starts[k], run.ends[k]);
                    }
                    lastRunEnd = run.ends[run.ends.length - 1];
                    i = lastRunEnd;
                    continue;
                }
            }
            out.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** The characters of a run: where each one-character word starts and ends. */
    private record Run(int[] starts, int[] ends) {
    }

    private static Run run(String in, int first, int lastRunEnd) {
        java.util.List<int[]> chars = new java.util.ArrayList<>();
        chars.add(new int[] {first, first + Character.charCount(in.codePointAt(first))});
        String separator = null;
        int j = chars.getFirst()[1];
        while (j < in.length()) {
            int sepEnd = separatorEnd(in, j);
            if (sepEnd <= j || sepEnd >= in.length()) {
                break;
            }
            String sep = in.substring(j, sepEnd);
            if (separator != null && !separator.equals(sep)) {
                break;
            }
            int cp = in.codePointAt(sepEnd);
            if (!(Character.isLetter(cp) || leetDigit(cp)) || !singleCharWord(in, sepEnd)) {
                break;
            }
            separator = sep;
            chars.add(new int[] {sepEnd, sepEnd + Character.charCount(cp)});
            j = sepEnd + Character.charCount(cp);
        }
        // A run ends with a letter: "n o 2" keeps its 2 apart.
        while (chars.size() > 1 && !Character.isLetter(in.codePointAt(chars.getLast()[0]))) {
            chars.removeLast();
        }
        long letters = chars.stream().filter(c -> Character.isLetter(in.codePointAt(c[0]))).count();
        boolean afterJoined = lastRunEnd >= 0 && first - lastRunEnd <= 3 && in.substring(lastRunEnd, first).isBlank();
        if (chars.size() < (afterJoined ? 2 : 3) || letters < 2) {
            return null;
        }
        return new Run(chars.stream().mapToInt(c -> c[0]).toArray(), chars.stream().mapToInt(c -> c[1]).toArray());
    }

    /** Where the separator starting at {@code j} ends: one or two spaces, one punctuation mark, or one emoji. */
    private static int separatorEnd(String in, int j) {
        char c = in.charAt(j);
        if (c == ' ') {
            return j + 1 < in.length() && in.charAt(j + 1) == ' ' ? j + 2 : j + 1;
        }
        if (PUNCTUATION.indexOf(c) >= 0) {
            return j + 1;
        }
        int cp = in.codePointAt(j);
        if (UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC)) {
            int k = j + Character.charCount(cp);
            while (k < in.length() && (in.charAt(k) == '\uFE0F' || UCharacter.hasBinaryProperty(in.codePointAt(k), UProperty.EMOJI_MODIFIER))) {
                k += Character.charCount(in.codePointAt(k));
            }
            return k;
        }
        return j;
    }

    /** Whether the character at {@code i} stands alone: no letter or digit right before or after it. */
    private static boolean singleCharWord(String in, int i) {
        int end = i + Character.charCount(in.codePointAt(i));
        boolean before = i > 0 && Character.isLetterOrDigit(in.codePointBefore(i));
        boolean after = end < in.length() && Character.isLetterOrDigit(in.codePointAt(end));
        return !before && !after;
    }

    private static boolean leetDigit(int c) {
        return c == '0' || c == '1' || c == '3' || c == '4' || c == '5' || c == '7';
    }

    /** A quick look for two one-character letters close together; most texts have none and are passed on as they are. */
    public static boolean mayHaveRun(String in) {
        int singles = 0;
        int lastSingle = -10;
        for (int i = 0; i < in.length(); ) {
            int cp = in.codePointAt(i);
            if (Character.isLetter(cp) && singleCharWord(in, i)) {
                if (i - lastSingle <= 4) {
                    return true;
                }
                lastSingle = i;
                singles++;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
