package id.netra.classifier.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Joins the letters of a word written with dots between them: the word tokenizer keeps {@code co.blos},
 * {@code S.Y.A.H.D.U} and {@code H.a.r.u.n} as one token (a dot between letters does not end a word), which this filter
 * turns into {@code coblos}, {@code syahdu}, {@code harun}. It also drops a zero-width joiner or other format character
 * left between letters (the char filter keeps joiners for emoji sequences). Only a dot with a letter on each side is
 * dropped, so numbers ({@code 2.500}) keep theirs.
 */
public final class JoinedLettersFilter extends TermRewriter {
    public JoinedLettersFilter(TokenStream input) {
        super(input);
    }

    @Override
    void rewrite(CharTermAttribute term) {
        char[] b = term.buffer();
        int n = term.length();
        int out = 0;
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            char c = b[i];
            boolean joiner = (c == '.' || c == '\u00B7' || (c > 0x7F && Character.getType(c) == Character.FORMAT))
                    && out > 0 && i + 1 < n && Character.isLetter(b[out - 1]) && Character.isLetter(b[i + 1]);
            if (joiner) {
                changed = true;
                continue;
            }
            b[out++] = c;
        }
        if (changed) {
            term.setLength(out);
        }
    }
}
