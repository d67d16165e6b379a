package id.netra.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A shared secret presented as {@code Authorization: Bearer <token>}. Compared in constant time over SHA-256 digests,
 * so neither the content nor the length of the token leaks through timing. {@link #toString()} never shows it.
 */
public final class BearerToken {
    /** The least length accepted: a token is a random secret, not a password. */
    public static final int MIN_LENGTH = 16;

    private final String token;
    private final byte[] digest;

    private BearerToken(String token) {
        this.token = token;
        this.digest = sha256(token);
    }

    /**
     * @param key the configuration key it came from, for the message
     * @throws IllegalArgumentException when the token is shorter than {@link #MIN_LENGTH} or has spaces or controls
     */
    public static BearerToken of(String token, String key) {
        if (token == null || token.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("Setting '" + key + "' must be at least " + MIN_LENGTH
                    + " characters (a random secret, e.g. `openssl rand -hex 32`)");
        }
        if (!token.strip().chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("Setting '" + key + "' must be printable ASCII without spaces");
        }
        return new BearerToken(token.strip());
    }

    /** The {@code Authorization} header value a client sends with this token. */
    public String authorization() {
        return "Bearer " + token;
    }

    /** Whether an {@code Authorization} header value carries this token. */
    public boolean matchesHeader(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return matches(authorization.substring(7).strip());
    }

    /** Whether {@code presented} is this token, in constant time. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[****]";
    }
}
