package id.netra.ingest.http;

import java.net.URI;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A response as the fetcher received it: the evidence of one fetch.
 *
 * @param requestUrl   the address asked for
 * @param finalUrl     the address that answered, after redirects
 * @param status       the HTTP status of the final response; 304 when {@link #notModified()}
 * @param headers      the final response's headers, names in lower case
 * @param contentType  the media type without parameters, lower case (e.g. {@code text/html}), or {@code null}
 * @param charset      the detected character set of the body (HTTP header, then BOM, then {@code <meta>} or the XML
 *                     declaration, then UTF-8); {@code ISO-8859-1} and {@code US-ASCII} labels read as windows-1252,
 *                     as browsers do
 * @param body         the raw bytes as received (empty for 304)
 * @param sha256       SHA-256 (hex) of {@link #body()}
 * @param etag         the response's {@code ETag}, for the next conditional request, or {@code null}
 * @param lastModified the response's {@code Last-Modified}, or {@code null}
 * @param redirects    how many redirects were followed
 */
public record Fetched(URI requestUrl, URI finalUrl, int status, Map<String, List<String>> headers, String contentType,
                      Charset charset, byte[] body, Instant fetchedAt, String sha256, String etag, String lastModified,
                      int redirects) {

    public Fetched {
        headers = Map.copyOf(headers);
    }

    /** Whether a conditional request was answered with 304: nothing new, nothing to parse. */
    public boolean notModified() {
        return status == 304;
    }

    /** The body decoded with {@link #charset()}, a leading byte-order mark dropped. */
    public String text() {
        String s = new String(body, charset);
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    /** The first value of a header (name in any case), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
