package id.netra.model;

import java.io.IOException;

/** Parses the lines of a posts JSONL file ({@code shared/data/FORMATS.md}). */
public final class PostLines {
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
            Post post = Json.mapper().readValue(line, Post.class);
            if (post == null) {
                throw new IllegalArgumentException("JSON null is not a post");
            }
            return post;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid post: " + Errors.describe(e), e);
        }
    }
}
