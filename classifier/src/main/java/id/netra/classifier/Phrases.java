package id.netra.classifier;

import java.util.ArrayList;
import java.util.List;

/** Finds a sequence of terms in a token list. */
final class Phrases {
    private Phrases() {
    }

    /** Every occurrence of {@code terms} in {@code tokens}, as {first token, last token}. */
    static List<int[]> find(List<NetraAnalyzer.Token> tokens, List<String> terms) {
        List<int[]> out = new ArrayList<>();
        int n = terms.size();
        for (int i = 0; i + n <= tokens.size(); i++) {
            boolean all = true;
            for (int j = 0; j < n && all; j++) {
                all = tokens.get(i + j).term().equals(terms.get(j));
            }
            if (all) {
                out.add(new int[] {i, i + n - 1});
            }
        }
        return out;
    }
}
