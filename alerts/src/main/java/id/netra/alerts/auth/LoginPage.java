package id.netra.alerts.auth;

/** The login form (Indonesian). Shows no value from the request, so nothing needs escaping. */
final class LoginPage {
    private LoginPage() {
    }

    /** @param message a fixed message of this class's callers, or {@code null} */
    static String render(String message) {
        return """
                <!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Netra — Masuk</title><style>
                 body{font-family:system-ui,sans-serif;background:#f6f7f9;color:#1d2530;display:flex;justify-content:center;margin-top:10vh}
                 form{background:#fff;padding:1.5rem 2rem;border-radius:6px;box-shadow:0 1px 2px #0002;display:flex;flex-direction:column;gap:.6rem;min-width:18rem}
                 h1{font-size:1.3rem;margin:0} label{display:flex;flex-direction:column;font-size:.85rem;color:#5b6675} .err{color:#c62828}
                </style></head><body><form method="post" action="/login">
                <h1>Netra — Masuk</h1>
                """ + (message == null ? "" : "<div class=\"err\">" + message + "</div>\n") + """
                <label>Nama pengguna<input name="name" autocomplete="username" required autofocus></label>
                <label>Kata sandi<input name="password" type="password" autocomplete="current-password" required></label>
                <button type="submit">Masuk</button>
                </form></body></html>
                """;
    }
}
