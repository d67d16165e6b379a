package id.netra.classifier.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Reads digits written for letters inside a word ("leetspeak"): {@code c0bl0s -> coblos}, {@code p4st1 -> pasti},
 * {@code m3n4ng -> menang}, {@code n0 -> no}. A token is read so only when a digit stands between two letters (or it is
 * one to three letters and a final {@code 0}) and every digit in it is one that stands for a letter here ({@code 0}
 * o, {@code 1} i, {@code 3} e, {@code 4} a, {@code 5} s, {@code 7} t); never {@code 2}, which Indonesian writes for
 * reduplication ({@code anak2}), so ballot numbers, scores, codes and reduplications ({@code smp17}, {@code covid19},
 * {@code rt02}, {@code 2-0}) are left alone.
 */
public final class LeetFilter extends TermRewriter {
    public LeetFilter(TokenStream input) {
        super(input);
    }

    @Override
    void rewrite(CharTermAttribute term) {
        char[] b = term.buffer();
        int n = term.length();
        if (readsAsLetters(b, n)) {
            for (int i = 0; i < n; i++) {
                char l = letterFor(b[i]);
                if (l != 0) {
                    b[i] = l;
                }
            }
        }
    }

    static boolean readsAsLetters(char[] b, int n) {
        int digits = 0;
        int letters = 0;
        boolean between = false;
        for (int i = 0; i < n; i++) {
            char c = b[i];
            if (c >= '0' && c <= '9') {
                if (letterFor(c) == 0) {
                    return false;
                }
                digits++;
                if (!between && i > 0 && Character.isLetter(b[i - 1])) {
                    int j = i + 1;
                    while (j < n && b[j] >= '0' && b[j] <= '9') {
                        j++;
                    }
                    between = j < n && Character.isLetter(b[j]);
                }
            } else if (Character.isLetter(c)) {
                letters++;
            } else {
                return false;
            }
        }
        if (digits == 0) {
            return false;
        }
        // "n0", "jg0": a final zero after a short word is an o.
        boolean finalZero = digits == 1 && b[n - 1] == '0' && letters >= 1 && letters <= 3;
        return between || finalZero;
    }

    private static char letterFor(char digit) {
        return switch (digit) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4' -> 'a';
            case '5' -> 's';
            case '7' -> 't';
            default -> 0;
        };
    }
}
