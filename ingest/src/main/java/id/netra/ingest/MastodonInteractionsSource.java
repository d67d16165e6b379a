package id.netra.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.ingest.http.FetchException;
import id.netra.ingest.http.Fetched;
import id.netra.ingest.http.HttpPolicy;
import id.netra.ingest.http.PoliteFetcher;
import id.netra.ingest.parse.LinkHeader;
import id.netra.ingest.parse.MastodonInteractions;
import id.netra.ingest.parse.MastodonStatuses;
import id.netra.ingest.parse.ParseResult;
import id.netra.model.Account;
import id.netra.model.Json;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public interactions around the statuses of watched campaign accounts on one Mastodon instance: the replies of
 * each status's context, who boosted it and who favourited it, each a post with its kind and target. The accounts
 * watched are the campaign accounts on this instance's domain in the watchlist version in force (followed live from
 * the {@code watchlist} topic) plus the source's own {@code accounts}; a newly published version adds or drops
 * accounts at the next run.
 *
 * <p>Per account and run: its latest {@code statuses} statuses; per status: its context (replies already committed
 * unchanged are skipped), then {@code reblogged_by} and {@code favourited_by} paged through their {@code Link} headers
 * from where the last committed run stopped ({@link ListCursor}, one per status and list). Positions are committed with
 * the posts, so a crash repeats and skips nothing. {@code X-RateLimit-*} are honoured; a failing account or status
 * never stops the others; malformed answers go to the dead-letter topic with the reason.
 */
final class MastodonInteractionsSource implements Source {
    private static final Logger log = LoggerFactory.getLogger(MastodonInteractionsSource.class);
    /** Accounts per page of reblogged_by/favourited_by: the API's maximum. */
    static final int PAGE = 80;
    private static final Pattern STATUS_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final Duration WATCHLIST_WAIT = Duration.ofSeconds(30);

    private final String id;
    private final URI instance;
    private final String configuredDomain;
    private final List<String> accounts;
    private final String watchlistTopic;
    private final int statusesPerAccount;
    private final int maxPages;
    private final PoliteFetcher fetcher;
    private final HttpPolicy policy;
    private final SourceContext context;
    private volatile List<String> lastWatched;
    private volatile Map<String, String> details = Map.of();

