package id.netra.ingest.http;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robots.txt of each host (scheme, host and port), fetched through the {@link HostGate} and cached for the
 * policy's {@code robotsTtl}, read as RFC 9309 says: a 4xx file means no rules, a 5xx or unreachable file means
 * nothing is allowed until it is asked for again a little later.
 */
final class RobotsRules {
    private static final Logger log = LoggerFactory.getLogger(RobotsRules.class);

    /** RFC 9309 §2.5: at least 500 KiB must be parsed; what follows is dropped. */
    static final int MAX_ROBOTS_BYTES = 500 * 1024;
    /** RFC 9309 §2.3.1.2: at least five consecutive redirects are followed. */
    static final int MAX_ROBOTS_REDIRECTS = 5;
    /** How soon an unreachable robots.txt is asked for again (never later than {@code robotsTtl}). */
    static final Duration UNREACHABLE_RECHECK = Duration.ofMinutes(5);

    private final GatedClient client;
    private final HostResolver dns;
    private final Clock clock;
    private final Map<String, Site> cache = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> loading = new ConcurrentHashMap<>();

    /**
     * A host's rules as last read.
     *
     * @param recheckAt when an unreachable robots.txt is asked for again, {@code null} when it was read
     * @param failure   why the host could not be reached at all (connection, DNS, timeout), or {@code null}
     */
    record Site(BaseRobotRules rules, long expiresNanos, Instant recheckAt, FetchException failure) {
        boolean allows(URI url) {
            return rules.isAllowed(url.toString());
        }

        /** The Crawl-delay for Netra, zero when there is none. */
        Duration crawlDelay() {
            long ms = rules.getCrawlDelay();
            return ms > 0 ? Duration.ofMillis(ms) : Duration.ZERO;
        }
    }

    RobotsRules(GatedClient client, Clock clock, HostResolver dns) {
        this.dns = dns;
        this.client = client;
        this.clock = clock;
    }

    /** The rules for the host of {@code url}, fetched when not cached or expired. */
    Site siteOf(URI url, HttpPolicy policy) throws InterruptedException {
        String key = HostGate.key(url);
        Site site = cache.get(key);
        if (site != null && site.expiresNanos - System.nanoTime() > 0) {
            return site;
        }
        // One load per host: sources asking together wait for the same robots.txt instead of asking each.
        ReentrantLock lock = loading.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lockInterruptibly();
        try {
            site = cache.get(key);
            if (site == null || site.expiresNanos - System.nanoTime() <= 0) {
                site = load(url.resolve("/robots.txt"), policy);
                cache.put(key, site);
            }
            return site;
        } finally {
            lock.unlock();
        }
    }

    private Site load(URI robotsUrl, HttpPolicy policy) throws InterruptedException {
        URI current = robotsUrl;
        try {
            for (int hop = 0; hop <= MAX_ROBOTS_REDIRECTS; hop++) {
                AddressGuard.check(current, policy, dns);
                GatedClient.Response r = client.get(current, policy, policy.minDelay(), Map.of(), MAX_ROBOTS_BYTES, true);
                int status = r.status();
                if (status >= 200 && status < 300) {
                    // A parser per file: it keeps per-parse state (warning counts) in fields.
                    BaseRobotRules rules = new SimpleRobotRulesParser().parseContent(robotsUrl.toString(), r.body(),
                            r.header("Content-Type"), List.of(HttpPolicy.ROBOT_NAME.toLowerCase(Locale.ROOT)));
                    return read(rules, policy.robotsTtl());
                }
                String location = r.header("Location");
                if (status >= 300 && status < 400 && location != null) {
                    current = current.resolve(location);
                    continue;
                }
                // Google and others read 429 as "overloaded", like a 5xx, rather than as "no robots.txt".
                if (status >= 400 && status < 500 && status != 429) {
                    return read(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL), policy.robotsTtl());
                }
                return unreachable(robotsUrl, policy, "it answered " + status, null);
            }
            // RFC 9309 §2.3.1.2: a robots.txt not found after the redirects counts as unavailable.
            return read(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL), policy.robotsTtl());
        } catch (FetchException e) {
            return unreachable(robotsUrl, policy, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            return unreachable(robotsUrl, policy, "a redirect to an unreadable address", null);
        }
    }

    private static Site read(BaseRobotRules rules, Duration ttl) {
        return new Site(rules, System.nanoTime() + ttl.toNanos(), null, null);
    }

    private Site unreachable(URI robotsUrl, HttpPolicy policy, String reason, FetchException failure) {
        Duration recheck = policy.robotsTtl().compareTo(UNREACHABLE_RECHECK) < 0 ? policy.robotsTtl() : UNREACHABLE_RECHECK;
        log.info("Cannot read {} ({}); nothing on that host is fetched for the next {} ms.", robotsUrl, reason,
                recheck.toMillis());
        return new Site(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE),
                System.nanoTime() + recheck.toNanos(), clock.instant().plus(recheck), failure);
    }
}
