package id.netra.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a post is: an original post, a share of another post, a comment or a reply. */
public enum PostKind {
    POST, SHARE, COMMENT, REPLY;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PostKind of(String id) {
        if (id != null) {
            for (PostKind k : values()) {
                if (k.id().equalsIgnoreCase(id.strip())) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("unknown kind '" + id + "' (expected post, share, comment or reply)");
    }
}
