package id.netra.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where paging one list newest-first through {@code Link} headers stands, for lists whose items' ids the API does not
 * show (Mastodon's {@code reblogged_by}, {@code favourited_by}): the pages' {@code since_id} and {@code max_id} are
 * all a client knows. Everything above {@code since} was collected; when a run stopped inside a list (its page limit,
 * the run's limit, a failure, the rate limit), the items between {@code since} and {@code max} are still to collect
 * and {@code top} is where the list stood when that drain began, the next {@code since} once the gap is closed.
 *
 * @param since everything newer than this was collected; {@code null} before the first drain
 * @param max   the gap still to collect ends below this; {@code null} when there is no gap
 * @param top   the newest item of the drain in progress; {@code null} when there is no gap
 */
record ListCursor(String since, String max, String top) {
    static final ListCursor START = new ListCursor(null, null, null);

    /** Reads a position written by {@link #format()}; {@code null} is the start. */
    static ListCursor parse(String position) {
        if (position == null || position.isBlank()) {
            return START;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : position.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                m.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return new ListCursor(m.get("since"), m.get("max"), m.get("top"));
    }

    /** The position to commit, or {@code null} when nothing was collected yet. */
    String format() {
        StringBuilder s = new StringBuilder();
        append(s, "since", since);
        append(s, "max", max);
        append(s, "top", top);
        return s.isEmpty() ? null : s.toString();
    }

    boolean inGap() {
        return max != null;
    }

    private static void append(StringBuilder s, String name, String value) {
        if (value != null) {
            s.append(s.isEmpty() ? "" : ";").append(name).append('=').append(value);
        }
    }
}
