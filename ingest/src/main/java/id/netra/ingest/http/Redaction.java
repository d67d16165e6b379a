package id.netra.ingest.http;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Credentials in addresses (an API key passed as {@code ?key=...}, as the YouTube Data API wants it) are never written
 * to a log line or an error message: their values are shown as {@code ***}.
 */
public final class Redaction {
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&](?:key|api_?key|access_token|token|client_secret|signature|sig)=)[^&#\\s\"'<>]*");

    private Redaction() {
    }

    /** {@code text} with the values of credential parameters of any address in it replaced by {@code ***}. */
    public static String text(String text) {
        return text == null ? null : SECRET_PARAMETER.matcher(text).replaceAll("$1***");
    }

    /** {@code url} as logs and messages show it. */
    public static String url(URI url) {
        return url == null ? "null" : text(url.toString());
    }
}
