package id.netra.app;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;

/**
 * A small fictional news site that {@code netra up} serves on loopback so that its feed source has a real web server
 * to be polite to: {@code /robots.txt} (with a Crawl-delay) and {@code /feed.xml} (RSS 2.0), with ETag support; and
 * {@link #POSTER} (a campaign poster drawn at start), the picture of a sample post whose caption says nothing. The
 * feed's items link to the site's public address ({@code http://warta-metro.example/...}), as a real feed does, not
 * to the loopback port: web posts are keyed by their address, and the port changes at every start.
 */
final class DemoSite implements AutoCloseable {
    /** The path of the demo poster. */
    static final String POSTER = "/media/poster-metro-02.png";
    /** The address sample posts give their pictures on the demo site; replaced by the site's real address when copied. */
    static final String SAMPLE_ADDRESS = "http://demo-site.netra.invalid";

    private final Javalin app;

    private DemoSite(Javalin app) {
        this.app = app;
    }

    static DemoSite start(int port) {
        byte[] robots = resource("robots.txt");
        byte[] feed = resource("feed.xml");
        String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(feed)) + "\"";
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = false;
        });
        byte[] poster = id.netra.media.Posters.png(java.util.List.of("COBLOS NOMOR 2", "Rizal Fahmi - Nurul Kartika",
                "Metro Berseri, Warga Sejahtera", "#RizalKartika"), id.netra.media.Posters.Style.clean());
        app.get("/robots.txt", ctx -> ctx.contentType("text/plain; charset=utf-8").result(robots));
        app.get(POSTER, ctx -> ctx.contentType("image/png").result(poster));
        app.get("/feed.xml", ctx -> {
            if (etag.equals(ctx.header("If-None-Match"))) {
                ctx.status(304);
                return;
            }
            ctx.header("ETag", etag).contentType("application/rss+xml; charset=utf-8").result(feed);
        });
        app.start("127.0.0.1", port);
        return new DemoSite(app);
    }

    int port() {
        return app.port();
    }

    /** The site's address, {@code http://127.0.0.1:<port>}. */
    String address() {
        return "http://127.0.0.1:" + app.port();
    }

    private static byte[] resource(String name) {
        try (InputStream in = DemoSite.class.getResourceAsStream("/samples/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the bundled demo site file " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled demo site file " + name, e);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
