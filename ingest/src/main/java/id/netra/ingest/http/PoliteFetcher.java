package id.netra.ingest.http;

import crawlercommons.robots.BaseRobotRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches public pages politely and defensively, for every source of an ingest service (thread-safe, shared):
 * robots.txt obeyed, one request at a time per host with a pause between two (Crawl-delay honoured), Retry-After and
 * exponential back-off with jitter on 429/503/5xx and timeouts, connect and read timeouts (the body included), a
 * maximum body size, an honest User-Agent, conditional requests, redirects followed by hand (each hop checked again),
 * the body's character set detected, and internal addresses refused (SSRF guard).
 */
public final class PoliteFetcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PoliteFetcher.class);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** Validators of the last response, for a conditional request. */
    public record Conditional(String etag, String lastModified) {
        public static final Conditional NONE = new Conditional(null, null);
    }

    private final Clock clock;
    private final HostGate gate;
    private final RobotsRules robots;
    private final ScheduledExecutorService watchdog;
    private final Map<Duration, HttpClient> clients = new HashMap<>();

    public PoliteFetcher(Clock clock) {
        this.clock = clock;
        this.gate = new HostGate(clock);
        this.robots = new RobotsRules(clock);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "netra-fetch-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    public Fetched fetch(URI url, HttpPolicy policy) throws FetchException, InterruptedException {
        return fetch(url, policy, Conditional.NONE);
    }

    /**
     * Fetches {@code url}, retrying 429/503/5xx and timeouts as the policy says.
     *
     * @return the final response: 2xx, or 304 when the conditional request found nothing new
     * @throws FetchException naming the address and the reason
     */
    public Fetched fetch(URI url, HttpPolicy policy, Conditional conditional) throws FetchException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Fetched f;
            try {
                f = follow(url, policy, conditional);
            } catch (FetchException e) {
                if (e.kind() != FetchException.Kind.TIMEOUT) {
                    throw e;
                }
                Instant retryAt = backoff(e.url(), null, policy);
                if (attempt >= policy.maxRetries() || tooLong(retryAt, policy)) {
                    throw new FetchException(FetchException.Kind.TIMEOUT, e.url(), 0, retryAt, e.getMessage(), e);
                }
                continue;
            }
            int s = f.status();
            if ((s >= 200 && s < 300) || s == 304) {
                gate.succeeded(RobotsRules.origin(f.finalUrl()));
                return f;
            }
            if (s == 429 || s >= 500) {
                Instant retryAt = backoff(f.finalUrl(), f.header("retry-after"), policy);
                if (attempt >= policy.maxRetries() || tooLong(retryAt, policy)) {
                    FetchException.Kind kind = s == 429 || s == 503 ? FetchException.Kind.RATE_LIMITED : FetchException.Kind.HTTP_STATUS;
                    throw new FetchException(kind, f.finalUrl(), s, retryAt, f.finalUrl() + ": HTTP " + s + " after "
                            + (attempt + 1) + " attempt(s); next try not before " + retryAt, null);
                }
                log.info("{} answered {}; trying again at {} (attempt {} of {}).", f.finalUrl(), s, retryAt, attempt + 2, policy.maxRetries() + 1);
                continue;
            }
            throw new FetchException(FetchException.Kind.HTTP_STATUS, f.finalUrl(), s, null, f.finalUrl() + ": HTTP " + s, null);
        }
    }

    /** Sets the host's "not before" from Retry-After, else from exponential back-off with jitter; returns it. */
    private Instant backoff(URI url, String retryAfter, HttpPolicy policy) {
        String origin = RobotsRules.origin(url);
        int failures = gate.failed(origin);
        Instant now = clock.instant();
        Instant at = RetryAfter.parse(retryAfter, now);
        if (at == null) {
            long base = policy.backoffBase().toMillis() << Math.min(20, failures - 1);
            long capped = Math.min(base, policy.backoffMax().toMillis());
            long jittered = (long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble()));
            at = now.plusMillis(Math.min(jittered, policy.backoffMax().toMillis()));
        }
        gate.notBefore(origin, at);
        return at;
    }

    private boolean tooLong(Instant retryAt, HttpPolicy policy) {
        return Duration.between(clock.instant(), retryAt).compareTo(policy.backoffMax()) > 0;
    }

    /** One request and its redirects. */
    private Fetched follow(URI url, HttpPolicy policy, Conditional conditional) throws FetchException, InterruptedException {
        URI current = url;
        Set<URI> visited = new HashSet<>();
        for (int hop = 0; ; hop++) {
            checkUrl(current);
            if (!visited.add(current)) {
                throw new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS, url, url + ": redirect loop at " + current);
            }
            AddressGuard.check(current, policy.allowPrivate());
            BaseRobotRules rules = robots.rulesFor(current, policy.robotsTtl(), robotsUrl -> loadRobots(robotsUrl, policy));
            if (!rules.isAllowed(current.toString())) {
                log.info("robots.txt of {} disallows {}; not fetched.", RobotsRules.origin(current), current);
                throw new FetchException(FetchException.Kind.DISALLOWED_BY_ROBOTS, current, current + ": disallowed by robots.txt");
            }
            Duration delay = policy.minDelay();
            if (rules.getCrawlDelay() > 0) {
                delay = max(delay, Duration.ofMillis(Math.min(rules.getCrawlDelay(), Duration.ofMinutes(5).toMillis())));
            }
            Raw raw = request(current, policy, hop == 0 ? conditional : Conditional.NONE, delay);
            if (REDIRECTS.contains(raw.status)) {
                String location = raw.headers.firstValue("location").orElse(null);
                if (location == null) {
                    return fetched(url, current, raw, hop);
                }
                if (hop + 1 > policy.maxRedirects()) {
                    throw new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS, url, url + ": more than " + policy.maxRedirects() + " redirects");
                }
                try {
                    current = current.resolve(location.strip());
                } catch (IllegalArgumentException e) {
                    throw new FetchException(FetchException.Kind.BAD_URL, current, current + ": bad redirect target '" + location + "'");
                }
                continue;
            }
            return fetched(url, current, raw, hop);
        }
    }

    private record Raw(int status, HttpHeaders headers, byte[] body, Instant at) {
    }

    private Raw request(URI url, HttpPolicy policy, Conditional conditional, Duration delay) throws FetchException, InterruptedException {
        String origin = RobotsRules.origin(url);
        HttpRequest.Builder b = HttpRequest.newBuilder(url).GET().timeout(policy.readTimeout())
                .header("User-Agent", policy.userAgent())
                .header("Accept", "text/html,application/xhtml+xml,application/xml,application/rss+xml,application/atom+xml,application/json;q=0.9,*/*;q=0.8");
        if (conditional.etag() != null) {
            b.header("If-None-Match", conditional.etag());
        }
        if (conditional.lastModified() != null) {
            b.header("If-Modified-Since", conditional.lastModified());
        }
        gate.acquire(origin);
        try {
            log.debug("GET {}", url);
            HttpResponse<InputStream> response = client(policy).send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body = readBody(url, response, policy);
            return new Raw(response.statusCode(), response.headers(), body, clock.instant());
        } catch (HttpConnectTimeoutException e) {
            throw new FetchException(FetchException.Kind.TIMEOUT, url, 0, null, url + ": no connection within " + policy.connectTimeout(), e);
        } catch (HttpTimeoutException e) {
            throw new FetchException(FetchException.Kind.TIMEOUT, url, 0, null, url + ": no answer within " + policy.readTimeout(), e);
        } catch (ConnectException e) {
            throw new FetchException(FetchException.Kind.IO, url, 0, null, url + ": connection refused", e);
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.IO, url, 0, null, url + ": " + e, e);
        } finally {
            gate.release(origin, delay);
        }
    }

    /** Reads at most the policy's maximum, within the read timeout (a slowly dripping body is cut off). */
    private byte[] readBody(URI url, HttpResponse<InputStream> response, HttpPolicy policy) throws FetchException, IOException {
        long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
        try (InputStream in = response.body()) {
            if (declared > policy.maxBodyBytes()) {
                throw new FetchException(FetchException.Kind.TOO_LARGE, url, url + ": " + declared + " bytes is more than the "
                        + policy.maxBodyBytes() + " allowed");
            }
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> cut = watchdog.schedule(() -> {
                timedOut.set(true);
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing is how the read is cut off
                }
            }, policy.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16 * 1024];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    if (out.size() > policy.maxBodyBytes()) {
                        throw new FetchException(FetchException.Kind.TOO_LARGE, url, url + ": body larger than the "
                                + policy.maxBodyBytes() + " bytes allowed");
                    }
                }
            } catch (IOException e) {
                if (timedOut.get()) {
                    throw new FetchException(FetchException.Kind.TIMEOUT, url, 0, null, url + ": body not complete within " + policy.readTimeout(), e);
                }
                throw e;
            } finally {
                cut.cancel(false);
            }
            if (timedOut.get()) {
                throw new FetchException(FetchException.Kind.TIMEOUT, url, 0, null, url + ": body not complete within " + policy.readTimeout(), null);
            }
            return out.toByteArray();
        }
    }

    private RobotsRules.Response loadRobots(URI robotsUrl, HttpPolicy policy) throws FetchException, InterruptedException {
        try {
            Raw raw = request(robotsUrl, policy.withMaxBodyBytes(Math.min(policy.maxBodyBytes(), 512 * 1024)), Conditional.NONE, policy.minDelay());
            return new RobotsRules.Response(raw.status, raw.body, raw.headers.firstValue("content-type").orElse(null));
        } catch (FetchException e) {
            if (e.kind() == FetchException.Kind.TOO_LARGE) {
                return new RobotsRules.Response(500, new byte[0], null);
            }
            throw new FetchException(e.kind(), e.url(), e.status(), e.retryAt(), "robots.txt could not be read, so nothing is fetched: " + e.getMessage(), e);
        }
    }

    private Fetched fetched(URI requested, URI finalUrl, Raw raw, int redirects) {
        Map<String, List<String>> headers = new HashMap<>();
        raw.headers.map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        String contentTypeHeader = raw.headers.firstValue("content-type").orElse(null);
        String mediaType = contentTypeHeader == null ? null : contentTypeHeader.split(";")[0].strip().toLowerCase(Locale.ROOT);
        byte[] body = raw.status == 304 ? new byte[0] : raw.body;
        return new Fetched(requested, finalUrl, raw.status, headers, mediaType, CharsetSniffer.detect(contentTypeHeader, body), body,
                raw.at, sha256(body), raw.headers.firstValue("etag").orElse(null), raw.headers.firstValue("last-modified").orElse(null),
                redirects);
    }

    private static void checkUrl(URI url) throws FetchException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new FetchException(FetchException.Kind.BAD_URL, url, "'" + url + "' is not an http(s) address with a host");
        }
    }

    private synchronized HttpClient client(HttpPolicy policy) {
        return clients.computeIfAbsent(policy.connectTimeout(), t -> HttpClient.newBuilder()
                .connectTimeout(t).followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        synchronized (this) {
            clients.values().forEach(HttpClient::close);
            clients.clear();
        }
    }
}
