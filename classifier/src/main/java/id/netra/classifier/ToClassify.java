package id.netra.classifier;

import id.netra.model.MediaText;
import id.netra.model.Post;

/**
 * A post to decide, with the text read in its pictures or without it, as {@link MediaWait} says.
 *
 * @param mediaText the post's media text, or null
 * @param edit      the second decision of a post, with a media text that came late: written only when a picture's text
 *                  counts, under its own id ({@link MediaWait#asEdit})
 */
record ToClassify(Post post, MediaText mediaText, boolean edit) {
}
