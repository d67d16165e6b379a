package id.netra.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Instant;

/**
 * How ingest collected a post: the evidence an analyst shows when the original is gone. The raw payload itself is on
 * the {@code captures} topic under the post's key; {@link #payloadSha256()} ties the two together.
 *
 * @param sourceId      the id of the source in {@code sources.yml}, e.g. {@code kpu-news}
 * @param requestUrl    the address that was fetched (for imports: the file, as a {@code file:} URI)
 * @param httpStatus    the HTTP status of the response, or {@code null} for files
 * @param fetchedAt     when the payload was received
 * @param payloadSha256 SHA-256 (hex) of the raw payload bytes as received
 * @param contentHash   {@link Post#contentHash()} of this version of the post
 * @param version       1 for the first version seen, then 2, 3, ... for each edit seen
 * @param reportedBy    who submitted the post's address to the report endpoint, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(String sourceId, URI requestUrl, Integer httpStatus, Instant fetchedAt, String payloadSha256,
                         String contentHash, int version, String reportedBy) {
    public Provenance {
        Validate.notBlank(sourceId, "provenance.sourceId");
        Validate.notNull(requestUrl, "provenance.requestUrl");
        Validate.notNull(fetchedAt, "provenance.fetchedAt");
        Validate.notBlank(payloadSha256, "provenance.payloadSha256");
        Validate.notBlank(contentHash, "provenance.contentHash");
        Validate.isTrue(version >= 1, "provenance.version must be at least 1, not " + version);
    }
}
