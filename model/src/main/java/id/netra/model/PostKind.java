package id.netra.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a post is: an original post, a share of another post, a comment or a reply, a public reaction (a like, love,
 * care...; the post's text is the reaction's name) or the joining of a public group or community. The last four (and
 * a share whose original is known) carry the {@link Post#target() target} they answer, react to or join.
 */
public enum PostKind {
    POST, SHARE, COMMENT, REPLY, REACTION, JOIN;

    /** The ids, computed once: a kind is read and written for every post and alert. */
    private static final PostKind[] ALL = values();
    private final String id = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static PostKind of(String id) {
        if (id != null) {
            for (PostKind k : ALL) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            for (PostKind k : ALL) {
                if (k.id().equalsIgnoreCase(id.strip())) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("unknown kind '" + id + "' (expected post, share, comment, reply, reaction or join)");
    }
}
