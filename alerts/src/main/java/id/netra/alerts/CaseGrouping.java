package id.netra.alerts;

import id.netra.model.Alert;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * When two alerts are one case: the same person about the same candidate (or, without a candidate, the same party),
 * with the same message: a repost, a share with a word added, a copy with other emojis or links. Texts are compared
 * as sets of words after dropping links, mentions, repost markers, punctuation and emojis: one containing nearly all
 * of the other's words is the same message.
 */
final class CaseGrouping {
    /** Share of the shorter text's words the longer one must contain. */
    static final double SAME_MESSAGE = 0.8;

    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}])@[\\p{L}\\p{N}_.]+");
    private static final Pattern REPOST = Pattern.compile("(?i)^\\s*(rt|repost|share|bagikan)\\b\\s*:?");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}#]+");

    private CaseGrouping() {
    }

    /** The person and the subject of an alert: {@code nip|election/candidate}, or {@code nip|party:id}, or {@code nip|-}. */
    static String key(Alert a) {
        if (!a.candidates().isEmpty()) {
            Alert.CandidateMatch c = a.candidates().getFirst();
            return a.nip() + "|" + c.electionId() + "/" + c.candidateId();
        }
        if (!a.parties().isEmpty()) {
            return a.nip() + "|party:" + a.parties().getFirst().partyId();
        }
        return a.nip() + "|-";
    }

    static Set<String> words(String text) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        t = URL.matcher(t).replaceAll(" ");
        t = MENTION.matcher(t).replaceAll(" ");
        t = REPOST.matcher(t).replaceAll(" ");
        Set<String> words = new HashSet<>(Arrays.asList(NOT_WORD.split(t)));
        words.remove("");
        return words;
    }

    /** Whether two texts carry the same message. */
    static boolean sameMessage(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.equals(b);
        }
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        long shared = small.stream().filter(large::contains).count();
        return shared >= SAME_MESSAGE * small.size() && small.size() >= Math.min(3, large.size());
    }
}
