package id.netra.ingest.parse;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One address per page: lower-case scheme and host, no default port, no fragment, no tracking parameters
 * ({@code utm_*}, {@code fbclid}, {@code gclid}, ...), other parameters kept in their order. Web posts are keyed by it,
 * so the same article reached through a newsletter link and through the feed is one post.
 */
public final class CanonicalUrl {
    private static final List<String> TRACKING_PREFIXES = List.of("utm_", "mc_", "pk_");
    private static final List<String> TRACKING = List.of("fbclid", "gclid", "dclid", "msclkid", "igshid", "igsh", "ref_src", "ref_url",
            "yclid", "_ga", "s_cid", "si", "spm");

    private CanonicalUrl() {
    }

    /**
     * {@code href} resolved against {@code base} as RFC 3986 says: unlike {@link URI#resolve(String)}, a query-only
     * reference ({@code ?page=2}) keeps the base's path ({@code /u/x?page=2}, not {@code /u/?page=2}).
     */
    public static URI resolve(URI base, String href) {
        String h = href.strip();
        if (h.startsWith("?")) {
            String b = base.toString();
            int cut = b.indexOf('?') >= 0 ? b.indexOf('?') : b.indexOf('#') >= 0 ? b.indexOf('#') : b.length();
            return URI.create(b.substring(0, cut) + h);
        }
        return base.resolve(h);
    }

    /** @throws IllegalArgumentException when {@code url} is not an absolute http(s) address */
    public static URI of(String url) {
        try {
            return of(new URI(url.strip()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not an address: " + e.getReason());
        }
    }

    public static URI of(URI url) {
        String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an absolute http(s) address");
        }
        int port = url.getPort();
        if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
            port = -1;
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String query = null;
        if (url.getRawQuery() != null) {
            List<String> kept = new ArrayList<>();
            for (String pair : url.getRawQuery().split("&")) {
                String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (!pair.isEmpty() && TRACKING.stream().noneMatch(name::equals) && TRACKING_PREFIXES.stream().noneMatch(name::startsWith)) {
                    kept.add(pair);
                }
            }
            query = kept.isEmpty() ? null : String.join("&", kept);
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return URI.create(scheme + "://" + host + (port == -1 ? "" : ":" + port) + path + (query == null ? "" : "?" + query));
    }
}
