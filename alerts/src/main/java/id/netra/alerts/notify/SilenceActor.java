package id.netra.alerts.notify;

import id.netra.model.Silence;
import java.util.function.Predicate;

/**
 * Who is asking about silences: their name (recorded as who set or lifted one) and the silences within their reach
 * (their jurisdiction): only those are listed to them, and only such they may set or lift.
 */
public record SilenceActor(String name, Predicate<Silence.Matcher> scope) {
}
