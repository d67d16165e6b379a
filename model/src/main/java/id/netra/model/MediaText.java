package id.netra.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the media stage read in the pictures of one version of a post: for each picture (an image, or the cover of a
 * video), whether it could be read, the picture's SHA-256 (its capture is on {@code captures} under the post's key), and
 * the words found with their boxes in the picture and their confidence. Value of the {@code media-text} topic, keyed like
 * the post ({@code platform:postId}), so that it lands in the partition of the post: the classifier reads both in one
 * task. Exactly one record per version of a post that has {@link #pictures(Post) pictures}, also when none could be read,
 * so the classifier never waits for a record that will not come.
 *
 * @param postKey     the post's key
 * @param versionKey  the post version's key ({@link Post#versionKey()})
 * @param contentHash the post version's {@link Post#contentHash()}
 * @param items       one per picture, in the order of the post's {@code media}
 * @param engine      what read the text, e.g. {@code tesseract 5.3.0 ind+eng}
 * @param readAt      when the stage finished reading
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediaText(String postKey, String versionKey, String contentHash, List<Item> items, String engine, Instant readAt) {
    public MediaText {
        Validate.notBlank(postKey, "postKey");
        Validate.notBlank(versionKey, "versionKey");
        Validate.notNull(readAt, "readAt");
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** What became of a picture. */
    public enum Status {
        /** Fetched, checked, captured and read (its text may be empty). */
        READ,
        /** Fetched, but refused: not an image, corrupt, too large, animated (also sent to {@code posts-dlq}). */
        REFUSED,
        /** Not fetched: unreachable, an error status, disallowed by robots.txt, a blocked address. */
        UNAVAILABLE,
        /** Fetched, but reading it failed or took too long. */
        FAILED
    }

    /**
     * One picture.
     *
     * @param index       the position of the item in the post's {@code media} (the {@code N} of {@code media[N]})
     * @param source      {@code image}, or {@code video-cover} for a video's cover or thumbnail
     * @param url         the address fetched
     * @param reason      why it was not read, for any status but {@link Status#READ}
     * @param sha256      SHA-256 (hex) of the picture's bytes as received, when fetched
     * @param fetchedAt   when it was fetched (its capture on {@code captures} has the same time)
     * @param text        the text read, words separated by spaces and lines by {@code \n}; evidence offsets point here
     * @param words       each word of {@code text} with its box and confidence
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, String source, URI url, Status status, String reason, String sha256, String contentType,
                       Instant fetchedAt, Integer width, Integer height, String text,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Word> words) {
        public Item {
            Validate.isTrue(index >= 0, "media index must not be negative");
            Validate.notNull(status, "status");
            words = words == null ? List.of() : List.copyOf(words);
        }

        /** The text read, or the empty string. */
        @JsonIgnore
        public String textOrEmpty() {
            return text == null ? "" : text;
        }

        /** The boxes of the words that overlap {@code [start, end)} of {@link #text()}, in reading order. */
        public List<Box> boxes(int start, int end) {
            List<Box> out = new ArrayList<>();
            for (Word w : words) {
                if (w.start() < end && w.end() > start) {
                    out.add(w.box());
                }
            }
            return out;
        }
    }

    /**
     * A word read in a picture.
     *
     * @param start      offset of its first char in the item's text
     * @param end        offset after its last char
     * @param box        where it is in the picture, in pixels of the picture as fetched
     * @param confidence the OCR engine's confidence, 0 to 100
     */
    public record Word(int start, int end, Box box, double confidence) {
        public Word {
            Validate.isTrue(start >= 0 && end >= start, "word span [" + start + "," + end + ") is invalid");
            Validate.notNull(box, "box");
        }
    }

    /** A rectangle in a picture: left, top, width and height in pixels. */
    public record Box(int x, int y, int width, int height) {
        public Box {
            Validate.isTrue(width >= 0 && height >= 0, "a box has no negative size");
        }
    }

    /** The item of the picture {@code index} of the post, if it is in this record. */
    public java.util.Optional<Item> item(int index) {
        return items.stream().filter(i -> i.index() == index).findFirst();
    }

    /**
     * The items of a post the media stage reads: every image with an address, and every video with a cover address;
     * by their index in {@code media}. A post with none gets no media text, and the classifier does not wait for one.
     */
    public static List<Integer> pictures(Post post) {
        List<Integer> out = new ArrayList<>();
        List<Media> media = post.media();
        for (int i = 0; i < media.size(); i++) {
            if (media.get(i).pictureUrl() != null) {
                out.add(i);
            }
        }
        return out;
    }
}
