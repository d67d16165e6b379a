package id.netra.ingest;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The YouTube Data API v3 on loopback ({@code /youtube/v3/...}) with the fixtures under {@code fixtures/youtube/},
 * shaped like the reference's responses and error documents: one campaign channel ({@code @wahyuanisa03}) with four
 * uploads: comments on two pages, comments disabled, a video not found, a thread with more replies than came with it.
 * It checks the API key, counts the calls against a quota and then answers {@code quotaExceeded}.
 */
final class FakeYouTube implements AutoCloseable {
    static final String KEY = "AIzaSyTest-Key_0123456789";
    static final String CHANNEL = "UCwahyuAnisa03MetroKota1";

    private final Javalin app;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger quotaLeft = new AtomicInteger(Integer.MAX_VALUE);

    FakeYouTube() {
        app = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/youtube/v3/channels", ctx -> {
                    boolean ours = "@wahyuanisa03".equals(ctx.queryParam("forHandle")) || CHANNEL.equals(ctx.queryParam("id"));
                    answer(ctx, 200, ours ? "channels.json" : "channels-none.json");
                })
                .get("/youtube/v3/playlistItems", ctx -> answer(ctx, 200, "playlistItems.json"))
                .get("/youtube/v3/commentThreads", ctx -> {
                    String video = ctx.queryParam("videoId");
                    switch (video == null ? "" : video) {
                        case "kMp1aNy3A02" -> answer(ctx, 403, "error-commentsDisabled.json");
                        case "kMp1aNy3A03" -> answer(ctx, 404, "error-videoNotFound.json");
                        default -> answer(ctx, 200, "commentThreads-" + video + "-" + (ctx.queryParam("pageToken") == null ? 1 : 2) + ".json");
                    }
                })
                .get("/youtube/v3/comments", ctx -> answer(ctx, 200, "comments-" + ctx.queryParam("parentId") + "-"
                        + (ctx.queryParam("pageToken") == null ? 1 : 2) + ".json"))
                .before(ctx -> {
                    if (!ctx.path().startsWith("/youtube/v3/")) {
                        return;
                    }
                    requests.add(ctx.path().substring("/youtube/v3".length()) + "?" + ctx.queryString());
                    if (!KEY.equals(ctx.queryParam("key"))) {
                        answer(ctx, 400, "error-keyInvalid.json");
                        ctx.skipRemainingHandlers();
                    } else if (quotaLeft.getAndDecrement() <= 0) {
                        answer(ctx, 403, "error-quotaExceeded.json");
                        ctx.skipRemainingHandlers();
                    }
                })
                .start("127.0.0.1", 0);
    }

    URI api() {
        return URI.create("http://127.0.0.1:" + app.port() + "/youtube/v3/");
    }

    /** Calls answered before the quota is exceeded. */
    void quota(int calls) {
        quotaLeft.set(calls);
    }

    /** Requests as {@code /method?query}. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private static void answer(Context ctx, int status, String fixture) {
        try (InputStream in = FakeYouTube.class.getResourceAsStream("/fixtures/youtube/" + fixture)) {
            if (in == null) {
                ctx.status(404).contentType("application/json").result("{\"error\":{\"code\":404,\"message\":\"no fixture " + fixture + "\"}}");
                return;
            }
            ctx.status(status).contentType("application/json; charset=UTF-8").result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
