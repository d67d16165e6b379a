package id.netra.ingest;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Dead letters of lists an API answers again at every run (a thread's replies, a video's comments): a record rejected
 * once is remembered in the source's positions under its list, so the same bad record is not dead-lettered at each
 * run. The memory goes with the list's other positions when the list is no longer read.
 */
final class Rejections {
    private Rejections() {
    }

    /**
     * Rejects the record unless it was rejected before under {@code scope}.
     *
     * @param scope the position holding the list's rejected records, e.g. {@code dlq:<account>:<status>}
     * @param item  the record's id within the list
     */
    static void rejectOnce(Harvest out, String scope, String item, String origin, String payload, String reason) {
        String known = out.position(scope);
        Set<String> items = new LinkedHashSet<>(known == null ? Set.of() : Arrays.asList(known.split(",")));
        if (items.add(item.replace(",", "%2C"))) {
            out.reject(origin, payload, reason);
            out.position(scope, String.join(",", items));
        }
    }
}
