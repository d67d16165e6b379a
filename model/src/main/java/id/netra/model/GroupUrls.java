package id.netra.model;

import java.net.URI;
import java.util.Locale;

/**
 * One spelling of a group's or community's address, so that the watchlist's {@code groups} and a post's
 * {@code target.url} meet however each was written: scheme, {@code www.}/{@code m.}/{@code mobile.}/{@code web.} and
 * case of the host, a trailing slash, the query and the fragment do not count; the path keeps its case, except on the
 * platforms whose group addresses ignore it.
 */
public final class GroupUrls {
    private static final java.util.Set<String> CASE_BLIND = java.util.Set.of("facebook.com", "x.com", "t.me");

    private GroupUrls() {
    }

    /** {@code https://www.facebook.com/groups/RelawanKita/?ref=share} -> {@code facebook.com/groups/relawankita}. */
    public static String normalise(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT).replaceFirst("^(www|m|mobile|web)\\.", "");
        if (host.equals("twitter.com")) {
            host = "x.com";
        }
        if (host.equals("fb.com")) {
            host = "facebook.com";
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        // Facebook, X and Telegram treat the path's case as the same group; elsewhere (invite codes) it counts.
        if (CASE_BLIND.contains(host)) {
            path = path.toLowerCase(Locale.ROOT);
        }
        return host + path;
    }
}
