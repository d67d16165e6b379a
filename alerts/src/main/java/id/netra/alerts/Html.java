package id.netra.alerts;

import id.netra.model.Alert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Evidence highlighting for untrusted text: the text cut into pieces the templates escape and mark (see
 * {@code alert/marked.jte}). Nothing here writes HTML.
 */
public final class Html {
    private Html() {
    }

    /** A piece of a text: marked when evidence was found in it. Templates escape the text and wrap a marked piece in {@code <mark>}. */
    public record Span(String text, boolean marked) {
    }

    /**
     * {@code text} cut into pieces at the evidence found in {@code field}: overlapping or adjacent spans are merged, spans
     * outside the text clipped; the pieces joined are the text.
     */
    public static List<Span> spans(String text, List<Alert.Evidence> evidence, String field) {
        List<int[]> spans = new ArrayList<>();
        for (Alert.Evidence e : evidence) {
            if (!java.util.Objects.equals(e.field(), field)) {
                continue;
            }
            int start = Math.max(0, Math.min(e.start(), text.length()));
            int end = Math.max(start, Math.min(e.end(), text.length()));
            if (end > start) {
                spans.add(new int[] {start, end});
            }
        }
        spans.sort(Comparator.comparingInt((int[] s) -> s[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] s : spans) {
            if (!merged.isEmpty() && s[0] <= merged.getLast()[1]) {
                merged.getLast()[1] = Math.max(merged.getLast()[1], s[1]);
            } else {
                merged.add(s);
            }
        }
        List<Span> out = new ArrayList<>();
        int at = 0;
        for (int[] s : merged) {
            if (s[0] > at) {
                out.add(new Span(text.substring(at, s[0]), false));
            }
            out.add(new Span(text.substring(s[0], s[1]), true));
            at = s[1];
        }
        if (at < text.length()) {
            out.add(new Span(text.substring(at), false));
        }
        return out;
    }
}
