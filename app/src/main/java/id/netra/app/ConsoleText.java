package id.netra.app;

/**
 * Untrusted text (URLs, keys, names from collected posts) made inert for a terminal: control and format characters
 * (escape sequences, bidirectional overrides, zero-width characters, line breaks) are shown as {@code \}{@code uXXXX}
 * instead of acting on the operator's screen.
 */
final class ConsoleText {
    private ConsoleText() {
    }

    static String inert(Object value) {
        if (value == null) {
            return "-";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.PRIVATE_USE || type == Character.UNASSIGNED) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
