package id.netra.alerts.notify;

import java.util.Locale;

/** The case events a route can match. */
public enum Trigger {
    /** An analyst confirmed a case. */
    CONFIRMED,
    /** A HIGH alert opened a case or was added to one. */
    NEW_HIGH_ALERT;

    /** The name used in the routing file and in notifications: {@code confirmed}, {@code new-high-alert}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException for a name that is no trigger */
    public static Trigger of(String id) {
        for (Trigger t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown event '" + id + "' (confirmed or new-high-alert)");
    }
}
