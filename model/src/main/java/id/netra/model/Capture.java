package id.netra.model;

import java.net.URI;
import java.time.Instant;

/**
 * The raw payload a post was read from, gzip-compressed, as evidence. Value of the {@code captures} topic, keyed like
 * the post ({@code platform:postId}); one record per version of the post. A feed or list page that yields several
 * posts is captured once per post.
 *
 * @param sha256      SHA-256 (hex) of the payload before compression: the value the post's provenance records
 * @param encoding    how {@link #payload()} is encoded: {@code gzip}
 * @param payload     the compressed bytes (base64 in JSON); {@code null} when {@code storedWith} is set
 * @param storedWith  when several posts come from one payload (a feed, a list page, an import file), the payload is
 *                    stored once, with the first of them; the others name that post's key here
 */
public record Capture(String postKey, String sourceId, URI requestUrl, URI finalUrl, Integer httpStatus, String contentType,
                      Instant fetchedAt, String sha256, String encoding, byte[] payload, String storedWith) {
    /** The largest capture record the topic takes (its {@code max.message.bytes}); producers must allow as much. */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    public Capture {
        Validate.notBlank(postKey, "postKey");
        Validate.notBlank(sourceId, "sourceId");
        Validate.notNull(requestUrl, "requestUrl");
        Validate.notNull(fetchedAt, "fetchedAt");
        Validate.notBlank(sha256, "sha256");
        Validate.notBlank(encoding, "encoding");
        Validate.isTrue(payload != null || storedWith != null, "capture of " + postKey + ": a payload or the post it is stored with");
    }
}
