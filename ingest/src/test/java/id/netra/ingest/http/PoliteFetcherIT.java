package id.netra.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each politeness and safety rule of the fetcher against an in-process site that records what it was asked. */
class PoliteFetcherIT {
    private record Hit(String path, long nanos, String userAgent, String ifNoneMatch) {
    }

    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final AtomicInteger retryCalls = new AtomicInteger();
    private Javalin site;
    private PoliteFetcher fetcher;
    private HttpPolicy policy;

    @BeforeEach
    void start() {
        site = Javalin.create(c -> c.showJavalinBanner = false);
        site.before(ctx -> hits.add(new Hit(ctx.path(), System.nanoTime(), ctx.header("User-Agent"), ctx.header("If-None-Match"))));
        site.get("/robots.txt", ctx -> ctx.result("User-agent: *\nDisallow: /rahasia/\n\nUser-agent: NetraBot\nDisallow: /admin/\n"));
        site.get("/page", ctx -> html(ctx, "<html><body>halo</body></html>"));
        site.get("/etag", ctx -> {
            if ("\"v1\"".equals(ctx.header("If-None-Match"))) {
                ctx.status(304);
            } else {
                ctx.header("ETag", "\"v1\"");
                html(ctx, "versi 1");
            }
        });
        site.get("/busy", ctx -> {
            if (retryCalls.incrementAndGet() == 1) {
                ctx.status(429).header("Retry-After", "1");
            } else {
                html(ctx, "akhirnya");
            }
        });
        site.get("/cp1252-header", ctx -> ctx.contentType("text/html; charset=iso-8859-1").result(cp1252Page("")));
        site.get("/cp1252-meta", ctx -> ctx.contentType("text/html").result(cp1252Page("<meta charset=\"windows-1252\">")));
        site.get("/loop-a", ctx -> ctx.redirect("/loop-b"));
        site.get("/loop-b", ctx -> ctx.redirect("/loop-a"));
        site.get("/moved", ctx -> ctx.redirect("/page", io.javalin.http.HttpStatus.MOVED_PERMANENTLY));
        site.get("/big", ctx -> html(ctx, "x".repeat(10_000)));
        site.get("/slow", ctx -> {
            ctx.contentType("text/plain");
            ctx.res().setContentLength(1000);
            var out = ctx.res().getOutputStream();
            for (int i = 0; i < 10; i++) {
                out.write(new byte[10]);
                out.flush();
                Thread.sleep(300); // the server drips its body: this is the behaviour under test, not synchronisation
            }
        });
        site.start("127.0.0.1", 0);
        fetcher = new PoliteFetcher(Clock.systemUTC());
        policy = HttpPolicy.defaults().withAllowPrivate(true).withMinDelay(Duration.ofMillis(300))
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        site.stop();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + site.port() + path);
    }

    private static void html(Context ctx, String body) {
        ctx.contentType("text/html; charset=utf-8").result(body);
    }

    private static byte[] cp1252Page(String meta) {
        byte[] head = ("<html><head>" + meta + "</head><body>").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] text = {(byte) 0x93, 'K', 'a', 'f', (byte) 0xE9, (byte) 0x94, ' ', (byte) 0x80, '5'};
        byte[] tail = "</body></html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + text.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(text, 0, out, head.length, text.length);
        System.arraycopy(tail, 0, out, head.length + text.length, tail.length);
        return out;
    }

    private List<String> paths() {
        return hits.stream().map(Hit::path).toList();
    }

    @Test
    void neverFetchesAPathRobotsTxtDisallows() {
        assertThatThrownBy(() -> fetcher.fetch(url("/admin/users"), policy))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.DISALLOWED_BY_ROBOTS));
        assertThatThrownBy(() -> fetcher.fetch(url("/admin/"), policy)).isInstanceOf(FetchException.class);

        assertThat(paths()).containsExactly("/robots.txt");
    }

    @Test
    void sendsAnHonestUserAgentWithEveryRequest() throws Exception {
        fetcher.fetch(url("/page"), policy);

        assertThat(hits).extracting(Hit::userAgent).containsOnly(policy.userAgent());
        assertThat(policy.userAgent()).startsWith("NetraBot/").contains("+http");
    }

    @Test
    void neverAsksOneHostTwiceWithinItsDelayEvenFromTwoThreads() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<Fetched>> done = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                done.add(two.submit(() -> fetcher.fetch(url("/page"), policy)));
            }
            for (Future<Fetched> f : done) {
                assertThat(f.get().status()).isEqualTo(200);
            }
        } finally {
            two.shutdownNow();
        }

        List<Long> times = hits.stream().map(Hit::nanos).sorted().toList();
        assertThat(times).hasSize(7);
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.ofNanos(times.get(i) - times.get(i - 1))).as("gap before request %d", i).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void waitsAsRetryAfterSaysBeforeAskingAgain() throws Exception {
        Fetched f = fetcher.fetch(url("/busy"), policy);

        assertThat(f.text()).isEqualTo("akhirnya");
        List<Hit> busy = hits.stream().filter(h -> h.path().equals("/busy")).toList();
        assertThat(busy).hasSize(2);
        assertThat(Duration.ofNanos(busy.get(1).nanos() - busy.get(0).nanos())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRetryAfterLongerThanThePolicyWaitsEndsTheFetchWithWhenToComeBack() {
        HttpPolicy impatient = policy.withBackoff(Duration.ofMillis(100), Duration.ofMillis(500));

        assertThatThrownBy(() -> fetcher.fetch(url("/busy"), impatient)).isInstanceOfSatisfying(FetchException.class, e -> {
            assertThat(e.kind()).isEqualTo(FetchException.Kind.RATE_LIMITED);
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAt()).isNotNull();
        });
    }

    @Test
    void aNotModifiedAnswerHasNoBody() throws Exception {
        Fetched first = fetcher.fetch(url("/etag"), policy);
        Fetched second = fetcher.fetch(url("/etag"), policy, new PoliteFetcher.Conditional(first.etag(), first.lastModified()));

        assertThat(first.etag()).isEqualTo("\"v1\"");
        assertThat(second.notModified()).isTrue();
        assertThat(second.body()).isEmpty();
        assertThat(hits.stream().filter(h -> h.path().equals("/etag")).map(Hit::ifNoneMatch).toList()).containsExactly(null, "\"v1\"");
    }

    @Test
    void refusesALoopbackAddressUnlessTheSourceAllowsIt() {
        assertThatThrownBy(() -> fetcher.fetch(url("/page"), policy.withAllowPrivate(false)))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FetchException.Kind.BLOCKED_ADDRESS);
                    assertThat(e.getMessage()).contains("127.0.0.1").contains("allowPrivate");
                });
        assertThat(hits).isEmpty();
    }

    @Test
    void readsAWindows1252PageRightWhetherTheHeaderOrAMetaTagSaysSo() throws Exception {
        assertThat(fetcher.fetch(url("/cp1252-header"), policy).text()).contains("“Kafé” €5");
        assertThat(fetcher.fetch(url("/cp1252-meta"), policy).text()).contains("“Kafé” €5");
    }

    @Test
    void followsARedirectAndStopsALoop() throws Exception {
        Fetched moved = fetcher.fetch(url("/moved"), policy);
        assertThat(moved.finalUrl().getPath()).isEqualTo("/page");
        assertThat(moved.redirects()).isEqualTo(1);

        assertThatThrownBy(() -> fetcher.fetch(url("/loop-a"), policy))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_MANY_REDIRECTS));
    }

    @Test
    void refusesABodyLargerThanTheMaximum() {
        assertThatThrownBy(() -> fetcher.fetch(url("/big"), policy.withMaxBodyBytes(1000)))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_LARGE));
    }

    @Test
    void cutsOffABodyThatDripsLongerThanTheReadTimeout() {
        HttpPolicy hurried = policy.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(800))
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(150));

        assertThatThrownBy(() -> fetcher.fetch(url("/slow"), new HttpPolicy(hurried.userAgent(), hurried.minDelay(), hurried.connectTimeout(),
                hurried.readTimeout(), hurried.maxBodyBytes(), hurried.maxRedirects(), 0, hurried.backoffBase(), hurried.backoffMax(),
                hurried.robotsTtl(), true)))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.TIMEOUT));
    }

    @Test
    void honoursACrawlDelayLongerThanThePolicysDelay() throws Exception {
        List<Long> times = new CopyOnWriteArrayList<>();
        Javalin slowSite = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/robots.txt", ctx -> ctx.result("User-agent: *\nCrawl-delay: 1\n"))
                .get("/p", ctx -> {
                    times.add(System.nanoTime());
                    html(ctx, "ok");
                })
                .start("127.0.0.1", 0);
        try {
            URI p = URI.create("http://127.0.0.1:" + slowSite.port() + "/p");
            fetcher.fetch(p, policy);
            fetcher.fetch(p, policy);
        } finally {
            slowSite.stop();
        }

        assertThat(Duration.ofNanos(times.get(1) - times.get(0))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void saysAnUnreachableHostIsUnreachable() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }

        assertThatThrownBy(() -> fetcher.fetch(URI.create("http://127.0.0.1:" + closed + "/page"), policy))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FetchException.Kind.IO);
                    assertThat(e.getMessage()).contains("robots.txt could not be read").contains("connection refused");
                });
    }
}
