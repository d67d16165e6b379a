package id.netra.ingest;

import id.netra.model.Settings;
import id.netra.web.BearerToken;
import id.netra.web.BodyLimit;

/**
 * How ingest's HTTP API is guarded.
 *
 * @param token             what clients present as {@code Authorization: Bearer ...}; {@code null}: no token is
 *                          configured, and the API answers every request 401 (nothing under {@code /api} is open)
 * @param maxBodyBytes      request bodies above this are refused (413), with or without a length
 * @param maxPendingReports reports submitted and not fetched yet, at most; more are refused (503) until some are done
 */
public record IngestApi(BearerToken token, long maxBodyBytes, int maxPendingReports) {
    public static final long DEFAULT_MAX_BODY = 64 * 1024;
    public static final int DEFAULT_MAX_PENDING = 100;

    public IngestApi {
        if (maxBodyBytes < 1 || maxBodyBytes > BodyLimit.MOST) {
            throw new IllegalArgumentException("ingest.http.max-body must be between 1 and " + BodyLimit.MOST + " bytes, not " + maxBodyBytes);
        }
        if (maxPendingReports < 1) {
            throw new IllegalArgumentException("ingest.reports.max-pending must be at least 1, not " + maxPendingReports);
        }
    }

    /** No token (the API refuses everyone), the default limits. */
    public static IngestApi closed() {
        return new IngestApi(null, DEFAULT_MAX_BODY, DEFAULT_MAX_PENDING);
    }

    /** The default limits and this token. */
    public static IngestApi withToken(String token) {
        return new IngestApi(BearerToken.of(token, "ingest.api-token"), DEFAULT_MAX_BODY, DEFAULT_MAX_PENDING);
    }

    /** @throws IllegalArgumentException naming the key that is wrong */
    static IngestApi from(Settings s) {
        String token = s.string("ingest.api-token", null);
        return new IngestApi(token == null || token.isBlank() ? null : BearerToken.of(token, "ingest.api-token"),
                s.integer("ingest.http.max-body", (int) DEFAULT_MAX_BODY), s.integer("ingest.reports.max-pending", DEFAULT_MAX_PENDING));
    }
}
