package id.netra.model;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * Reads posts in the format of {@code shared/data/FORMATS.md}, strictly: a number or a boolean where the format says
 * string (a numeric {@code postId} or {@code text}), an epoch number for {@code publishedAt}, and a {@code url} that is
 * not an absolute http(s) address are refused with the reason, never coerced into a post. Ingest reads files with it,
 * and the classifier and replays read the {@code posts} topic with {@link #serde()}, so all decide alike.
 */
public final class PostLines {
    private static final JsonSerde<Post> SERDE = new JsonSerde<>(Post.class, Json.strictMapper(), PostLines::requireWebAddress);

    private PostLines() {
    }

    /**
     * Parses one line.
     *
     * @throws IllegalArgumentException with a one-line reason when the line is not a valid post
     */
    public static Post parse(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("empty line");
        }
        try {
            Post post = Json.strictMapper().readValue(line, Post.class);
            if (post == null) {
                throw new IllegalArgumentException("JSON null is not a post");
            }
            return requireWebAddress(post);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid post: " + Errors.describe(e), e);
        }
    }

    /**
     * Parses one line given as its UTF-8 bytes (what a file holds: no text is made of it first).
     *
     * @throws IllegalArgumentException with a one-line reason when the line is not a valid post
     */
    public static Post parse(byte[] line) {
        try {
            Post post = Json.strictMapper().readValue(line, Post.class);
            if (post == null) {
                throw new IllegalArgumentException("JSON null is not a post");
            }
            return requireWebAddress(post);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid post: " + Errors.describe(e), e);
        }
    }

    /** The serde of the {@code posts} topic: reads as strictly as {@link #parse(String)}, writes as {@link Json#mapper()}. */
    public static JsonSerde<Post> serde() {
        return SERDE;
    }

    /**
     * {@code post}, if its address is an absolute http(s) address with a host: posts of the web are keyed by it and
     * analysts open it.
     *
     * @throws IllegalArgumentException naming the address otherwise
     */
    public static Post requireWebAddress(Post post) {
        URI url = post.url();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("url must be an absolute http(s) address, not '" + url + "'");
        }
        return post;
    }
}
