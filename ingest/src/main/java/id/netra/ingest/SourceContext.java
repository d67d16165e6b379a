package id.netra.ingest;

import id.netra.model.Post;
import id.netra.model.SeenPost;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the sources of interactions need from the service besides their options: the watchlist followed live (one
 * follower per topic, shared), what ingest already committed (so a comment listed again unchanged costs nothing and
 * does not count against a run's limit), and the environment (API keys).
 */
record SourceContext(Function<String, WatchlistFollower> watchlists, Function<String, Optional<SeenPost>> seen,
                     Function<String, String> env) {

    /** For checking a file's options: nothing is followed, nothing was seen, the process's environment. */
    static final SourceContext NONE = new SourceContext(topic -> {
        throw new IllegalStateException("no watchlist is followed while sources are only checked");
    }, key -> Optional.empty(), System::getenv);

    /** Whether ingest already committed {@code post} with this very content. */
    boolean alreadyHeld(Post post) {
        return seen.apply(post.key()).map(s -> s.contentHash().equals(post.contentHash())).orElse(false);
    }

    /** Whether ingest already committed a post with {@code post}'s key, whatever its content. */
    boolean alreadyHeldKey(Post post) {
        return seen.apply(post.key()).isPresent();
    }
}
