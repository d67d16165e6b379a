package id.netra.ingest;

import id.netra.ingest.http.FetchException;
import id.netra.ingest.http.Fetched;
import id.netra.ingest.http.HttpPolicy;
import id.netra.ingest.http.PoliteFetcher;
import id.netra.ingest.parse.ParseResult;
import id.netra.ingest.parse.YouTubeData;
import id.netra.model.Account;
import id.netra.model.Author;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostTarget;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The comments under the latest uploads of watched campaign channels, from the YouTube Data API v3 with an API key:
 * {@code channels.list} (the uploads playlist), {@code playlistItems.list} (the latest videos), then per video
 * {@code commentThreads.list} ({@code part=snippet,replies}, every page by {@code nextPageToken}) and, for threads with
 * more replies than came with them, {@code comments.list} by {@code parentId}. The channels are the watchlist's
 * {@code youtube:} campaign accounts in the version in force plus the source's own {@code channels}.
 *
 * <p>Quota units are counted per call at the documented cost and shown in the source's health; the source never
 * spends more than {@code dailyQuota} a (Pacific) day and, after {@code quotaExceeded}, waits for midnight Pacific.
 * Errors are handled per video: {@code commentsDisabled} skips the video (recorded, asked again a day later),
 * {@code videoNotFound} and others skip it with a problem; the other videos and channels go on. Comments already
 * committed unchanged are skipped, so listing a video again costs quota but emits nothing twice. The API key is sent
 * as the API's {@code key} parameter and removed from every address ingest records (provenance, captures, health).
 */
final class YouTubeSource implements Source {
    private static final Logger log = LoggerFactory.getLogger(YouTubeSource.class);
    private static final Pattern KEY_PARAM = Pattern.compile("([?&]key=)[^&\\s#\"]+");
    private static final Duration RECHECK_DISABLED = Duration.ofDays(1);
    private static final int PAGE = 100;

    /** Why a run stops before its end: the quota is used up. */
    private static final class QuotaStop extends Exception {
        QuotaStop() {
            super(null, null, false, false);
        }
    }

    /** An API answer: the response, or the API's error, or a failure without one (already recorded as a problem). */
    private record Answer(Fetched ok, YouTubeData.ApiError error) {
    }

    private record ChannelInfo(String ref, String title, String uploads) {
    }

    private final String id;
    private final URI api;
    private final Supplier<String> apiKey;
    private final List<String> channels;
    private final String watchlistTopic;
    private final int videosPerChannel;
    private final int maxPages;
    private final int dailyQuota;
    private final PoliteFetcher fetcher;
    private final HttpPolicy policy;
    private final SourceContext context;
    private final Clock clock;
    /** Threads whose replies were all committed, with their reply count then: not asked again until it changes. */
    private final Map<String, Integer> repliesCollected = new ConcurrentHashMap<>();
    private volatile Map<String, String> details = Map.of();
    private volatile String watching = "";

