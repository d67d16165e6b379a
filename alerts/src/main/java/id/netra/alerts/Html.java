package id.netra.alerts;

import id.netra.model.Alert;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Rendering helpers for untrusted text: escaping, evidence highlighting, and safe links. */
public final class Html {
    private Html() {
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The URL for an href, or {@code null} when it is not plain http(s) (javascript:, data:, relative...). */
    public static String safeHref(URI url) {
        if (url == null || url.getScheme() == null) {
            return null;
        }
        String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") ? escape(url.toString()) : null;
    }

    /**
     * The text escaped, with the evidence spans wrapped in {@code <mark>}. Overlapping or adjacent spans are merged;
     * spans outside the text are clipped.
     */
    static String highlight(String text, List<Alert.Evidence> evidence) {
        return highlight(text, evidence, null);
    }

    /** The same for the evidence found in {@code field} ({@code null}: the post's text; {@code media[0].alt}: an alt text). */
    static String highlight(String text, List<Alert.Evidence> evidence, String field) {
        StringBuilder out = new StringBuilder();
        for (Span s : spans(text, evidence, field)) {
            out.append(s.marked() ? "<mark>" + escape(s.text()) + "</mark>" : escape(s.text()));
        }
        return out.toString();
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
