package id.netra.alerts.auth;

import id.netra.alerts.Templates;
import java.util.HashMap;
import java.util.Map;

/** The login form (template {@code login.jte}, Indonesian), on the common layout without a user bar. */
final class LoginPage {
    private LoginPage() {
    }

    /** @param message what went wrong, or {@code null} */
    static String render(String message) {
        Map<String, Object> params = new HashMap<>();
        params.put("message", message);
        return Templates.html("login.jte", params);
    }
}
