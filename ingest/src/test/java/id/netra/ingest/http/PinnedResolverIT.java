package id.netra.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetcher connects to the addresses it vetted, never to a second DNS answer: names served by a test resolver
 * (nothing here leaves the machine: the public answers are only ever checked, the loopback server is the only one
 * connected to).
 */
class PinnedResolverIT {
    private static final String PUBLIC = "8.8.8.8";
    private final HttpPolicy guarded = HttpPolicy.defaults().withMinDelay(Duration.ZERO).withMaxRetries(0)
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    private final List<String> lookups = new CopyOnWriteArrayList<>();
    private TestServer server;
    private PoliteFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server = new TestServer();
        server.text("/robots.txt", 404, "text/plain", "");
        server.text("/page", 200, "text/html", "<p>internal</p>");
    }

    @AfterEach
    void stop() {
        if (fetcher != null) {
            fetcher.close();
        }
        server.close();
    }

    private URI at(String host, String path) {
        return URI.create("http://" + host + ":" + server.uri("/").getPort() + path);
    }

    private static InetAddress[] literal(String ip) throws UnknownHostException {
        return new InetAddress[] {InetAddress.getByName(ip)};
    }

    @Test
    void refusesARebindingNameThatAnswersPublicToTheCheckAndLoopbackToTheConnection() {
        // Every look-up before the connection (the early check, robots.txt's check) sees a public address; the look-up
        // the connection makes sees loopback: what a rebinding DNS server does between a check and a connect.
        fetcher = new PoliteFetcher(Clock.systemUTC(), host -> {
            boolean connecting = Thread.currentThread().getName().startsWith("netra-fetch");
            lookups.add(host + (connecting ? " connect" : " check"));
            return literal(host.equals("rebind.test") && connecting ? "127.0.0.1" : PUBLIC);
        });

        FetchException e = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(at("rebind.test", "/page"), guarded));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(FetchException.Kind.BLOCKED_ADDRESS);
        assertThat(e.getMessage()).contains("127.0.0.1");
        assertThat(lookups).contains("rebind.test check", "rebind.test connect");
        assertThat(server.seen()).as("nothing reached the internal server").isEmpty();
    }

    @Test
    void refusesANameThatAnswersPublicFirstAndPrivateSecond() {
        int[] calls = {0};
        fetcher = new PoliteFetcher(Clock.systemUTC(), host -> literal(calls[0]++ == 0 ? PUBLIC : "10.1.2.3"));

        FetchException e = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(at("flip.test", "/page"), guarded));

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(FetchException.Kind.BLOCKED_ADDRESS);
        assertThat(e.getMessage()).contains("10.1.2.3");
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void refusesANameWithOnePrivateAddressAmongPublicOnesAtTheConnection() {
        fetcher = new PoliteFetcher(Clock.systemUTC(), host -> Thread.currentThread().getName().startsWith("netra-fetch")
                ? new InetAddress[] {InetAddress.getByName(PUBLIC), InetAddress.getByName("127.0.0.1")} : literal(PUBLIC));

        FetchException e = catchThrowableOfType(FetchException.class, () -> fetcher.fetch(at("mixed.test", "/page"), guarded));

        assertThat(e.kind()).isEqualTo(FetchException.Kind.BLOCKED_ADDRESS);
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void connectsToTheResolvedAddressAndKeepsTheHostNameInTheRequest() throws Exception {
        fetcher = new PoliteFetcher(Clock.systemUTC(), host -> {
            lookups.add(host);
            return literal("127.0.0.1");
        });

        Fetched f = fetcher.fetch(at("pinned.test", "/page"), guarded.withAllowPrivate(true));

        assertThat(f.status()).isEqualTo(200);
        assertThat(f.text()).contains("internal");
        assertThat(server.seen("/page")).singleElement().satisfies(s ->
                assertThat(s.header("Host")).isEqualTo("pinned.test:" + server.uri("/").getPort()));
        assertThat(lookups).contains("pinned.test");
    }
}
