package id.netra.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.ingest.http.HttpPolicy;
import id.netra.ingest.http.PoliteFetcher;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Mastodon source against a small fake of the public API: paging forward with min_id, and the rate limit. */
class MastodonSourceIT {
    private Javalin api;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> remaining = new AtomicReference<>("299");
    private PoliteFetcher fetcher;

    @BeforeEach
    void startApi() {
        api = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/api/v1/timelines/tag/pilkada", ctx -> {
                    String minId = ctx.queryParam("min_id");
                    asked.add(minId == null ? "latest" : "min_id=" + minId);
                    ctx.header("X-RateLimit-Limit", "300").header("X-RateLimit-Remaining", remaining.get())
                            .header("X-RateLimit-Reset", Instant.now().plus(Duration.ofHours(1)).toString());
                    String body = switch (minId == null ? "" : minId) {
                        case "" -> "[" + status("103") + "," + status("102") + "]";
                        case "103" -> "[" + status("105") + "," + status("104") + "]";
                        default -> "[]";
                    };
                    ctx.contentType("application/json").result(body);
                })
                .start("127.0.0.1", 0);
        fetcher = new PoliteFetcher(Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        api.stop();
        fetcher.close();
    }

    private MastodonSource source() {
        HttpPolicy policy = HttpPolicy.defaults().withAllowPrivate(true).withMinDelay(Duration.ofMillis(10));
        return new MastodonSource("tag", URI.create("http://127.0.0.1:" + api.port()), List.of(), List.of("pilkada"), false, false, 5,
                fetcher, policy);
    }

    @Test
    void startsFromTheLatestPageThenPagesForwardWithMinId() throws Exception {
        MastodonSource source = source();
        Harvest first = new Harvest(Map.of());
        source.collect(Map.of(), first, 100);
        Harvest second = new Harvest(first.positions());
        source.collect(first.positions(), second, 100);

        assertThat(first.items()).extracting(i -> i.post().postId()).containsExactlyInAnyOrder("103", "102");
        assertThat(second.items()).extracting(i -> i.post().postId()).containsExactlyInAnyOrder("105", "104");
        assertThat(asked).containsExactly("latest", "min_id=103", "min_id=105");
        assertThat(second.positions()).containsEntry("min-id:/api/v1/timelines/tag/pilkada", "105");
        assertThat(second.deferUntil()).isNull();
    }

    @Test
    void stopsAndWaitsForTheResetWhenTheRateLimitRunsLow() throws Exception {
        remaining.set("1");
        Harvest h = new Harvest(Map.of("min-id:/api/v1/timelines/tag/pilkada", "103"));

        source().collect(h.positions(), h, 100);

        assertThat(asked).containsExactly("min_id=103");
        assertThat(h.deferUntil()).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
        assertThat(h.problems()).singleElement().asString().contains("rate limit");
    }

    private static String status(String id) {
        return """
                {"id":"%s","created_at":"2024-11-12T12:0%s:00.000Z","visibility":"public","url":"https://mastodon.example/@rina/%s",
                 "uri":"https://mastodon.example/users/rina/statuses/%s","account":{"id":"7","username":"rina","acct":"rina",
                 "display_name":"Rina","url":"https://mastodon.example/@rina"},"content":"<p>Debat publik malam ini #pilkada</p>",
                 "reblog":null,"in_reply_to_id":null,"spoiler_text":""}""".formatted(id, id.substring(2), id, id);
    }
}
