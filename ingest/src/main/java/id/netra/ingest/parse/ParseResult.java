package id.netra.ingest.parse;

import id.netra.model.Post;
import java.net.URI;
import java.util.List;

/**
 * What one payload (a page, a feed, an API response, an import file) yielded: valid posts, records that could not be
 * made into a post (each with where it was and why), and where the next page is, if the payload says.
 *
 * @param next the next page to fetch (pagination link, {@code Link: rel=next}), or {@code null}
 */
public record ParseResult(List<Post> posts, List<Rejected> rejected, URI next) {
    public ParseResult {
        posts = List.copyOf(posts);
        rejected = List.copyOf(rejected);
    }

    /**
     * A record that is not a valid post.
     *
     * @param origin  where in the payload: {@code item 3}, {@code line 12}, {@code status 1093...}
     * @param payload the record as read (a fragment of the payload), for the dead-letter topic
     * @param reason  one line
     */
    public record Rejected(String origin, String payload, String reason) {
    }
}
