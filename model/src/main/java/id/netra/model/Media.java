package id.netra.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URI;
import java.util.Locale;

/**
 * A picture or video attached to a post (FORMATS.md {@code media}).
 *
 * @param url   the item's address, or {@code null} when the platform gave none
 * @param alt   the platform's alternative text or caption of the item, or {@code null}
 * @param cover    for a video, the address of its cover or thumbnail picture where the platform gives one, or {@code null}
 *                 (beyond FORMATS.md; read by the media stage)
 * @param captions for a video, the text of its captions (subtitles, transcript) where the platform's API gives them, or
 *                 {@code null} (beyond FORMATS.md; read by the classifier from rules-v3 as {@code media[N].captions})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Media(Type type, URI url, String alt, URI cover, String captions) {
    public Media {
        Validate.notNull(type, "media type");
    }

    /** An item as FORMATS.md gives it, without a cover or captions. */
    public Media(Type type, URI url, String alt) {
        this(type, url, alt, null, null);
    }

    /** An item with a cover, without captions. */
    public Media(Type type, URI url, String alt, URI cover) {
        this(type, url, alt, cover, null);
    }

    /** The captions' text, or the empty string. */
    public String captionsText() {
        return captions == null ? "" : captions;
    }

    /**
     * The picture the media stage reads for this item: an image's address, a video's cover; {@code null} when there is
     * none (a video without a cover, an item without an address).
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public URI pictureUrl() {
        return type == Type.IMAGE ? url : cover;
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
