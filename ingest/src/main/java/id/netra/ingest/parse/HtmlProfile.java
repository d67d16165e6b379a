package id.netra.ingest.parse;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import id.netra.model.Platform;
import id.netra.model.PostKind;
import java.util.List;

/**
 * How to read posts off one shape of web page, as CSS selectors (jsoup): the post elements of a page, and within each
 * the author, text, time and permalink; optionally the pagination link. Loaded from YAML by {@link HtmlProfiles}.
 *
 * @param hosts     glob patterns of the hosts the profile is for ({@code *.kabar.example}); used for reported addresses
 * @param post      selector of one post element; {@code :root} when the whole page is one post (an article)
 * @param id        where the post's id is (e.g. an attribute {@code data-id}); absent: the canonical permalink
 * @param title     optional heading put before the text
 * @param next      the link to the next page of posts, optional
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record HtmlProfile(String name, String description, Platform platform, List<String> hosts, String post, Field id,
                          Field author, Field title, Field text, Field time, Field permalink, Field next, PostKind kind) {

    /**
     * Where a value is: the text of the first element {@code selector} matches within the post, or its attribute
     * {@code attr}; or a {@code fixed} value.
     */
    public record Field(String selector, String attr, String fixed) {
        public Field {
            if ((selector == null || selector.isBlank()) && (fixed == null || fixed.isBlank())) {
                throw new IllegalArgumentException("a field needs a selector or a fixed value");
            }
        }
    }

    public HtmlProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a profile needs a name");
        }
        if (post == null || post.isBlank()) {
            throw new IllegalArgumentException("profile " + name + ": 'post' (the selector of one post) is required");
        }
        for (var required : List.of(java.util.Map.entry("author", author == null), java.util.Map.entry("text", text == null),
                java.util.Map.entry("time", time == null), java.util.Map.entry("permalink", permalink == null))) {
            if (required.getValue()) {
                throw new IllegalArgumentException("profile " + name + ": '" + required.getKey() + "' is required");
            }
        }
        platform = platform == null ? Platform.WEB : platform;
        kind = kind == null ? PostKind.POST : kind;
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    /** Whether one of {@link #hosts()} matches the host of {@code url}. */
    public boolean claims(java.net.URI url) {
        if (url.getHost() == null) {
            return false;
        }
        java.nio.file.Path host = java.nio.file.Path.of(url.getHost().toLowerCase(java.util.Locale.ROOT));
        return hosts.stream().anyMatch(glob -> java.nio.file.FileSystems.getDefault()
                .getPathMatcher("glob:" + glob.toLowerCase(java.util.Locale.ROOT)).matches(host));
    }

    /**
     * This profile for a page of a host it does not claim: its posts are web posts keyed by their address, so the page
     * cannot pass itself off as another platform's post (and its author as that platform's account) nor choose its id.
     */
    public HtmlProfile forUnclaimedHost() {
        return new HtmlProfile(name, description, Platform.WEB, hosts, post, null, author, title, text, time, permalink, next, kind);
    }
}
