package id.netra.ingest.http;

import java.time.Duration;

/**
 * How politely and defensively the fetcher behaves. {@link #defaults()} is what every source gets unless its
 * options in {@code sources.yml} say otherwise.
 *
 * @param userAgent        sent with every request, robots.txt matched against its product token ({@code NetraBot})
 * @param minDelay         least time between the start of two requests to one host (Crawl-delay wins when longer)
 * @param connectTimeout   TCP/TLS connect
 * @param readTimeout      whole response, headers and body
 * @param maxBodyBytes     bodies larger than this are refused ({@link FetchException.Kind#TOO_LARGE})
 * @param maxRedirects     redirects followed per fetch
 * @param maxRetries       retries of 429/503/5xx/timeouts within one fetch, after waiting per Retry-After or back-off
 * @param backoffBase      first back-off; doubles per consecutive failure of the host, with +-50 % jitter
 * @param backoffMax       back-off and Retry-After waits within one fetch are capped at this; a longer Retry-After
 *                         ends the fetch with {@link FetchException.Kind#RATE_LIMITED} and its {@code retryAt}
 * @param robotsTtl        how long a host's robots.txt is cached
 * @param allowPrivate     fetch private/loopback addresses too (tests and local demos only)
 */
public record HttpPolicy(String userAgent, Duration minDelay, Duration connectTimeout, Duration readTimeout,
                         long maxBodyBytes, int maxRedirects, int maxRetries, Duration backoffBase, Duration backoffMax,
                         Duration robotsTtl, boolean allowPrivate) {

    /** The robots.txt product token Netra answers to. */
    public static final String ROBOT_NAME = "NetraBot";

    public static HttpPolicy defaults() {
        return new HttpPolicy(ROBOT_NAME + "/0.1 (+https://github.com/netra-id/netra; Bawaslu public-post monitoring)",
                Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30), 5L * 1024 * 1024, 5, 3,
                Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofHours(1), false);
    }

    public HttpPolicy withMinDelay(Duration d) {
        return new HttpPolicy(userAgent, d, connectTimeout, readTimeout, maxBodyBytes, maxRedirects, maxRetries, backoffBase, backoffMax, robotsTtl, allowPrivate);
    }

    public HttpPolicy withAllowPrivate(boolean allow) {
        return new HttpPolicy(userAgent, minDelay, connectTimeout, readTimeout, maxBodyBytes, maxRedirects, maxRetries, backoffBase, backoffMax, robotsTtl, allow);
    }

    public HttpPolicy withBackoff(Duration base, Duration max) {
        return new HttpPolicy(userAgent, minDelay, connectTimeout, readTimeout, maxBodyBytes, maxRedirects, maxRetries, base, max, robotsTtl, allowPrivate);
    }

    public HttpPolicy withTimeouts(Duration connect, Duration read) {
        return new HttpPolicy(userAgent, minDelay, connect, read, maxBodyBytes, maxRedirects, maxRetries, backoffBase, backoffMax, robotsTtl, allowPrivate);
    }

    public HttpPolicy withMaxBodyBytes(long max) {
        return new HttpPolicy(userAgent, minDelay, connectTimeout, readTimeout, max, maxRedirects, maxRetries, backoffBase, backoffMax, robotsTtl, allowPrivate);
    }

    public HttpPolicy withMaxRetries(int retries) {
        return new HttpPolicy(userAgent, minDelay, connectTimeout, readTimeout, maxBodyBytes, maxRedirects, retries, backoffBase, backoffMax, robotsTtl, allowPrivate);
    }

    public HttpPolicy withMaxRedirects(int redirects) {
        return new HttpPolicy(userAgent, minDelay, connectTimeout, readTimeout, maxBodyBytes, redirects, maxRetries, backoffBase, backoffMax, robotsTtl, allowPrivate);
    }

    public HttpPolicy withRobotsTtl(Duration ttl) {
        return new HttpPolicy(userAgent, minDelay, connectTimeout, readTimeout, maxBodyBytes, maxRedirects, maxRetries, backoffBase, backoffMax, ttl, allowPrivate);
    }
}
