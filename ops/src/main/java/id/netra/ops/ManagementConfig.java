package id.netra.ops;

import id.netra.model.Settings;

/**
 * Where a service serves its management endpoints and who may read its metrics.
 *
 * @param host   the address to listen on
 * @param port   the port; 0 picks a free one, -1 serves none
 * @param access who may read {@code /metrics}
 */
public record ManagementConfig(String host, int port, MetricsAccess access) {
    public ManagementConfig {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("the management port must be -1 (none), 0 (any free one) or up to 65535, not " + port);
        }
        java.util.Objects.requireNonNull(access, "access");
    }

    /**
     * {@code <prefix>.host} (default {@code 0.0.0.0}), {@code <prefix>.port} (default {@code defaultPort}), and the
     * metrics access rule of {@link MetricsAccess#from(Settings)}.
     */
    public static ManagementConfig from(Settings s, String prefix, int defaultPort) {
        int port = s.integer(prefix + ".port", defaultPort);
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("Setting '" + prefix + ".port' must be -1 (none), 0 (any free port) or up to 65535, not " + port);
        }
        return new ManagementConfig(s.string(prefix + ".host", "0.0.0.0"), port, MetricsAccess.from(s));
    }

    /** No port at all. */
    public static ManagementConfig none() {
        return new ManagementConfig("127.0.0.1", -1, MetricsAccess.loopbackOnly());
    }

    public boolean enabled() {
        return port >= 0;
    }
}
