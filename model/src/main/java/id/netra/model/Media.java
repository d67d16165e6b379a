package id.netra.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URI;
import java.util.Locale;

/**
 * A picture or video attached to a post (FORMATS.md {@code media}).
 *
 * @param url the item's address, or {@code null} when the platform gave none
 * @param alt the platform's alternative text or caption of the item, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Media(Type type, URI url, String alt) {
    public Media {
        Validate.notNull(type, "media type");
    }

    /** The kind of item: {@code image} or {@code video}. */
    public enum Type {
        IMAGE, VIDEO;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Type of(String id) {
            for (Type t : values()) {
                if (id != null && t.id().equalsIgnoreCase(id.strip())) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown media type '" + id + "' (expected image or video)");
        }
    }

    /** The alt text, or the empty string. */
    public String altText() {
        return alt == null ? "" : alt;
    }
}
