package id.netra.classifier;

import id.netra.model.MediaText;
import id.netra.model.Post;

/**
 * What reaches the classifier for a post: the post itself (from {@code posts}) or the text read in its pictures (from
 * {@code media-text}); exactly one is set.
 */
record MediaArrival(Post post, MediaText mediaText) {
    static MediaArrival of(Post post) {
        return new MediaArrival(post, null);
    }

    static MediaArrival of(MediaText mediaText) {
        return new MediaArrival(null, mediaText);
    }
}
