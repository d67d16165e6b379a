package id.netra.ops;

import java.util.List;
import java.util.Locale;

/**
 * Sorts the free-text reasons of dead letters into a few kinds, for the {@code reason} label of the dead-letter rate
 * (a label must take few values; the full reason stays in the dead letter itself). The kinds, checked in this order:
 * <ul>
 *   <li>{@code too-large}: a record, file or text over a size limit</li>
 *   <li>{@code not-json}: bytes that are no JSON at all (broken syntax, binary)</li>
 *   <li>{@code wrong-type}: JSON of the wrong shape or type (a number where a string belongs)</li>
 *   <li>{@code invalid-field}: a post with a missing or invalid field (id, text, date, URL)</li>
 *   <li>{@code unreadable-source}: a feed, page or API answer that could not be read as such</li>
 *   <li>{@code empty}: an empty line or a tombstone</li>
 *   <li>{@code other}</li>
 * </ul>
 */
public final class DeadLetterReasons {
    /** Every kind, for meters registered up front (so a rate exists before the first dead letter). */
    public static final List<String> KINDS = List.of("too-large", "not-json", "wrong-type", "invalid-field", "unreadable-source",
            "empty", "other");

    private DeadLetterReasons() {
    }

    public static String kind(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (r.contains("too large") || r.contains("too big") || r.contains("exceeds") || r.contains("too long")) {
            return "too-large";
        }
        if (r.contains("unexpected character") || r.contains("unrecognized token") || r.contains("unexpected end-of-input")
                || r.contains("not json") || r.contains("is not json") || r.contains("illegal character") || r.contains("invalid utf")
                || r.contains("jsonparseexception") || r.contains("unexpected close")) {
            return "not-json";
        }
        if (r.contains("cannot deserialize") || r.contains("mismatchedinput") || r.contains("wrong type") || r.contains("must be a string")
                || r.contains("must be a json string") || r.contains("expected a string") || r.contains("coerc")) {
            return "wrong-type";
        }
        if (r.contains("not a readable") || r.contains("not a mastodon") || r.contains("could not be fetched") || r.contains("not an x api")) {
            return "unreadable-source";
        }
        if (r.startsWith("empty") || r.contains("tombstone") || r.contains("json null")) {
            return "empty";
        }
        if (r.contains("not a valid post") || r.contains("required") || r.contains("must ") || r.contains("missing") || r.contains("invalid")) {
            return "invalid-field";
        }
        return "other";
    }
}
