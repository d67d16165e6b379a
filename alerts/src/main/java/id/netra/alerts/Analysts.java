package id.netra.alerts;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who is asking: the analyst a request acts for. Triage actions are recorded with this name and refused without one;
 * the access-control layer provides it from the session. {@link #NOBODY} knows no one, so no action can be taken.
 */
@FunctionalInterface
public interface Analysts {
    Analysts NOBODY = ctx -> Optional.empty();

    /** The user name of the logged-in analyst, or empty. */
    Optional<String> of(Context ctx);
}
