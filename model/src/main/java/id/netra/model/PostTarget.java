package id.netra.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;

/**
 * What an interaction answers, shares, reacts to or joins: a post, a group or an account (FORMATS.md {@code target}).
 *
 * @param platform the target's platform; where the file gives none, the interaction's own (filled in by {@link Post})
 * @param postId   the target post's id, or {@code null} for a group or account joined
 * @param url      the target's public address, or {@code null} when the platform gave none
 * @param author   the owner of the post, group or account, or {@code null} when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostTarget(Platform platform, String postId, URI url, Author author) {
    public PostTarget {
        Validate.isTrue(url != null || author != null || (postId != null && !postId.isBlank()),
                "target names nothing: it needs a url, an author or a postId");
        if (postId != null && postId.isBlank()) {
            postId = null;
        }
    }

    /** This target on {@code platform} when it names none. */
    public PostTarget onPlatform(Platform platform) {
        return this.platform != null ? this : new PostTarget(platform, postId, url, author);
    }

    /** The key of the target post ({@code platform:postId}), or {@code null} for a group or account. */
    public String postKey() {
        return postId == null ? null : platform.id() + ":" + postId;
    }

    /** The owner's account as the registry and watchlist key accounts ({@link Account#lookupKey}), or {@code null}. */
    public String ownerKey() {
        return author == null ? null : Account.lookupKey(platform, author.handle());
    }
}
