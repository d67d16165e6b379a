package id.netra.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import id.netra.model.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Mastodon instance on loopback serving the public API endpoints the interactions source reads, with the fixtures
 * under {@code fixtures/mastodon/} (shaped like the documentation's examples): {@code /api/v2/instance},
 * {@code /api/v1/accounts/lookup}, {@code /api/v1/accounts/:id/statuses}, {@code /api/v1/statuses/:id/context} and
 * {@code reblogged_by} / {@code favourited_by}, the last two paged as Mastodon's controllers do: newest first by the
 * boost's or favourite's own (hidden) id, {@code max_id}/{@code since_id} bounds, a {@code next} link only when a page
 * is full, {@code prev} with {@code since_id} when it is not empty. Every request is recorded; one path can be made to
 * fail or to hang.
 */
final class FakeMastodon implements AutoCloseable {
    /** One boost or favourite: its own id (never shown) and who. */
    private record Entry(long id, JsonNode account) {
    }

    private final Javalin app;
    private final Map<String, List<Entry>> reblogs = new ConcurrentHashMap<>();
    private final Map<String, List<Entry>> favourites = new ConcurrentHashMap<>();
    private final AtomicLong nextEntryId = new AtomicLong(53_286_800);
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> remaining = new AtomicReference<>("299");
    private final Map<String, Integer> failing = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> hanging = new ConcurrentHashMap<>();
    private final List<JsonNode> people;
    private final AtomicReference<byte[]> statuses = new AtomicReference<>(fixture("statuses-1001.json"));

    FakeMastodon() {
        people = new ArrayList<>();
        json(fixture("accounts.json")).forEach(people::add);
        app = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/robots.txt", ctx -> ctx.result("User-agent: *\nDisallow: /media_proxy/\nDisallow: /interact/\n"))
                .get("/api/v2/instance", ctx -> answer(ctx, "{\"domain\":\"warga.example\",\"title\":\"Warga\",\"version\":\"4.3.0\"}".getBytes()))
                .get("/api/v1/accounts/lookup", ctx -> {
                    if ("wahyuanisa03".equals(ctx.queryParam("acct"))) {
                        answer(ctx, fixture("account-wahyuanisa03.json"));
                    } else {
                        ctx.status(404);
                        answer(ctx, "{\"error\":\"Record not found\"}".getBytes());
                    }
                })
                .get("/api/v1/accounts/1001/statuses", ctx -> answer(ctx, statuses.get()))
                .get("/api/v1/statuses/{id}/context", ctx -> {
                    String id = ctx.pathParam("id");
                    InputStream in = FakeMastodon.class.getResourceAsStream("/fixtures/mastodon/context-" + id + ".json");
                    if (in == null) {
                        ctx.status(404);
                        answer(ctx, "{\"error\":\"Record not found\"}".getBytes());
                        return;
                    }
                    try (in) {
                        answer(ctx, in.readAllBytes());
                    }
                })
                .get("/api/v1/statuses/{id}/reblogged_by", ctx -> page(ctx, reblogs, "reblogged_by"))
                .get("/api/v1/statuses/{id}/favourited_by", ctx -> page(ctx, favourites, "favourited_by"))
                .before(ctx -> {
                    if (ctx.path().startsWith("/api/")) {
                        requests.add(ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
                    }
                    CountDownLatch latch = hanging.get(ctx.path());
                    if (latch != null) {
                        latch.await(60, TimeUnit.SECONDS);
                    }
                    Integer status = failing.get(ctx.path());
                    if (status != null) {
                        ctx.status(status).result("{\"error\":\"failing on purpose\"}");
                        ctx.skipRemainingHandlers();
                    }
                })
                .start("127.0.0.1", 0);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    /** Someone boosts {@code statusId}: the person at {@code index} of {@code accounts.json}. */
    FakeMastodon reblog(String statusId, int index) {
        reblogs.computeIfAbsent(statusId, k -> new CopyOnWriteArrayList<>()).add(new Entry(nextEntryId.incrementAndGet(), people.get(index)));
        return this;
    }

    FakeMastodon favourite(String statusId, int index) {
        favourites.computeIfAbsent(statusId, k -> new CopyOnWriteArrayList<>()).add(new Entry(nextEntryId.incrementAndGet(), people.get(index)));
        return this;
    }

    /** The person at {@code index} of {@code accounts.json}. */
    JsonNode person(int index) {
        return people.get(index);
    }

    FakeMastodon failing(String path, int status) {
        failing.put(path, status);
        return this;
    }

    FakeMastodon healthy(String path) {
        failing.remove(path);
        return this;
    }

    /** Requests to {@code path} wait until the returned latch is released (a minute at most). */
    CountDownLatch hang(String path) {
        CountDownLatch latch = new CountDownLatch(1);
        hanging.put(path, latch);
        return latch;
    }

    void remaining(String left) {
        remaining.set(left);
    }

    void statuses(byte[] body) {
        statuses.set(body);
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    private void answer(Context ctx, byte[] body) {
        ctx.header("X-RateLimit-Limit", "300").header("X-RateLimit-Remaining", remaining.get())
                .header("X-RateLimit-Reset", Instant.now().plus(Duration.ofMinutes(5)).toString())
                .contentType("application/json; charset=utf-8").result(body);
    }

    /** {@code Favourite.paginate_by_max_id(limit, max_id, since_id)} and the controller's Link header. */
    private void page(Context ctx, Map<String, List<Entry>> lists, String endpoint) {
        String statusId = ctx.pathParam("id");
        int limit = Math.min(80, Integer.parseInt(ctx.queryParamAsClass("limit", String.class).getOrDefault("40")));
        Long max = ctx.queryParam("max_id") == null ? null : Long.parseLong(ctx.queryParam("max_id"));
        Long since = ctx.queryParam("since_id") == null ? null : Long.parseLong(ctx.queryParam("since_id"));
        List<Entry> page = lists.getOrDefault(statusId, List.of()).stream()
                .filter(e -> max == null || e.id() < max).filter(e -> since == null || e.id() > since)
                .sorted((a, b) -> Long.compare(b.id(), a.id())).limit(limit).toList();
        ArrayNode body = Json.mapper().createArrayNode();
        page.forEach(e -> body.add(e.account()));
        String base = "https://warga.example/api/v1/statuses/" + statusId + "/" + endpoint + "?limit=" + limit;
        List<String> links = new ArrayList<>();
        if (page.size() == limit) {
            links.add("<" + base + "&max_id=" + page.getLast().id() + ">; rel=\"next\"");
        }
        if (!page.isEmpty()) {
            links.add("<" + base + "&since_id=" + page.getFirst().id() + ">; rel=\"prev\"");
        }
        if (!links.isEmpty()) {
            ctx.header("Link", String.join(", ", links));
        }
        answer(ctx, body.toString().getBytes());
    }

    private static byte[] fixture(String name) {
        try (InputStream in = FakeMastodon.class.getResourceAsStream("/fixtures/mastodon/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        hanging.values().forEach(CountDownLatch::countDown);
        app.stop();
    }
}
