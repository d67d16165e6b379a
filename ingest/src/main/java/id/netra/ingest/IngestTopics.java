package id.netra.ingest;

import id.netra.model.Capture;
import id.netra.model.DeadLetter;
import id.netra.model.Post;
import id.netra.model.SeenPost;
import id.netra.model.SourceCursor;
import id.netra.model.Topic;
import id.netra.model.Topics;

/** The topics ingest writes, by default the catalog's; tests rename them. */
public record IngestTopics(Topic<String, Post> posts, Topic<String, DeadLetter> deadLetters, Topic<String, Capture> captures,
                           Topic<String, SourceCursor> cursors, Topic<String, SeenPost> seen) {

    public static IngestTopics defaults() {
        return new IngestTopics(Topics.POSTS, Topics.POSTS_DLQ, Topics.CAPTURES, Topics.INGEST_CURSORS, Topics.INGEST_SEEN);
    }

    /** Every topic with {@code prefix} in front of its name (for tests). */
    public IngestTopics prefixed(String prefix) {
        return new IngestTopics(posts.withName(prefix + posts.name()), deadLetters.withName(prefix + deadLetters.name()),
                captures.withName(prefix + captures.name()), cursors.withName(prefix + cursors.name()), seen.withName(prefix + seen.name()));
    }
}
