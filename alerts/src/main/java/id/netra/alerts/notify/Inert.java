package id.netra.alerts.notify;

/**
 * Untrusted text (post text, names) made safe for plain-text messages and headers: control characters and the Unicode
 * bidi overrides that can disguise text are removed, and long text is cut. HTML parts escape on top of this.
 */
final class Inert {
    private Inert() {
    }

    /** One line: line breaks and other controls become spaces, runs of spaces one space; at most {@code max} chars. */
    static String line(String s, int max) {
        return cut(clean(s, false).replaceAll("\\s+", " ").strip(), max);
    }

    /** Several lines: line breaks are kept, other controls removed; at most {@code max} chars. */
    static String text(String s, int max) {
        return cut(clean(s, true).strip(), max);
    }

    private static String clean(String s, boolean keepNewlines) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c == '\n' && keepNewlines) {
                out.append('\n');
            } else if (c == '\t' || c == '\n' || c == '\r') {
                out.append(' ');
            } else if (!Character.isISOControl(c) && !isBidiControl(c) && Character.getType(c) != Character.FORMAT) {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 2)) ? max - 2 : max - 1;
        return s.substring(0, end) + "…";
    }
}
