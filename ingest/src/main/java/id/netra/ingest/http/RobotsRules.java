package id.netra.ingest.http;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * robots.txt per origin (RFC 9309, crawler-commons), cached for the policy's TTL. A missing robots.txt (4xx) allows
 * everything; a server error disallows everything for now (RFC 9309 §2.3.1.4) and is asked again after a minute; an
 * unreachable host fails the fetch with that reason (nothing is fetched either way).
 */
final class RobotsRules {
    private static final Duration RETRY_UNREACHABLE = Duration.ofMinutes(1);

    /** How robots.txt is fetched: through the same gate and client as everything else. */
    interface Loader {
        /**
         * @return status and body
         * @throws FetchException when the host could not be reached: the fetch fails with that reason, nothing is cached
         */
        Response load(URI robotsUrl) throws FetchException, InterruptedException;
    }

    record Response(int status, byte[] body, String contentType) {
    }

    private record Entry(BaseRobotRules rules, Instant expires) {
    }

    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    private final Clock clock;

    RobotsRules(Clock clock) {
        this.clock = clock;
    }

    BaseRobotRules rulesFor(URI url, Duration ttl, Loader loader) throws FetchException, InterruptedException {
        String origin = origin(url);
        Entry e = cache.get(origin);
        if (e != null && e.expires().isAfter(clock.instant())) {
            return e.rules();
        }
        // One load per origin at a time: two sources starting together ask for robots.txt once.
        synchronized (locks.computeIfAbsent(origin, o -> new Object())) {
            e = cache.get(origin);
            if (e != null && e.expires().isAfter(clock.instant())) {
                return e.rules();
            }
            return load(origin, ttl, loader);
        }
    }

    private BaseRobotRules load(String origin, Duration ttl, Loader loader) throws FetchException, InterruptedException {
        URI robots = URI.create(origin + "/robots.txt");
        Response r = loader.load(robots);
        BaseRobotRules rules;
        Duration keep = ttl;
        if (r.status() >= 200 && r.status() < 300) {
            rules = parser.parseContent(robots.toString(), r.body(), r.contentType() == null ? "text/plain" : r.contentType(),
                    List.of(HttpPolicy.ROBOT_NAME.toLowerCase(Locale.ROOT)));
        } else {
            rules = parser.failedFetch(r.status());
            if (r.status() >= 500) {
                keep = RETRY_UNREACHABLE;
            }
        }
        cache.put(origin, new Entry(rules, clock.instant().plus(keep)));
        return rules;
    }

    static String origin(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
