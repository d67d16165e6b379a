package id.netra.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.ingest.http.FetchException;
import id.netra.ingest.http.Fetched;
import id.netra.ingest.http.HttpPolicy;
import id.netra.ingest.http.PoliteFetcher;
import id.netra.ingest.parse.MastodonStatuses;
import id.netra.ingest.parse.ParseResult;
import id.netra.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Mastodon public API of one instance: account statuses, hashtag timelines and the (local) public timeline.
 * Each stream is paged forward with {@code min_id} from the newest status committed; a first run takes only the
 * latest page (no backfill of years of history unless {@code backfill: true}). When {@code X-RateLimit-Remaining}
 * runs low the run stops and the next waits for {@code X-RateLimit-Reset}.
 */
final class MastodonSource implements Source {
    private static final int PAGE = 40;

    private final String id;
    private final URI instance;
    private final List<String> accounts;
    private final List<String> hashtags;
    private final boolean publicTimeline;
    private final boolean backfill;
    private final int maxPages;
    private final PoliteFetcher fetcher;
    private final HttpPolicy policy;

    MastodonSource(String id, URI instance, List<String> accounts, List<String> hashtags, boolean publicTimeline, boolean backfill,
                   int maxPages, PoliteFetcher fetcher, HttpPolicy policy) {
        this.id = id;
        this.instance = instance;
        this.accounts = List.copyOf(accounts);
        this.hashtags = List.copyOf(hashtags);
        this.publicTimeline = publicTimeline;
        this.backfill = backfill;
        this.maxPages = maxPages;
        this.fetcher = fetcher;
        this.policy = policy;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void collect(Map<String, String> positions, Harvest out, int limit) throws IOException, InterruptedException {
        List<String> streams = new ArrayList<>();
        for (String a : accounts) {
            String accountId = accountId(a, out);
            if (accountId != null) {
                streams.add("/api/v1/accounts/" + accountId + "/statuses");
            }
        }
        hashtags.forEach(h -> streams.add("/api/v1/timelines/tag/" + URLEncoder.encode(h.replaceFirst("^#", ""), StandardCharsets.UTF_8)));
        if (publicTimeline) {
            streams.add("/api/v1/timelines/public?local=true");
        }
        int failed = 0;
        for (String stream : streams) {
            if (out.deferUntil() != null) {
                break;
            }
            if (!follow(stream, out, limit)) {
                failed++;
            }
        }
        if (failed > 0 && failed == streams.size()) {
            throw new IOException("every stream of source " + id + " failed: " + String.join("; ", out.problems()));
        }
    }

    /** @return false when the first request failed */
    private boolean follow(String stream, Harvest out, int limit) throws InterruptedException {
        String key = "min-id:" + stream;
        String minId = out.position(key);
        for (int page = 0; page < maxPages && out.size() < limit; page++) {
            String sep = stream.contains("?") ? "&" : "?";
            URI url = instance.resolve(stream + sep + "limit=" + PAGE + (minId == null ? "" : "&min_id=" + minId));
            Fetched f;
            try {
                f = fetcher.fetch(url, policy);
            } catch (FetchException e) {
                WebPositions.failed(out, e);
                return page > 0;
            }
            ParseResult parsed;
            try {
                parsed = MastodonStatuses.parse(f.body(), instance);
            } catch (IllegalArgumentException e) {
                out.problem(url + ": not a Mastodon status list: " + e.getMessage());
                out.reject(url.toString(), f.text(), "not a Mastodon status list: " + e.getMessage());
                return page > 0;
            }
            WebPositions.add(out, parsed, Evidence.of(f), url.toString());
            // From the whole page, not only the posts taken: a page of private statuses must move the cursor too.
            String newest = newest(statusIds(f.body()), minId);
            if (newest != null) {
                out.position(key, newest);
            }
            rateLimit(f, out);
            if (parsed.posts().isEmpty() || newest == null || (minId == null && !backfill) || out.deferUntil() != null) {
                return true;
            }
            minId = newest;
        }
        return true;
    }

    private String accountId(String acct, Harvest out) throws InterruptedException {
        String key = "account-id:" + acct;
        String known = out.position(key);
        if (known != null) {
            return known;
        }
        URI url = instance.resolve("/api/v1/accounts/lookup?acct=" + URLEncoder.encode(acct.replaceFirst("^@", ""), StandardCharsets.UTF_8));
        try {
            Fetched f = fetcher.fetch(url, policy);
            JsonNode node = Json.mapper().readTree(f.body());
            String accountId = node.path("id").asText(null);
            if (accountId == null) {
                out.problem(url + ": no account id in the answer");
                return null;
            }
            out.position(key, accountId);
            return accountId;
        } catch (FetchException e) {
            WebPositions.failed(out, e);
            return null;
        } catch (IOException e) {
            out.problem(url + ": not JSON: " + e.getMessage());
            return null;
        }
    }

    private static List<String> statusIds(byte[] body) {
        List<String> ids = new ArrayList<>();
        try {
            Json.mapper().readTree(body).forEach(s -> ids.add(s.path("id").asText("")));
        } catch (IOException e) {
            // already reported by the parser
        }
        return ids;
    }

    /** Status ids are numbers in decimal of growing length: longer is newer, then by text. */
    static String newest(List<String> ids, String floor) {
        String best = floor;
        for (String pid : ids) {
            if (pid.chars().allMatch(Character::isDigit) && (best == null || pid.length() > best.length()
                    || (pid.length() == best.length() && pid.compareTo(best) > 0))) {
                best = pid;
            }
        }
        return best == null || best.equals(floor) ? null : best;
    }

    private static void rateLimit(Fetched f, Harvest out) {
        MastodonRateLimit.honour(f, out);
    }
}
