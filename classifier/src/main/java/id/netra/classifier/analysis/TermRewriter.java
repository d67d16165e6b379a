package id.netra.classifier.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** A filter that rewrites each token's term in place; its offsets stay those of what the author wrote. */
abstract class TermRewriter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    TermRewriter(TokenStream input) {
        super(input);
    }

    @Override
    public final boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        rewrite(term);
        return true;
    }

    /** Rewrites {@code term} where it needs it, and leaves it alone otherwise (the common case, kept cheap). */
    abstract void rewrite(CharTermAttribute term);
}
