package id.netra.ops;

import id.netra.model.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Who may read {@code /metrics}: with a management token configured ({@code management.token}, or a file holding it,
 * {@code management.token-file}), only requests carrying {@code Authorization: Bearer <token>}; without one, only
 * clients on the loopback interface (a Prometheus on the same host). Metrics name topics, sources and clients, and
 * their rates tell what is being watched, so they are not for everyone who reaches a service's port. The client's
 * address is the TCP peer's: {@code X-Forwarded-For} is not trusted. A loopback request that carries a forwarding
 * header ({@code X-Forwarded-For}, {@code Forwarded}, {@code X-Real-IP}) came through a reverse proxy on the same host,
 * from anywhere: it is refused like a remote one.
 */
public final class MetricsAccess {
    /** What the rule answers to a request. */
    public enum Decision { ALLOWED, NEEDS_TOKEN, LOOPBACK_ONLY }

    private static final String BEARER = "Bearer ";

    private final byte[] token;

    private MetricsAccess(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** Loopback clients only. */
    public static MetricsAccess loopbackOnly() {
        return new MetricsAccess(null);
    }

    /** Requests with this bearer token only. */
    public static MetricsAccess token(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("management.token must not be blank");
        }
        if (token.strip().length() < 16) {
            throw new IllegalArgumentException("management.token must have at least 16 characters (e.g. openssl rand -hex 32)");
        }
        return new MetricsAccess(token.strip());
    }

    /**
     * From {@code management.token} (environment {@code NETRA_MANAGEMENT_TOKEN}) or {@code management.token-file}
     * ({@code NETRA_MANAGEMENT_TOKEN_FILE}, e.g. a Docker secret); neither: loopback only.
     *
     * @throws IllegalArgumentException naming the key when the token is too short or its file cannot be read
     */
    public static MetricsAccess from(Settings s) {
        String token = s.string("management.token", null);
        Path file = s.path("management.token-file", null);
        if (token == null && file != null) {
            try {
                token = Files.readString(file).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read management.token-file " + file + ": " + e.getMessage(), e);
            }
        }
        return token == null ? loopbackOnly() : token(token);
    }

    public boolean tokenRequired() {
        return token != null;
    }

    /**
     * @param remoteAddress the TCP peer's address, as text
     * @param authorization the {@code Authorization} header, or {@code null}
     */
    public Decision decide(String remoteAddress, String authorization) {
        return decide(remoteAddress, authorization, false);
    }

    /**
     * @param remoteAddress the TCP peer's address, as text
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param forwarded     whether the request carries a forwarding header (it came through a proxy)
     */
    public Decision decide(String remoteAddress, String authorization, boolean forwarded) {
        if (token != null) {
            if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                byte[] given = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
                if (MessageDigest.isEqual(given, token)) {
                    return Decision.ALLOWED;
                }
            }
            return Decision.NEEDS_TOKEN;
        }
        return isLoopback(remoteAddress) && !forwarded ? Decision.ALLOWED : Decision.LOOPBACK_ONLY;
    }

    private static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        // Only literal addresses: a name would be resolved, and the peer's address is always a literal.
        if (!a.matches("[0-9a-fA-F:.%]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(a).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
