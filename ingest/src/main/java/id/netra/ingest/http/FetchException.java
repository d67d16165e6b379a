package id.netra.ingest.http;

import java.net.URI;
import java.time.Instant;

/**
 * A fetch that gave no usable response, with the reason as a {@link Kind} an operator can count and act on.
 * The message names the address.
 */
public final class FetchException extends Exception {

    /** Why a fetch failed. */
    public enum Kind {
        /** robots.txt disallows the path for Netra's user agent; nothing was requested. */
        DISALLOWED_BY_ROBOTS,
        /** The host resolves to a private, loopback, link-local or otherwise internal address (SSRF guard). */
        BLOCKED_ADDRESS,
        /** Not an http(s) address, or no host. */
        BAD_URL,
        /** More redirects than the policy allows, or a redirect loop. */
        TOO_MANY_REDIRECTS,
        /** The body is larger than the policy's maximum. */
        TOO_LARGE,
        /** Connect or read took longer than the policy's timeouts. */
        TIMEOUT,
        /** 429 or 503 (or another retryable status) still after the retries; {@link #retryAt()} says when to try again. */
        RATE_LIMITED,
        /** Any other non-2xx status (4xx, 5xx). */
        HTTP_STATUS,
        /** Connection refused or reset, DNS failure, TLS error. */
        IO
    }

    private final Kind kind;
    private final URI url;
    private final int status;
    private final Instant retryAt;
    private final byte[] body;

    public FetchException(Kind kind, URI url, int status, Instant retryAt, String message, Throwable cause) {
        this(kind, url, status, retryAt, message, cause, null);
    }

    /** @param body the answer's body (an API's error document), or {@code null} when there was none */
    public FetchException(Kind kind, URI url, int status, Instant retryAt, String message, Throwable cause, byte[] body) {
        // A message names addresses; an API key in one never reaches a log, a health page or a dead letter.
        super(Redaction.text(message), cause);
        this.kind = kind;
        this.url = url;
        this.status = status;
        this.retryAt = retryAt;
        this.body = body == null ? new byte[0] : body.clone();
    }

    public FetchException(Kind kind, URI url, String message) {
        this(kind, url, 0, null, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public URI url() {
        return url;
    }

    /** The HTTP status when there was a response, else 0. */
    public int status() {
        return status;
    }

    /** When the host may be asked again (Retry-After or back-off), or {@code null} when not known. */
    public Instant retryAt() {
        return retryAt;
    }

    /**
     * The body of a non-2xx answer ({@link Kind#HTTP_STATUS}), within the policy's size limit: APIs say there why they
     * refused (a JSON error with a reason such as {@code quotaExceeded}); empty when there was no answer.
     */
    public byte[] body() {
        return body.clone();
    }
}
