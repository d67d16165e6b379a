package id.netra.ingest.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way ingest sources read the web: robots.txt obeyed, one request at a time per host with a pause between,
 * back-off when a host says so, an honest User-Agent, conditional GETs, bounded time and size, redirects followed
 * hop by hop, internal addresses refused, and the body's charset worked out.
 *
 * <p>One instance per ingest service, shared by every source and thread: the politeness is per host, whoever asks.
 */
public final class PoliteFetcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PoliteFetcher.class);

    private final Clock clock;
    private final HostGate gate;
    private final GatedClient client;
    private final RobotsRules robots;
    private final HostResolver dns;

    /**
     * What a previous fetch returned, for a conditional GET: sent as {@code If-None-Match} and
     * {@code If-Modified-Since}; either may be {@code null}.
     */
    public record Conditional(String etag, String lastModified) {
        /** An unconditional GET. */
        public static final Conditional NONE = new Conditional(null, null);

        public Conditional {
            etag = etag == null || etag.isBlank() ? null : etag;
            lastModified = lastModified == null || lastModified.isBlank() ? null : lastModified;
        }

        /** The validators of an earlier response. */
        public static Conditional from(Fetched previous) {
            return new Conditional(previous.etag(), previous.lastModified());
        }
    }

    /** @param clock stamps {@link Fetched#fetchedAt()} and reads Retry-After dates */
    public PoliteFetcher(Clock clock) {
        this(clock, HostResolver.SYSTEM);
    }

    /** @param dns how host names are resolved (tests: answers that change between look-ups) */
    PoliteFetcher(Clock clock, HostResolver dns) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dns = Objects.requireNonNull(dns, "dns");
        this.gate = new HostGate(clock);
        this.client = new GatedClient(gate, dns);
        this.robots = new RobotsRules(client, clock, dns);
    }

    /** An unconditional fetch; see {@link #fetch(URI, HttpPolicy, Conditional)}. */
    public Fetched fetch(URI url, HttpPolicy policy) throws FetchException, InterruptedException {
        return fetch(url, policy, Conditional.NONE);
    }

    /**
     * Fetches {@code url}, following redirects. A 304 answer to the conditional comes back as a {@link Fetched}
     * with {@link Fetched#notModified()}; any other non-2xx answer, and every refusal, is a {@link FetchException}.
     * Blocks while the host's gate, Crawl-delay or back-off make it wait, but never longer than the policy's
     * {@code backoffMax} for one wait: a host that is not to be asked for longer (a long Retry-After seen by any
     * source, a huge Crawl-delay) ends the fetch with {@code RATE_LIMITED} and its {@code retryAt}.
     *
     * @throws FetchException       why there is no usable response; its message names the address
     * @throws InterruptedException when the calling thread is interrupted while waiting; nothing is left running
     */
    public Fetched fetch(URI url, HttpPolicy policy, Conditional conditional) throws FetchException, InterruptedException {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(conditional, "conditional");
        Map<String, String> validators = validators(conditional);
        Set<URI> visited = new HashSet<>();
        URI current = url;
        visited.add(current.normalize());
        Retries retries = new Retries();
        for (int redirects = 0; ; redirects++) {
            GatedClient.Response r = withRetries(current, policy, validators, retries);
            int status = r.status();
            if (isRedirect(status) && r.header("Location") != null) {
                URI next = redirectTarget(current, r.header("Location"));
                if (redirects + 1 > policy.maxRedirects() || !visited.add(next.normalize())) {
                    throw new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS, url, status, null,
                            (redirects + 1 > policy.maxRedirects() ? "More than " + policy.maxRedirects()
                                    + " redirects" : "A redirect loop") + " from " + shown(url) + " at " + shown(next), null);
                }
                log.debug("{} redirects ({}) to {}.", shown(current), status, shown(next));
                current = next;
                continue;
            }
            if (status == 304) {
                return fetched(url, r, redirects, new byte[0], conditional);
            }
            if (status >= 200 && status < 300) {
                return fetched(url, r, redirects, r.body(), conditional);
            }
            throw new FetchException(FetchException.Kind.HTTP_STATUS, url, status, null,
                    shown(url) + (current.equals(url) ? "" : " (at " + shown(current) + ")") + " answered " + status, null, r.body());
        }
    }

    /**
     * One hop: the guard, robots.txt, then the request, asked again after Retry-After or back-off for 429, 5xx and
     * timeouts while the fetch has retries left.
     */
    private GatedClient.Response withRetries(URI url, HttpPolicy policy, Map<String, String> validators, Retries retries)
            throws FetchException, InterruptedException {
        while (true) {
            AddressGuard.check(url, policy, dns);
            RobotsRules.Site site = robots.siteOf(url, policy);
            if (site.failure() != null) {
                // Say why the host is out of reach rather than blaming robots.txt for a refused connection.
                FetchException cause = site.failure();
                throw new FetchException(cause.kind(), url, 0, site.recheckAt(), "Cannot fetch " + shown(url)
                        + ": its robots.txt was out of reach (" + cause.getMessage() + ")", cause);
            }
            if (!site.allows(url)) {
                String why = site.recheckAt() == null
                        ? "robots.txt disallows " + shown(url) + " for " + HttpPolicy.ROBOT_NAME
                        : "robots.txt of " + HostGate.key(url) + " could not be read, so " + shown(url)
                                + " is not fetched before " + site.recheckAt();
                log.info("{}; not fetched.", why);
                throw new FetchException(FetchException.Kind.DISALLOWED_BY_ROBOTS, url, 0, site.recheckAt(), why, null);
            }
            Duration pause = max(policy.minDelay(), site.crawlDelay());
            GatedClient.Response r;
            try {
                r = client.get(url, policy, pause, validators, policy.maxBodyBytes(), false);
            } catch (FetchException e) {
                if (e.kind() != FetchException.Kind.TIMEOUT || retries.used >= policy.maxRetries()) {
                    throw e;
                }
                backOff(url, policy, backoff(policy, gate.failed(url)), "timed out", retries);
                continue;
            }
            if (r.status() != 429 && r.status() < 500) {
                gate.succeeded(url);
                return r;
            }
            int failures = gate.failed(url);
            Duration wait = RetryAfter.parse(r.header("Retry-After"), clock.instant())
                    .orElseGet(() -> backoff(policy, failures));
            Instant retryAt = clock.instant().plus(wait);
            boolean rateLimited = r.status() == 429 || r.status() == 503;
            if (wait.compareTo(policy.backoffMax()) > 0 || retries.used >= policy.maxRetries()) {
                gate.defer(url, wait);
                log.info("{} answered {}; leaving its host alone until {}.", shown(url), r.status(), retryAt);
                throw new FetchException(rateLimited || wait.compareTo(policy.backoffMax()) > 0
                        ? FetchException.Kind.RATE_LIMITED : FetchException.Kind.HTTP_STATUS, url, r.status(), retryAt,
                        shown(url) + " answered " + r.status() + " after " + retries.used + " retries; ask again at " + retryAt,
                        null);
            }
            backOff(url, policy, wait, "answered " + r.status(), retries);
        }
    }

    /** {@code url} as logs and messages show it: credentials in its query replaced ({@link Redaction}). */
    static String shown(URI url) {
        return Redaction.url(url);
    }

    /** Retries used so far in one fetch, across its redirect hops. */
    private static final class Retries {
        int used;
    }

    private void backOff(URI url, HttpPolicy policy, Duration wait, String what, Retries retries) {
        retries.used++;
        gate.defer(url, wait);
        log.info("{} {}; asking again in {} ms (retry {} of {}).", shown(url), what, wait.toMillis(), retries.used,
                policy.maxRetries());
    }

    /** @param failures the host's consecutive failures, this one included */
    private static Duration backoff(HttpPolicy policy, int failures) {
        return Backoff.delay(policy.backoffBase(), policy.backoffMax(), failures,
                ThreadLocalRandom.current().nextDouble());
    }

    private Fetched fetched(URI requested, GatedClient.Response r, int redirects, byte[] body, Conditional conditional) {
        String contentType = r.header("Content-Type");
        String etag = r.header("ETag");
        String lastModified = r.header("Last-Modified");
        if (r.status() == 304) {
            // A 304 need not repeat the validators; the caller keeps using the ones it sent.
            etag = etag != null ? etag : conditional.etag();
            lastModified = lastModified != null ? lastModified : conditional.lastModified();
        }
        return new Fetched(requested, r.url(), r.status(), lowerCase(r.headers()), mediaType(contentType),
                CharsetSniffer.detect(contentType, body), body, clock.instant(), sha256(body), etag, lastModified,
                redirects);
    }

    private static URI redirectTarget(URI from, String location) throws FetchException {
        try {
            String target = from.resolve(location.trim()).toString();
            // The fragment is the client's, not the server's: it is never sent.
            int hash = target.indexOf('#');
            return URI.create(hash < 0 ? target : target.substring(0, hash));
        } catch (IllegalArgumentException e) {
            throw new FetchException(FetchException.Kind.BAD_URL, from, 0, null,
                    from + " redirects to an unreadable address: " + location, e);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static Map<String, String> validators(Conditional c) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (c.etag() != null) {
            headers.put("If-None-Match", c.etag());
        }
        if (c.lastModified() != null) {
            headers.put("If-Modified-Since", c.lastModified());
        }
        return headers;
    }

    private static Map<String, List<String>> lowerCase(HttpHeaders headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.map().forEach((name, values) -> out.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        return out;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.isEmpty() ? null : media;
    }

    private static String sha256(byte[] body) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public void close() {
        client.close();
    }
}
