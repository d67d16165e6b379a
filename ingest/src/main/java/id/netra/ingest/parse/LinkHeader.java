package id.netra.ingest.parse;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP {@code Link} header (RFC 8288) as paginated APIs send it:
 * {@code <https://a.example/x?max_id=7>; rel="next", <https://a.example/x?since_id=9>; rel="prev"}.
 */
public final class LinkHeader {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+?\\s*=\\s*(?:\"[^\"]*\"|[^;,]*)\\s*)*)");
    private static final Pattern REL = Pattern.compile(";\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^;,\\s]*))", Pattern.CASE_INSENSITIVE);

    private final Map<String, URI> byRel;

    private LinkHeader(Map<String, URI> byRel) {
        this.byRel = Map.copyOf(byRel);
    }

    /** The links of a header value; {@code null} or an unreadable value gives no links. */
    public static LinkHeader parse(String value) {
        Map<String, URI> out = new LinkedHashMap<>();
        if (value != null) {
            Matcher m = LINK.matcher(value);
            while (m.find()) {
                URI uri;
                try {
                    uri = URI.create(m.group(1).strip());
                } catch (IllegalArgumentException e) {
                    continue;
                }
                Matcher rel = REL.matcher(m.group(2));
                if (rel.find()) {
                    String rels = rel.group(1) != null ? rel.group(1) : rel.group(2);
                    for (String r : rels.strip().split("\\s+")) {
                        out.putIfAbsent(r.toLowerCase(Locale.ROOT), uri);
                    }
                }
            }
        }
        return new LinkHeader(out);
    }

    /** The link with relation {@code rel} ({@code next}, {@code prev}), or {@code null}. */
    public URI link(String rel) {
        return byRel.get(rel.toLowerCase(Locale.ROOT));
    }

    /** A query parameter of the link with relation {@code rel}, decoded, or {@code null}. */
    public String param(String rel, String name) {
        URI link = link(rel);
        if (link == null || link.getRawQuery() == null) {
            return null;
        }
        for (String pair : link.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
