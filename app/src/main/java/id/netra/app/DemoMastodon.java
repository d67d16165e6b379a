package id.netra.app;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;

/**
 * A small fictional Mastodon instance ({@code warga.example}) that {@code netra up} serves on loopback, so that the
 * {@code mastodon-interactions} source has a real API to read: the campaign account of the Kota Metro pair 03
 * ({@code wahyuanisa03}, in the sample watchlist), one status of it, and below it a reply by a sample ASN
 * ({@code ekowahyono}, in the sample registry), a question by a citizen and a favourite. It answers the public API
 * paths the source asks ({@code /api/v2/instance}, {@code /api/v1/accounts/lookup}, {@code /api/v1/accounts/:id/statuses},
 * {@code /api/v1/statuses/:id/context}, {@code reblogged_by}, {@code favourited_by}) with the rate-limit headers and
 * {@code Link} header a real instance sends.
 */
final class DemoMastodon implements AutoCloseable {
    static final String DOMAIN = "warga.example";
    private static final String STATUS = "113500000000000001";

    private final Javalin app;

    private DemoMastodon(Javalin app) {
        this.app = app;
    }

    static DemoMastodon start(int port) {
        byte[] instance = resource("instance.json");
        byte[] account = resource("account.json");
        byte[] statuses = resource("statuses.json");
        byte[] context = resource("context.json");
        byte[] favourites = resource("favourited_by.json");
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.useVirtualThreads = false;
        });
        app.get("/robots.txt", ctx -> ctx.contentType("text/plain; charset=utf-8").result("User-agent: *\nDisallow: /media_proxy/\nDisallow: /interact/\n"));
        app.get("/api/v2/instance", ctx -> json(ctx, instance));
        app.get("/api/v1/accounts/lookup", ctx -> {
            if ("wahyuanisa03".equalsIgnoreCase(ctx.queryParam("acct"))) {
                json(ctx, account);
            } else {
                notFound(ctx);
            }
        });
        app.get("/api/v1/accounts/1001/statuses", ctx -> json(ctx, statuses));
        app.get("/api/v1/statuses/" + STATUS + "/context", ctx -> json(ctx, context));
        app.get("/api/v1/statuses/" + STATUS + "/reblogged_by", ctx -> json(ctx, "[]".getBytes()));
        app.get("/api/v1/statuses/" + STATUS + "/favourited_by", ctx -> {
            // One favourite, id 7001 among the instance's favourites: newer ones are asked for with since_id.
            if (ctx.queryParam("since_id") != null) {
                json(ctx, "[]".getBytes());
                return;
            }
            ctx.header("Link", "<https://" + DOMAIN + "/api/v1/statuses/" + STATUS + "/favourited_by?limit=80&since_id=7001>; rel=\"prev\"");
            json(ctx, favourites);
        });
        app.start("127.0.0.1", port);
        return new DemoMastodon(app);
    }

    int port() {
        return app.port();
    }

    private static void json(Context ctx, byte[] body) {
        ctx.header("X-RateLimit-Limit", "300").header("X-RateLimit-Remaining", "299")
                .header("X-RateLimit-Reset", Instant.now().plus(Duration.ofMinutes(5)).toString())
                .contentType("application/json; charset=utf-8").result(body);
    }

    private static void notFound(Context ctx) {
        ctx.status(404).contentType("application/json; charset=utf-8").result("{\"error\":\"Record not found\"}");
    }

    private static byte[] resource(String name) {
        try (InputStream in = DemoMastodon.class.getResourceAsStream("/samples/mastodon/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the bundled demo Mastodon file " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled demo Mastodon file " + name, e);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
