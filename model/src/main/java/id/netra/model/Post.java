package id.netra.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.net.URI;
import java.time.OffsetDateTime;

/**
 * A public post, exactly the fields of {@code shared/data/FORMATS.md}. Value of the {@code posts} topic,
 * keyed by {@link #key()}.
 *
 * @param publishedAt kept with its original offset, so a post re-serialises to what was collected
 */
public record Post(
        Platform platform,
        String postId,
        URI url,
        Author author,
        String text,
        OffsetDateTime publishedAt,
        PostKind kind) {

    public Post {
        Validate.notNull(platform, "platform");
        Validate.notBlank(postId, "postId");
        Validate.notNull(url, "url");
        Validate.notNull(author, "author");
        Validate.notNull(text, "text");
        Validate.notNull(publishedAt, "publishedAt");
        Validate.notNull(kind, "kind");
    }

    /** The Kafka key of this post: {@code platform:postId}, unique across platforms. */
    @JsonIgnore
    public String key() {
        return platform.id() + ":" + postId;
    }
}
