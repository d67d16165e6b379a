package id.netra.ingest;

import id.netra.ingest.http.Fetched;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The raw payload a post was read from and how it was obtained: what goes to the {@code captures} topic and, by its
 * hash, into the post's provenance. Several posts of one payload share one {@code Evidence} object, so the payload is
 * stored once.
 *
 * @param httpStatus {@code null} for files
 */
public record Evidence(URI requestUrl, URI finalUrl, Integer httpStatus, String contentType, Instant fetchedAt,
                       byte[] payload, String sha256) {

    public static Evidence of(Fetched f) {
        return new Evidence(f.requestUrl(), f.finalUrl(), f.status(), f.contentType(), f.fetchedAt(), f.body(), f.sha256());
    }

    /** A payload read from a file (an import, a JSONL line). */
    public static Evidence ofFile(Path file, byte[] payload, String contentType, Instant readAt) {
        URI uri = file.toAbsolutePath().toUri();
        return new Evidence(uri, uri, null, contentType, readAt, payload, sha256(payload));
    }

    public static Evidence ofFile(Path file, String line, Instant readAt) {
        return ofFile(file, line.getBytes(StandardCharsets.UTF_8), "application/x-ndjson", readAt);
    }

    /** A line of the file at {@code uri} (its absolute {@code file:} address, made once per file by the caller). */
    static Evidence ofLine(URI uri, byte[] line, Instant readAt) {
        return new Evidence(uri, uri, null, "application/x-ndjson", readAt, line, sha256(line));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