    /**
     * @param domain         the instance's account domain, or {@code null} to ask the instance ({@code /api/v2/instance})
     * @param watchlistTopic the topic to follow, or {@code null} to watch only {@code accounts}
     */
    MastodonInteractionsSource(String id, URI instance, String domain, List<String> accounts, String watchlistTopic, int statusesPerAccount,
                               int maxPages, PoliteFetcher fetcher, HttpPolicy policy, SourceContext context) {
        this.id = id;
        this.instance = instance;
        this.configuredDomain = domain == null ? null : domain.toLowerCase(Locale.ROOT);
        this.accounts = List.copyOf(accounts);
        this.watchlistTopic = watchlistTopic;
        this.statusesPerAccount = statusesPerAccount;
        this.maxPages = maxPages;
        this.fetcher = fetcher;
        this.policy = policy;
        this.context = context;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Map<String, String> details() {
        return details;
    }

    @Override
    public void collect(Map<String, String> positions, Harvest out, int limit) throws IOException, InterruptedException {
        String domain = domain(out);
        List<String> watched = watched(domain, out);
        int failed = 0;
        for (String acct : watched) {
            if (stop(out, limit)) {
                break;
            }
            if (!account(acct, domain, out, limit)) {
                failed++;
            }
        }
        if (failed > 0 && failed == watched.size()) {
            throw new IOException("every watched account of source " + id + " failed: " + String.join("; ", out.problems()));
        }
    }

    /** The accounts to watch, {@code user@domain} in lower case: this domain's campaign accounts and the source's own. */
    private List<String> watched(String domain, Harvest out) throws InterruptedException {
        Set<String> watched = new LinkedHashSet<>();
        for (String a : accounts) {
            watched.add(full(a, domain));
        }
        List<String> elsewhere = new ArrayList<>();
        String version = "none";
        if (watchlistTopic != null) {
            WatchlistFollower follower = context.watchlists().apply(watchlistTopic);
            if (!follower.awaitLoaded(WATCHLIST_WAIT)) {
                out.problem("the watchlist on " + watchlistTopic + " is not read yet; its campaign accounts are not watched in this run");
            }
            version = follower.inForce().map(w -> w.version()).orElse("none");
            for (Account a : follower.accounts(Platform.MASTODON)) {
                String acct = full(a.handle(), domain);
                if (acct.endsWith("@" + domain)) {
                    watched.add(acct);
                } else {
                    elsewhere.add(acct);
                }
            }
        }
        List<String> now = List.copyOf(watched);
        Map<String, String> d = new java.util.LinkedHashMap<>();
        d.put("watching", String.join(", ", now));
        d.put("watchlistVersion", version);
        if (!elsewhere.isEmpty()) {
            d.put("onOtherInstances", String.join(", ", elsewhere));
        }
        details = Map.copyOf(d);
        if (!now.equals(lastWatched)) {
            log.info("Source {} watches {} account(s) on {} (watchlist version {}): {}{}.", id, now.size(), domain, version, now,
                    elsewhere.isEmpty() ? "" : "; campaign accounts on other instances, not watched here: " + elsewhere);
            lastWatched = now;
        }
        return now;
    }

    private static String full(String handle, String domain) {
        String h = handle.strip();
        while (h.startsWith("@")) {
            h = h.substring(1);
        }
        return (h.contains("@") ? h : h + "@" + domain).toLowerCase(Locale.ROOT);
    }

    /** @return false when the account or its statuses could not be read */
    private boolean account(String acct, String domain, Harvest out, int limit) throws InterruptedException {
        String accountId = accountId(acct, domain, out);
        if (accountId == null) {
            return false;
        }
        URI url = api("/api/v1/accounts/" + accountId + "/statuses?limit=" + statusesPerAccount + "&exclude_reblogs=true");
        Fetched f = fetch(url, out);
        if (f == null) {
            return false;
        }
        JsonNode statuses;
        try {
            statuses = Json.mapper().readTree(f.body());
            if (statuses == null || !statuses.isArray()) {
                throw new IOException("expected a JSON array of statuses");
            }
        } catch (IOException e) {
            malformed(out, url, f, "not a Mastodon status list: " + firstLine(e));
            return false;
        }
        Set<String> current = new HashSet<>();
        for (JsonNode status : statuses) {
            String statusId = status.path("id").asText("");
            if (!STATUS_ID.matcher(statusId).matches()) {
                out.reject(url + " status " + (statusId.isBlank() ? "?" : statusId), status.toString(), "status without a valid id");
                continue;
            }
            current.add(statusId);
            if (!MastodonStatuses.isPublic(status) || stop(out, limit)) {
                continue;
            }
            status(acct, status, domain, out, limit);
        }
        forgetOlderStatuses(acct, current, out);
        return true;
    }

    private void status(String acct, JsonNode status, String domain, Harvest out, int limit) throws InterruptedException {
        String statusId = status.path("id").asText();
        URI url = api("/api/v1/statuses/" + statusId + "/context");
        Fetched f = fetch(url, out);
        if (f != null) {
            try {
                ParseResult replies = MastodonInteractions.context(f.body(), status, domain);
                add(out, replies, Evidence.of(f), url, false, "dlq:" + acct + ":" + statusId);
            } catch (IllegalArgumentException e) {
                malformedAgain(out, "dlq:" + acct + ":" + statusId, url, f, "not a Mastodon context: " + e.getMessage());
            }
        }
        list(acct, status, "reblogged_by", "shares:", PostKind.SHARE, domain, out, limit);
        list(acct, status, "favourited_by", "likes:", PostKind.REACTION, domain, out, limit);
    }

    /** Pages one list from its cursor: newer items first, then the gap a stopped drain left (see {@link ListCursor}). */
    private void list(String acct, JsonNode status, String endpoint, String prefix, PostKind kind, String domain, Harvest out, int limit)
            throws InterruptedException {
        String statusId = status.path("id").asText();
        String key = prefix + acct + ":" + statusId;
        ListCursor c = ListCursor.parse(out.position(key));
        String since = c.since();
        String max = c.max();
        String top = c.top();
        for (int page = 0; page < maxPages && !stop(out, limit); page++) {
            URI url = api("/api/v1/statuses/" + statusId + "/" + endpoint + "?limit=" + PAGE
                    + (since == null ? "" : "&since_id=" + encode(since)) + (max == null ? "" : "&max_id=" + encode(max)));
            Fetched f = fetch(url, out);
            if (f == null) {
                break;
            }
            ParseResult parsed;
            try {
                parsed = MastodonInteractions.accounts(f.body(), status, kind, OffsetDateTime.ofInstant(f.fetchedAt(), ZoneOffset.UTC), domain);
            } catch (IllegalArgumentException e) {
                malformedAgain(out, "dlq:" + acct + ":" + statusId, url, f, "not a Mastodon account list: " + e.getMessage());
                break;
            }
            add(out, parsed, Evidence.of(f), url, true, null);
            LinkHeader links = LinkHeader.parse(f.header("link"));
            if (max == null && top == null) {
                // The first page of a drain: its newest item is where the list will stand once the drain is done.
                top = newer(links);
            }
            String next = links.param("next", "max_id");
            if (next == null) {
                since = top != null ? top : since;
                max = null;
                top = null;
                break;
            }
            max = next;
        }
        out.position(key, new ListCursor(since, max, top).format());
    }

    private static String newer(LinkHeader links) {
        String since = links.param("prev", "since_id");
        return since != null ? since : links.param("prev", "min_id");
    }

    /**
     * @param byKey     skip posts whose key was committed before, whatever their content (shares and likes: their time is
     *                  when they were first seen)
     * @param dlqScope  where rejects of a list read again at each run are remembered, or {@code null} for a page read once
     */
    private void add(Harvest out, ParseResult parsed, Evidence evidence, URI url, boolean byKey, String dlqScope) {
        for (Post p : parsed.posts()) {
            if (byKey ? context.alreadyHeldKey(p) : context.alreadyHeld(p)) {
                continue;
            }
            out.post(p, evidence, url.toString());
        }
        for (ParseResult.Rejected r : parsed.rejected()) {
            if (dlqScope == null) {
                out.reject(url + " " + r.origin(), r.payload(), r.reason());
            } else {
                Rejections.rejectOnce(out, dlqScope, r.origin(), url + " " + r.origin(), r.payload(), r.reason());
            }
        }
    }

    /** Drops the positions of statuses no longer among the account's latest: they are not asked again. */
    private static void forgetOlderStatuses(String acct, Set<String> current, Harvest out) {
        for (String key : List.copyOf(out.positions().keySet())) {
            for (String prefix : List.of("shares:", "likes:", "dlq:")) {
                String p = prefix + acct + ":";
                if (key.startsWith(p) && !current.contains(key.substring(p.length()))) {
                    out.position(key, null);
                }
            }
        }
    }

    private String accountId(String acct, String domain, Harvest out) throws InterruptedException {
        String key = "account-id:" + acct;
        String known = out.position(key);
        if (known != null) {
            return known;
        }
        String local = acct.endsWith("@" + domain) ? acct.substring(0, acct.length() - domain.length() - 1) : acct;
        URI url = api("/api/v1/accounts/lookup?acct=" + encode(local));
        Fetched f = fetch(url, out);
        if (f == null) {
            return null;
        }
        try {
            String accountId = Json.mapper().readTree(f.body()).path("id").asText("");
            if (!STATUS_ID.matcher(accountId).matches()) {
                malformed(out, url, f, "no valid account id in the answer");
                return null;
            }
            out.position(key, accountId);
            return accountId;
        } catch (IOException e) {
            malformed(out, url, f, "not JSON: " + firstLine(e));
            return null;
        }
    }

    /**
     * The domain in the handles of the instance's local accounts: the option, else what the instance says
     * ({@code /api/v2/instance} {@code domain}, then {@code /api/v1/instance} {@code uri}), else its host.
     */
    private String domain(Harvest out) throws IOException, InterruptedException {
        if (configuredDomain != null) {
            return configuredDomain;
        }
        String known = out.position("instance-domain");
        if (known != null) {
            return known;
        }
        String domain = null;
        for (String[] ask : List.of(new String[] {"/api/v2/instance", "domain"}, new String[] {"/api/v1/instance", "uri"})) {
            URI url = api(ask[0]);
            try {
                Fetched f = fetcher.fetch(url, policy);
                MastodonRateLimit.honour(f, out);
                domain = Json.mapper().readTree(f.body()).path(ask[1]).asText("").replaceFirst("^https?://", "").strip();
                if (!domain.isEmpty()) {
                    break;
                }
            } catch (FetchException e) {
                if (e.status() != 404) {
                    throw new IOException("cannot ask " + instance + " for its domain: " + e.getMessage(), e);
                }
            } catch (IOException e) {
                throw new IOException(url + " is not JSON: " + firstLine(e), e);
            }
        }
        domain = domain == null || domain.isEmpty() ? MastodonStatuses.domainOf(instance) : domain.toLowerCase(Locale.ROOT);
        out.position("instance-domain", domain);
        return domain;
    }

    /** @return the answer, or {@code null} after recording the failure (and the wait it asks for) */
    private Fetched fetch(URI url, Harvest out) throws InterruptedException {
        try {
            Fetched f = fetcher.fetch(url, policy);
            MastodonRateLimit.honour(f, out);
            return f;
        } catch (FetchException e) {
            WebPositions.failed(out, e);
            return null;
        }
    }

    private static boolean stop(Harvest out, int limit) {
        return out.size() >= limit || out.deferUntil() != null;
    }

    private static void malformed(Harvest out, URI url, Fetched f, String reason) {
        out.problem(url + ": " + reason);
        String text = f.text();
        out.reject(url.toString(), text.length() > 4096 ? text.substring(0, 4096) : text, reason);
    }

    /** A malformed answer to a request made again at each run: dead-lettered once per distinct answer. */
    private static void malformedAgain(Harvest out, String scope, URI url, Fetched f, String reason) {
        out.problem(url + ": " + reason);
        String text = f.text();
        Rejections.rejectOnce(out, scope, url.getPath() + "#" + f.sha256().substring(0, 16), url.toString(),
                text.length() > 4096 ? text.substring(0, 4096) : text, reason);
    }

    private URI api(String pathAndQuery) {
        return instance.resolve(pathAndQuery);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
