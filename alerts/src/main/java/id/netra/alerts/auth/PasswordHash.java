package id.netra.alerts.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes as stored in the users file: {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}, PBKDF2
 * with HMAC-SHA256 from the JDK, a 16-byte random salt and a 32-byte hash. The iteration count travels with the hash,
 * so a stronger default later does not invalidate old entries and tests may use a cheap one.
 */
public final class PasswordHash {
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about a third of a second per login on a laptop. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Below this a hash is accepted but the users file loader warns: it is too cheap to guess against. */
    public static final int MIN_PRODUCTION_ITERATIONS = 210_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    /** A new hash of {@code password} with {@link #DEFAULT_ITERATIONS}. */
    public static String hash(char[] password) {
        return hash(password, DEFAULT_ITERATIONS);
    }

    public static String hash(char[] password, int iterations) {
        if (password.length == 0) {
            throw new IllegalArgumentException("the password is empty");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive, not " + iterations);
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, iterations, 32));
    }

    /** Whether {@code password} matches {@code stored}; compares in constant time. */
    public static boolean verify(char[] password, String stored) {
        Parsed p = parse(stored);
        byte[] actual = derive(password, p.salt, p.iterations, p.hash.length);
        return MessageDigest.isEqual(actual, p.hash);
    }

    /** The iteration count of a stored hash. */
    public static int iterations(String stored) {
        return parse(stored).iterations;
    }

    /** @throws IllegalArgumentException saying what is wrong with the format, never echoing the hash */
    public static void check(String stored) {
        parse(stored);
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String stored) {
        if (stored == null || stored.isBlank()) {
            throw new IllegalArgumentException("password hash is missing (make one with 'netra users hash-password')");
        }
        String[] parts = stored.strip().split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("password hash must look like pbkdf2-sha256$<iterations>$<salt>$<hash> (make one with 'netra users hash-password')");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            iterations = 0;
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("password hash has a bad iteration count '" + parts[1] + "'");
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (salt.length < 8 || hash.length < 16) {
                throw new IllegalArgumentException("password hash has a salt under 8 bytes or a hash under 16 bytes");
            }
            return new Parsed(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() != null && e.getMessage().startsWith("password hash") ? e.getMessage()
                    : "password hash has a salt or hash that is not base64");
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** A random password for a demo user: 16 characters without look-alikes. */
    public static String randomPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        char[] out = new char[16];
        for (int i = 0; i < out.length; i++) {
            out[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        String s = new String(out);
        Arrays.fill(out, ' ');
        return s;
    }
}
