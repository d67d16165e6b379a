package id.netra.ops;

import io.javalin.Javalin;

/**
 * An HTTP port with the management endpoints only, for a service that serves nothing else (the classifier). See
 * {@link ManagementEndpoints}.
 */
public final class ManagementServer implements AutoCloseable {
    private final Javalin app;

    private ManagementServer(Javalin app) {
        this.app = app;
    }

    /** @param port 0 for a free port */
    public static ManagementServer start(String host, int port, Health health, Metrics metrics, MetricsAccess access) {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = false;
        });
        ManagementEndpoints.install(app, health, metrics, access);
        app.start(host, port);
        return new ManagementServer(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
