package id.netra.classifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds many phrases (sequences of analysed terms) in a token list in one pass: the phrases are grouped by their
 * first term, so each token costs one hash lookup plus a comparison per phrase starting with it. Used for the stance
 * cues and as the pre-filter in front of lucene-monitor (most posts contain no watchlist phrase at all).
 *
 * @param <T> what a phrase stands for
 */
final class PhraseIndex<T> {
    /** A phrase found: what it stands for, and its first and last token. */
    record Found<T>(T value, int first, int last) {
    }

    private record Entry<T>(String[] terms, T value) {
    }

    private final Map<String, List<Entry<T>>> byFirstTerm = new HashMap<>();

    void add(List<String> terms, T value) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a phrase needs at least one term");
        }
        byFirstTerm.computeIfAbsent(terms.getFirst(), k -> new ArrayList<>()).add(new Entry<>(terms.toArray(String[]::new), value));
    }

    /** Every occurrence of every phrase, in token order. */
    List<Found<T>> find(List<NetraAnalyzer.Token> tokens) {
        List<Found<T>> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            List<Entry<T>> candidates = byFirstTerm.get(tokens.get(i).term());
            if (candidates == null) {
                continue;
            }
            for (Entry<T> e : candidates) {
                if (matchesAt(tokens, i, e.terms())) {
                    out.add(new Found<>(e.value(), i, i + e.terms().length - 1));
                }
            }
        }
        return out;
    }

    /** Whether any phrase occurs. */
    boolean anyIn(List<NetraAnalyzer.Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            List<Entry<T>> candidates = byFirstTerm.get(tokens.get(i).term());
            if (candidates != null) {
                for (Entry<T> e : candidates) {
                    if (matchesAt(tokens, i, e.terms())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean matchesAt(List<NetraAnalyzer.Token> tokens, int at, String[] terms) {
        if (at + terms.length > tokens.size()) {
            return false;
        }
        for (int j = 1; j < terms.length; j++) {
            if (!tokens.get(at + j).term().equals(terms[j])) {
                return false;
            }
        }
        return true;
    }
}