    /**
     * @param api            the API's base address ({@code https://www.googleapis.com/youtube/v3/})
     * @param apiKey         the key, read at each run; {@code null} when none is configured
     * @param watchlistTopic the topic to follow, or {@code null} to watch only {@code channels}
     */
    YouTubeSource(String id, URI api, Supplier<String> apiKey, List<String> channels, String watchlistTopic, int videosPerChannel,
                  int maxPages, int dailyQuota, PoliteFetcher fetcher, HttpPolicy policy, SourceContext context, Clock clock) {
        this.id = id;
        this.api = api.toString().endsWith("/") ? api : URI.create(api + "/");
        this.apiKey = apiKey;
        this.channels = List.copyOf(channels);
        this.watchlistTopic = watchlistTopic;
        this.videosPerChannel = videosPerChannel;
        this.maxPages = maxPages;
        this.dailyQuota = dailyQuota;
        this.fetcher = fetcher;
        this.policy = policy;
        this.context = context;
        this.clock = clock;
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
        String key;
        try {
            key = apiKey.get();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        if (key == null || key.isBlank()) {
            throw new IOException("no YouTube API key: set the environment variable named by apiKeyEnv (default NETRA_YOUTUBE_API_KEY)"
                    + " or point apiKeyFile at a file holding it");
        }
        YouTubeQuota quota = new YouTubeQuota(out, clock, dailyQuota);
        Instant until = quota.exceededUntil();
        if (until != null) {
            out.deferUntil(until);
            report(quota, out, until);
            return;
        }
        List<String> watched = watched(out);
        watching = String.join(", ", watched);
        Set<String> videos = new HashSet<>();
        int failed = 0;
        boolean everyChannelListed = true;
        try {
            for (String ref : watched) {
                if (stop(out, limit)) {
                    everyChannelListed = false;
                    break;
                }
                if (!channel(ref, key, quota, videos, out, limit)) {
                    failed++;
                    everyChannelListed = false;
                }
            }
        } catch (QuotaStop stop) {
            report(quota, out, out.deferUntil());
            return;
        }
        // What is remembered per video goes once no watched channel lists the video any more.
        for (String k : everyChannelListed ? List.copyOf(out.positions().keySet()) : List.<String>of()) {
            for (String prefix : List.of("comments-disabled:", "dlq:")) {
                if (k.startsWith(prefix) && !videos.contains(k.substring(prefix.length()))) {
                    out.position(k, null);
                }
            }
        }
        report(quota, out, null);
        if (failed > 0 && failed == watched.size()) {
            throw new IOException("every watched channel of source " + id + " failed: " + String.join("; ", out.problems()));
        }
    }

    /** The channel references to watch: the source's own, then the watchlist's YouTube campaign accounts. */
    private List<String> watched(Harvest out) throws InterruptedException {
        Set<String> refs = new LinkedHashSet<>(channels);
        if (watchlistTopic != null) {
            WatchlistFollower follower = context.watchlists().apply(watchlistTopic);
            if (!follower.awaitLoaded(Duration.ofSeconds(30))) {
                out.problem("the watchlist on " + watchlistTopic + " is not read yet; its campaign channels are not watched in this run");
            }
            follower.accounts(Platform.YOUTUBE).stream().map(Account::handle).forEach(refs::add);
        }
        return List.copyOf(refs);
    }

    /** @return false when the channel or its uploads could not be read */
    private boolean channel(String ref, String key, YouTubeQuota quota, Set<String> videos, Harvest out, int limit)
            throws InterruptedException, QuotaStop {
        ChannelInfo ch = channelInfo(ref, key, quota, out);
        if (ch == null) {
            return false;
        }
        Answer a = call("playlistItems", "part=contentDetails,snippet&playlistId=" + encode(ch.uploads()) + "&maxResults=" + videosPerChannel,
                key, quota, out);
        if (a.error() != null) {
            out.problem("channel " + ref + ": its uploads playlist " + ch.uploads() + " answered " + a.error().code() + " "
                    + a.error().reason() + ": " + a.error().message());
            if (a.error().code() == 404) {
                out.position("uploads:" + ref, null);
            }
            return false;
        }
        if (a.ok() == null) {
            return false;
        }
        List<YouTubeData.Video> latest;
        try {
            latest = YouTubeData.videos(a.ok().body());
        } catch (IllegalArgumentException e) {
            malformed(out, a.ok(), e.getMessage());
            return false;
        }
        for (YouTubeData.Video v : latest) {
            videos.add(v.id());
            if (stop(out, limit)) {
                break;
            }
            video(ch, v, key, quota, out, limit);
        }
        return true;
    }

    private ChannelInfo channelInfo(String ref, String key, YouTubeQuota quota, Harvest out) throws InterruptedException, QuotaStop {
        String uploads = out.position("uploads:" + ref);
        if (uploads != null) {
            return new ChannelInfo(ref, out.position("title:" + ref), uploads);
        }
        String filter = ref.matches("UC[A-Za-z0-9_-]{22}") ? "id=" + encode(ref) : "forHandle=" + encode(ref.startsWith("@") ? ref : "@" + ref);
        Answer a = call("channels", "part=snippet,contentDetails&" + filter, key, quota, out);
        if (a.error() != null) {
            out.problem("channel " + ref + ": " + a.error().code() + " " + a.error().reason() + ": " + a.error().message());
            return null;
        }
        if (a.ok() == null) {
            return null;
        }
        Optional<YouTubeData.Channel> channel;
        try {
            channel = YouTubeData.channel(a.ok().body());
        } catch (IllegalArgumentException e) {
            malformed(out, a.ok(), e.getMessage());
            return null;
        }
        if (channel.isEmpty()) {
            out.problem("channel " + ref + " not found (channels.list lists none)");
            return null;
        }
        out.position("uploads:" + ref, channel.get().uploadsPlaylist());
        out.position("title:" + ref, channel.get().title());
        return new ChannelInfo(ref, channel.get().title(), channel.get().uploadsPlaylist());
    }

    private void video(ChannelInfo ch, YouTubeData.Video v, String key, YouTubeQuota quota, Harvest out, int limit)
            throws InterruptedException, QuotaStop {
        String disabledKey = "comments-disabled:" + v.id();
        String disabled = out.position(disabledKey);
        if (disabled != null && Instant.parse(disabled).plus(RECHECK_DISABLED).isAfter(clock.instant())) {
            return;
        }
        PostTarget video = new PostTarget(Platform.YOUTUBE, v.id(), YouTubeData.videoUrl(v.id()), new Author(ch.ref(), ch.title()));
        String token = null;
        for (int page = 0; page < maxPages && !stop(out, limit); page++) {
            Answer a = call("commentThreads", "part=snippet,replies&videoId=" + encode(v.id()) + "&maxResults=" + PAGE
                    + "&order=time&textFormat=plainText" + (token == null ? "" : "&pageToken=" + encode(token)), key, quota, out);
            if (a.error() != null) {
                videoError(v, a.error(), disabledKey, out);
                return;
            }
            if (a.ok() == null) {
                return;
            }
            YouTubeData.ThreadPage threads;
            try {
                threads = YouTubeData.threads(a.ok().body(), video);
            } catch (IllegalArgumentException e) {
                malformed(out, a.ok(), e.getMessage());
                return;
            }
            Evidence evidence = evidence(a.ok());
            add(out, threads.posts(), threads.rejected(), evidence, "dlq:" + v.id());
            for (YouTubeData.Thread t : threads.threads()) {
                if (t.totalReplies() > t.includedReplies() && !Integer.valueOf(t.totalReplies()).equals(repliesCollected.get(t.id()))) {
                    replies(t, key, quota, out);
                }
            }
            out.position(disabledKey, null);
            token = threads.nextPageToken();
            if (token == null) {
                break;
            }
        }
    }

    private void replies(YouTubeData.Thread t, String key, YouTubeQuota quota, Harvest out) throws InterruptedException, QuotaStop {
        String token = null;
        for (int page = 0; page < maxPages; page++) {
            Answer a = call("comments", "part=snippet&parentId=" + encode(t.id()) + "&maxResults=" + PAGE + "&textFormat=plainText"
                    + (token == null ? "" : "&pageToken=" + encode(token)), key, quota, out);
            if (a.error() != null) {
                out.problem("replies of comment " + t.id() + ": " + a.error().code() + " " + a.error().reason() + ": " + a.error().message());
                return;
            }
            if (a.ok() == null) {
                return;
            }
            YouTubeData.ReplyPage replies;
            try {
                replies = YouTubeData.replies(a.ok().body(), t.top());
            } catch (IllegalArgumentException e) {
                malformed(out, a.ok(), e.getMessage());
                return;
            }
            add(out, replies.posts(), replies.rejected(), evidence(a.ok()), "dlq:" + videoOf(t));
            token = replies.nextPageToken();
            if (token == null) {
                out.afterCommit(() -> repliesCollected.put(t.id(), t.totalReplies()));
                return;
            }
        }
    }

    private void videoError(YouTubeData.Video v, YouTubeData.ApiError error, String disabledKey, Harvest out) {
        switch (error.reason()) {
            case "commentsDisabled" -> {
                if (out.position(disabledKey) == null) {
                    log.info("Source {}: video {} has its comments turned off; skipped, asked again in a day.", id, v.id());
                }
                out.position(disabledKey, clock.instant().toString());
            }
            case "videoNotFound" -> out.problem("video " + v.id() + " not found (deleted or private); skipped");
            default -> out.problem("video " + v.id() + ": " + error.code() + " " + error.reason() + ": " + error.message() + "; skipped");
        }
    }

    /**
     * One call: counted against the quota before it is made (the API counts failed calls too).
     *
     * @throws QuotaStop when the budget is spent or the API says the quota is exceeded; the harvest is deferred to the reset
     */
    private Answer call(String method, String query, String key, YouTubeQuota quota, Harvest out) throws InterruptedException, QuotaStop {
        if (!quota.allows(method)) {
            Instant reset = quota.nextReset();
            out.problem("the daily quota budget of " + quota.budget() + " units is spent; waiting until " + reset);
            out.deferUntil(reset);
            throw new QuotaStop();
        }
        URI url = api.resolve(method + "?" + query + "&key=" + encode(key));
        quota.spend(method);
        try {
            return new Answer(fetcher.fetch(url, policy), null);
        } catch (FetchException e) {
            Optional<YouTubeData.ApiError> error = e.kind() == FetchException.Kind.HTTP_STATUS ? YouTubeData.error(e.body()) : Optional.empty();
            if (error.isPresent()) {
                String reason = error.get().reason();
                if (reason.equals("quotaExceeded") || reason.equals("dailyLimitExceeded")) {
                    Instant reset = quota.exceeded();
                    out.problem("the API's quota is exceeded (" + reason + "); waiting until the reset at " + reset + " (midnight Pacific)");
                    out.deferUntil(reset);
                    throw new QuotaStop();
                }
                return new Answer(null, error.get());
            }
            out.problem(e.kind() + ": " + redact(e.getMessage()));
            if (e.retryAt() != null) {
                out.deferUntil(e.retryAt());
            }
            return new Answer(null, null);
        }
    }

    /** @param dlqScope where the video's rejected comments are remembered: they are listed again at each run */
    private void add(Harvest out, List<Post> posts, List<ParseResult.Rejected> rejected, Evidence evidence, String dlqScope) {
        for (Post p : posts) {
            if (!context.alreadyHeld(p)) {
                out.post(p, evidence, evidence.requestUrl().toString());
            }
        }
        for (ParseResult.Rejected r : rejected) {
            Rejections.rejectOnce(out, dlqScope, r.origin(), evidence.requestUrl() + " " + r.origin(), r.payload(), r.reason());
        }
    }

    private static String videoOf(YouTubeData.Thread t) {
        return t.top().target() == null ? "?" : t.top().target().postId();
    }

    private void report(YouTubeQuota quota, Harvest out, Instant stoppedUntil) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("watching", watching);
        d.put("quotaDay", quota.day() + " (Pacific)");
        d.put("quotaUnitsUsed", String.valueOf(quota.used()));
        d.put("quotaDailyBudget", String.valueOf(quota.budget()));
        if (stoppedUntil != null) {
            d.put("waitingUntil", stoppedUntil.toString());
        }
        Set<String> disabled = new TreeSet<>();
        for (String k : out.positions().keySet()) {
            if (k.startsWith("comments-disabled:")) {
                disabled.add(k.substring("comments-disabled:".length()));
            }
        }
        if (!disabled.isEmpty()) {
            d.put("commentsDisabled", String.join(", ", disabled));
        }
        details = Map.copyOf(d);
    }

    private static boolean stop(Harvest out, int limit) {
        return out.size() >= limit || out.deferUntil() != null;
    }

    private static void malformed(Harvest out, Fetched f, String reason) {
        String url = redact(f.requestUrl().toString());
        out.problem(url + ": " + reason);
        String text = f.text();
        out.reject(url, text.length() > 4096 ? text.substring(0, 4096) : text, reason);
    }

    /** The response as evidence, its addresses without the API key. */
    private static Evidence evidence(Fetched f) {
        return new Evidence(URI.create(redact(f.requestUrl().toString())), URI.create(redact(f.finalUrl().toString())), f.status(),
                f.contentType(), f.fetchedAt(), f.body(), f.sha256());
    }

    /** {@code text} with the value of any {@code key=} query parameter replaced: keys are secrets. */
    static String redact(String text) {
        return text == null ? null : KEY_PARAM.matcher(text).replaceAll("$1REDACTED");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "YouTubeSource[" + id + ", " + api + ", channels " + new ArrayList<>(channels) + "]";
    }
}
