package id.netra.ingest.http;

import static id.netra.ingest.http.TestServer.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import id.netra.ingest.http.FetchException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PoliteFetcherIT {
    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
    private static final String ROBOTS = "/robots.txt";

    private final HttpPolicy policy = HttpPolicy.defaults()
            .withAllowPrivate(true)
            .withMinDelay(Duration.ZERO)
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2))
            .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));

    private TestServer server;
    private PoliteFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server = new TestServer();
        fetcher = new PoliteFetcher(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    private static FetchException failure(ThrowingCallable call) {
        FetchException e = catchThrowableOfType(FetchException.class, call);
        assertThat(e).as("a FetchException").isNotNull();
        return e;
    }

    private static long millisBetween(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }

    // Rule 1: robots.txt

    @Test
    void neverFetchesAPathRobotsTxtDisallowsForNetraBot() throws Exception {
        server.text(ROBOTS, 200, "text/plain", "User-agent: *\nDisallow: /\n\nUser-agent: NetraBot\nDisallow: /private\n")
                .text("/private/page", 200, "text/html", "secret")
                .text("/public", 200, "text/html", "hello");

        FetchException e = failure(() -> fetcher.fetch(server.uri("/private/page"), policy));

        assertThat(e.kind()).isEqualTo(Kind.DISALLOWED_BY_ROBOTS);
        assertThat(e.getMessage()).contains(server.uri("/private/page").toString());
        assertThat(server.seen("/private/page")).isEmpty();
        assertThat(fetcher.fetch(server.uri("/public"), policy).text()).isEqualTo("hello");
    }

    @Test
    void readsRobotsTxtOncePerHostWhileCached() throws Exception {
        server.text(ROBOTS, 200, "text/plain", "User-agent: *\nAllow: /\n")
                .text("/a", 200, "text/plain", "a")
                .text("/b", 200, "text/plain", "b");

        fetcher.fetch(server.uri("/a"), policy);
        fetcher.fetch(server.uri("/b"), policy);

        assertThat(server.seen(ROBOTS)).hasSize(1);
        assertThat(server.seen()).extracting(s -> s.path).containsExactly(ROBOTS, "/a", "/b");
    }

    @Test
    void fetchesAnythingWhenRobotsTxtIsMissing() throws Exception {
        server.text("/page", 200, "text/plain", "ok");

        assertThat(fetcher.fetch(server.uri("/page"), policy).text()).isEqualTo("ok");
        assertThat(server.seen()).extracting(s -> s.path).containsExactly(ROBOTS, "/page");
    }

    @Test
    void fetchesNothingWhileRobotsTxtFailsAndAsksForItAgainLater() throws Exception {
        AtomicInteger robotsAsked = new AtomicInteger();
        server.on(ROBOTS, ex -> reply(ex, robotsAsked.incrementAndGet() == 1 ? 503 : 404, "text/plain", "robots"))
                .text("/page", 200, "text/plain", "ok");
        HttpPolicy shortCache = policy.withRobotsTtl(Duration.ofMillis(300));

        FetchException e = failure(() -> fetcher.fetch(server.uri("/page"), shortCache));

        assertThat(e.kind()).isEqualTo(Kind.DISALLOWED_BY_ROBOTS);
        assertThat(e.retryAt()).isEqualTo(NOW.plusMillis(300));
        assertThat(server.seen("/page")).isEmpty();
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .ignoreException(FetchException.class)
                .until(() -> fetcher.fetch(server.uri("/page"), shortCache).text().equals("ok"));
        // The failed robots.txt was cached too: asked once more after 300 ms, not once per attempt.
        assertThat(server.seen(ROBOTS)).hasSize(2);
    }

    @Test
    void followsARedirectedRobotsTxt() {
        server.text(ROBOTS, 301, "text/plain", "", "Location", "/rules/robots.txt")
                .text("/rules/robots.txt", 200, "text/plain", "User-agent: NetraBot\nDisallow: /private\n")
                .text("/private", 200, "text/plain", "secret");

        FetchException e = failure(() -> fetcher.fetch(server.uri("/private"), policy));

        assertThat(e.kind()).isEqualTo(Kind.DISALLOWED_BY_ROBOTS);
        assertThat(server.seen()).extracting(s -> s.path).containsExactly(ROBOTS, "/rules/robots.txt");
    }

    @Test
    void waitsTheCrawlDelayBetweenRequests() throws Exception {
        server.text(ROBOTS, 200, "text/plain", "User-agent: NetraBot\nCrawl-delay: 0.5\n")
                .text("/one", 200, "text/plain", "1")
                .text("/two", 200, "text/plain", "2");

        fetcher.fetch(server.uri("/one"), policy);
        fetcher.fetch(server.uri("/two"), policy);

        long gap = millisBetween(server.seen("/one").get(0).answered, server.seen("/two").get(0).arrived);
        assertThat(gap).isGreaterThanOrEqualTo(500);
    }

    @Test
    void checksRobotsTxtForEveryRedirectTarget() {
        server.text(ROBOTS, 200, "text/plain", "User-agent: NetraBot\nDisallow: /private\n")
                .text("/go", 302, "text/plain", "", "Location", "/private/x")
                .text("/private/x", 200, "text/plain", "secret");

        FetchException e = failure(() -> fetcher.fetch(server.uri("/go"), policy));

        assertThat(e.kind()).isEqualTo(Kind.DISALLOWED_BY_ROBOTS);
        assertThat(server.seen()).extracting(s -> s.path).containsExactly(ROBOTS, "/go");
    }

    // Rule 2: one request at a time per host, spaced by the delay

    @Test
    void spacesRequestsToOneHostAcrossThreadsWhileOtherHostsAreServed() throws Exception {
        HttpPolicy spaced = policy.withMinDelay(Duration.ofMillis(400));
        for (String path : List.of("/a1", "/a2", "/a3")) {
            server.text(path, 200, "text/plain", path);
        }
        try (TestServer other = new TestServer().text("/b", 200, "text/plain", "b")) {
            ExecutorService sources = Executors.newFixedThreadPool(4);
            try {
                List<Future<Fetched>> results = new ArrayList<>();
                for (String path : List.of("/a1", "/a2", "/a3")) {
                    results.add(sources.submit(() -> fetcher.fetch(server.uri(path), spaced)));
                }
                results.add(sources.submit(() -> fetcher.fetch(other.uri("/b"), spaced)));
                for (Future<Fetched> f : results) {
                    assertThat(f.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
                }
            } finally {
                sources.shutdownNow();
            }

            List<TestServer.Seen> hostA = server.seen().stream()
                    .sorted(Comparator.comparingLong(s -> s.arrived)).toList();
            assertThat(hostA).extracting(s -> s.path).containsExactlyInAnyOrder(ROBOTS, "/a1", "/a2", "/a3");
            for (int i = 1; i < hostA.size(); i++) {
                assertThat(millisBetween(hostA.get(i - 1).answered, hostA.get(i).arrived))
                        .as("pause before %s", hostA.get(i)).isGreaterThanOrEqualTo(400);
            }
            // The other host waited for nobody on the first one.
            assertThat(other.seen("/b").get(0).arrived).isLessThan(hostA.get(hostA.size() - 1).arrived);
        }
    }

    // Rule 3: Retry-After and back-off

    @Test
    void waitsForRetryAfterBeforeAskingAgain() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        server.on("/busy", ex -> {
            if (asked.incrementAndGet() == 1) {
                reply(ex, 429, "text/plain", "slow down", "Retry-After", "1");
            } else {
                reply(ex, 200, "text/plain", "fine");
            }
        });

        Fetched f = fetcher.fetch(server.uri("/busy"), policy);

        assertThat(f.text()).isEqualTo("fine");
        List<TestServer.Seen> seen = server.seen("/busy");
        assertThat(seen).hasSize(2);
        assertThat(millisBetween(seen.get(0).answered, seen.get(1).arrived)).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void givesUpOnARetryAfterLongerThanTheCapAndKeepsOtherSourcesAway() throws Exception {
        server.text("/busy", 503, "text/plain", "maintenance", "Retry-After", "120")
                .text("/other", 200, "text/plain", "other");

        FetchException e = failure(() -> fetcher.fetch(server.uri("/busy"), policy));

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(120));
        assertThat(e.getMessage()).contains(server.uri("/busy").toString());
        FetchException other = failure(() -> fetcher.fetch(server.uri("/other"), policy));
        assertThat(other.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(other.retryAt()).isAfter(NOW.plusSeconds(110));
        assertThat(server.seen()).extracting(s -> s.path).containsExactly(ROBOTS, "/busy");
    }

    @Test
    void backsOffExponentiallyAndStopsAfterTheRetries() {
        server.text("/down", 503, "text/plain", "down");

        FetchException e = failure(() -> fetcher.fetch(server.uri("/down"), policy.withMaxRetries(2)));

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryAt()).isAfter(NOW);
        List<TestServer.Seen> seen = server.seen("/down");
        assertThat(seen).hasSize(3);
        // 100 ms then 200 ms, each jittered by at most half.
        assertThat(millisBetween(seen.get(0).answered, seen.get(1).arrived)).isGreaterThanOrEqualTo(50);
        assertThat(millisBetween(seen.get(1).answered, seen.get(2).arrived)).isGreaterThanOrEqualTo(100);
    }

    @Test
    void reportsAServerErrorThatOutlastsTheRetriesWithItsStatus() {
        server.text("/broken", 500, "text/plain", "oops");

        FetchException e = failure(() -> fetcher.fetch(server.uri("/broken"), policy.withMaxRetries(1)));

        assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
        assertThat(e.status()).isEqualTo(500);
        assertThat(server.seen("/broken")).hasSize(2);
    }

    @Test
    void retriesAfterATimeout() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        server.on("/flaky", ex -> {
            if (asked.incrementAndGet() == 1) {
                Thread.sleep(1500); // deliberately slower than the read timeout
            }
            reply(ex, 200, "text/plain", "made it");
        });

        Fetched f = fetcher.fetch(server.uri("/flaky"), policy.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500)));

        assertThat(f.text()).isEqualTo("made it");
        assertThat(server.seen("/flaky")).hasSize(2);
    }

    // Rule 4: timeouts and size

    @Test
    void timesOutOnABodyThatDripsSlowly() {
        server.on("/drip", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(100); // deliberately slow: headers came at once, the body never ends in time
                }
            }
        });
        long started = System.nanoTime();

        FetchException e = failure(() -> fetcher.fetch(server.uri("/drip"),
                policy.withMaxRetries(0).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500))));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.getMessage()).contains(server.uri("/drip").toString());
        assertThat(millisBetween(started, System.nanoTime())).isLessThan(2500);
    }

    @Test
    void timesOutWaitingForHeaders() {
        server.on("/silent", ex -> {
            Thread.sleep(3000); // deliberately slower than the read timeout
            reply(ex, 200, "text/plain", "late");
        });

        FetchException e = failure(() -> fetcher.fetch(server.uri("/silent"),
                policy.withMaxRetries(0).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500))));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void refusesADeclaredContentLengthAboveTheLimitWithoutReadingTheBody() {
        server.on("/huge", ex -> {
            ex.sendResponseHeaders(200, 10_000_000);
            ex.getResponseBody().flush(); // the JDK server holds the headers back until the body starts otherwise
            // Deliberately slow: a fetcher that waited for the body instead of refusing the length would time out.
            Thread.sleep(3000);
            ex.getResponseBody().write(new byte[1000]);
        });
        long started = System.nanoTime();

        FetchException e = failure(() -> fetcher.fetch(server.uri("/huge"),
                policy.withMaxBodyBytes(1000).withMaxRetries(0).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))));

        assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
        assertThat(millisBetween(started, System.nanoTime())).isLessThan(2000);
    }

    @Test
    void stopsReadingAStreamedBodyAboveTheLimit() {
        server.on("/stream", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked: no length to judge by
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 64; i++) {
                    out.write(new byte[1024]);
                }
            }
        });

        FetchException e = failure(() -> fetcher.fetch(server.uri("/stream"), policy.withMaxBodyBytes(10_000)));

        assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
        assertThat(e.getMessage()).contains(server.uri("/stream").toString());
    }

    // Rule 5: User-Agent

    @Test
    void sendsItsUserAgentWithEveryRequestIncludingRobotsTxt() throws Exception {
        server.text("/page", 200, "text/plain", "ok");

        fetcher.fetch(server.uri("/page"), policy);

        assertThat(server.seen()).hasSize(2).allSatisfy(s -> assertThat(s.header("User-Agent")).isEqualTo(policy.userAgent()));
        assertThat(policy.userAgent()).startsWith(HttpPolicy.ROBOT_NAME + "/");
    }

    // Rule 6: conditional GET

    @Test
    void answersAConditionalGetWith304AndNoBody() throws Exception {
        String lastModified = "Sun, 22 Nov 2026 10:00:00 GMT";
        server.on("/feed", ex -> {
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                reply(ex, 304, null, new byte[0], "ETag", "\"v1\"");
            } else {
                reply(ex, 200, "application/rss+xml", "<rss/>", "ETag", "\"v1\"", "Last-Modified", lastModified);
            }
        });

        Fetched first = fetcher.fetch(server.uri("/feed"), policy);
        Fetched second = fetcher.fetch(server.uri("/feed"), policy, PoliteFetcher.Conditional.from(first));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.etag()).isEqualTo("\"v1\"");
        assertThat(second.notModified()).isTrue();
        assertThat(second.body()).isEmpty();
        assertThat(second.etag()).isEqualTo("\"v1\"");
        assertThat(second.lastModified()).isEqualTo(lastModified);
        TestServer.Seen conditional = server.seen("/feed").get(1);
        assertThat(conditional.header("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(conditional.header("If-Modified-Since")).isEqualTo(lastModified);
        assertThat(server.seen("/feed").get(0).header("If-None-Match")).isNull();
    }

    // Rule 7: redirects

    @Test
    void followsRedirectsAndReportsWhereTheAnswerCameFrom() throws Exception {
        server.text("/old", 301, "text/plain", "", "Location", "/moved")
                .text("/moved", 307, "text/plain", "", "Location", server.uri("/final").toString())
                .text("/final", 200, "text/plain", "here");

        Fetched f = fetcher.fetch(server.uri("/old"), policy);

        assertThat(f.requestUrl()).isEqualTo(server.uri("/old"));
        assertThat(f.finalUrl()).isEqualTo(server.uri("/final"));
        assertThat(f.redirects()).isEqualTo(2);
        assertThat(f.text()).isEqualTo("here");
    }

    @Test
    void stopsAtARedirectLoop() {
        server.text("/ping", 302, "text/plain", "", "Location", "/pong")
                .text("/pong", 302, "text/plain", "", "Location", "/ping");

        FetchException e = failure(() -> fetcher.fetch(server.uri("/ping"), policy));

        assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_REDIRECTS);
        assertThat(e.getMessage()).contains(server.uri("/ping").toString());
        assertThat(server.seen()).extracting(s -> s.path).containsExactly(ROBOTS, "/ping", "/pong");
    }

    @Test
    void followsNoMoreRedirectsThanThePolicyAllows() {
        for (int i = 0; i < 3; i++) {
            server.text("/hop" + i, 302, "text/plain", "", "Location", "/hop" + (i + 1));
        }
        server.text("/hop3", 200, "text/plain", "end");

        FetchException e = failure(() -> fetcher.fetch(server.uri("/hop0"), policy.withMaxRedirects(2)));

        assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_REDIRECTS);
        assertThat(server.seen("/hop3")).isEmpty();
    }

    @Test
    void checksEveryRedirectTargetWithTheGuard() {
        server.text("/sneaky", 302, "text/plain", "", "Location", "file:///etc/passwd");

        FetchException e = failure(() -> fetcher.fetch(server.uri("/sneaky"), policy));

        assertThat(e.kind()).isEqualTo(Kind.BAD_URL);
        assertThat(e.getMessage()).contains("file:///etc/passwd");
    }

    // Rule 8: charsets

    @Test
    void readsAWindows1252PageLabelledIso88591() throws Exception {
        server.on("/latin", ex -> reply(ex, 200, "text/html; charset=iso-8859-1", page("")));

        Fetched f = fetcher.fetch(server.uri("/latin"), policy);

        assertThat(f.charset()).isEqualTo(CharsetSniffer.WINDOWS_1252);
        assertThat(f.text()).contains(CharsetSnifferTest.CAFE);
    }

    @Test
    void readsAWindows1252PageLabelledOnlyByItsMetaCharset() throws Exception {
        server.on("/meta", ex -> reply(ex, 200, "text/html", page("<meta charset=\"windows-1252\">")));

        Fetched f = fetcher.fetch(server.uri("/meta"), policy);

        assertThat(f.charset()).isEqualTo(CharsetSniffer.WINDOWS_1252);
        assertThat(f.text()).contains(CharsetSnifferTest.CAFE);
    }

    private static byte[] page(String head) {
        byte[] start = ("<html><head>" + head + "</head><body><p>").getBytes(StandardCharsets.US_ASCII);
        byte[] end = "</p></body></html>".getBytes(StandardCharsets.US_ASCII);
        byte[] cafe = CharsetSnifferTest.CAFE_1252;
        byte[] out = new byte[start.length + cafe.length + end.length];
        System.arraycopy(start, 0, out, 0, start.length);
        System.arraycopy(cafe, 0, out, start.length, cafe.length);
        System.arraycopy(end, 0, out, start.length + cafe.length, end.length);
        return out;
    }

    // Rule 9: SSRF guard

    @Test
    void refusesLoopbackByDefaultWithoutSendingAnything() {
        server.text("/page", 200, "text/plain", "internal");

        FetchException e = failure(() -> fetcher.fetch(server.uri("/page"), HttpPolicy.defaults()));

        assertThat(e.kind()).isEqualTo(Kind.BLOCKED_ADDRESS);
        assertThat(e.getMessage()).contains(server.uri("/page").toString());
        assertThat(server.seen()).isEmpty();
    }

    // Rule 10: what a fetch reports

    @Test
    void describesTheResponseItGot() throws Exception {
        byte[] body = "<p>halo</p>".getBytes(StandardCharsets.UTF_8);
        server.on("/page", ex -> reply(ex, 200, "Text/HTML; charset=UTF-8", body, "ETag", "W/\"abc\"",
                "Last-Modified", "Sun, 22 Nov 2026 10:00:00 GMT", "X-Custom-Header", "yes"));

        Fetched f = fetcher.fetch(server.uri("/page"), policy);

        assertThat(f.status()).isEqualTo(200);
        assertThat(f.body()).isEqualTo(body);
        assertThat(f.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
        assertThat(f.contentType()).isEqualTo("text/html");
        assertThat(f.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(f.headers().keySet()).allSatisfy(name -> assertThat(name).isLowerCase());
        assertThat(f.header("X-Custom-Header")).isEqualTo("yes");
        assertThat(f.etag()).isEqualTo("W/\"abc\"");
        assertThat(f.lastModified()).isEqualTo("Sun, 22 Nov 2026 10:00:00 GMT");
        assertThat(f.fetchedAt()).isEqualTo(NOW);
        assertThat(f.redirects()).isZero();
        assertThat(f.finalUrl()).isEqualTo(f.requestUrl());
    }

    // Rule 11: errors

    @Test
    void reportsANotFoundAsAnHttpStatus() {
        FetchException e = failure(() -> fetcher.fetch(server.uri("/nothing"), policy));

        assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).contains(server.uri("/nothing").toString());
        assertThat(server.seen("/nothing")).hasSize(1);
    }

    @Test
    void reportsARefusedConnectionAsIo() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/page");

        FetchException e = failure(() -> fetcher.fetch(url, policy));

        assertThat(e.kind()).isEqualTo(Kind.IO);
        assertThat(e.getMessage()).contains(url.toString());
    }
}
