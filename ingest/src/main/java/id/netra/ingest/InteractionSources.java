package id.netra.ingest;

import id.netra.ingest.http.HttpPolicy;
import id.netra.ingest.http.PoliteFetcher;
import id.netra.model.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the sources of interactions around watched campaign accounts from their {@code sources.yml} entries:
 * {@code mastodon-interactions} and {@code youtube}. Both follow the watchlist ({@code watchlist: true}, the default;
 * {@code watchlistTopic} to follow another topic) besides the accounts or channels listed in the entry.
 */
final class InteractionSources {
    /** Where the YouTube Data API v3 answers. */
    static final URI YOUTUBE_API = URI.create("https://www.googleapis.com/youtube/v3/");
    /** The environment variable holding the YouTube API key unless {@code apiKeyEnv} names another. */
    static final String YOUTUBE_KEY_ENV = "NETRA_YOUTUBE_API_KEY";
    /** A project's default daily quota of the YouTube Data API. */
    static final int YOUTUBE_DAILY_QUOTA = 10_000;

    private InteractionSources() {
    }

    static Source mastodon(SourceSpec spec, PoliteFetcher fetcher, HttpPolicy policy, SourceContext context) {
        List<URI> instance = spec.urls("instance");
        if (instance.isEmpty()) {
            throw spec.problem("option 'instance' is required for type " + spec.type());
        }
        String topic = watchlistTopic(spec);
        List<String> accounts = spec.strings("accounts");
        if (topic == null && accounts.isEmpty()) {
            throw spec.problem("a mastodon-interactions source needs accounts or watchlist: true");
        }
        String domain = spec.string("domain", null);
        if (domain != null && !domain.matches("[A-Za-z0-9.-]+\\.[A-Za-z]{2,}|localhost")) {
            throw spec.problem("option 'domain': '" + domain + "' is not a domain name (e.g. mastodon.example)");
        }
        return new MastodonInteractionsSource(spec.id(), instance.get(0), domain, accounts, topic, positive(spec, "statuses", 20, 40),
                positive(spec, "maxPages", 5, 1000), fetcher, policy, context);
    }

    static Source youtube(SourceSpec spec, PoliteFetcher fetcher, HttpPolicy policy, SourceContext context, Clock clock) {
        List<URI> api = spec.urls("api");
        String topic = watchlistTopic(spec);
        List<String> channels = spec.strings("channels");
        if (topic == null && channels.isEmpty()) {
            throw spec.problem("a youtube source needs channels or watchlist: true");
        }
        for (String c : channels) {
            if (!c.matches("UC[A-Za-z0-9_-]{22}|@?[A-Za-z0-9._-]{3,30}")) {
                throw spec.problem("option 'channels': '" + c + "' is neither a channel id (UC...) nor a handle (@name)");
            }
        }
        return new YouTubeSource(spec.id(), api.isEmpty() ? YOUTUBE_API : api.get(0), apiKey(spec, context), channels, topic,
                positive(spec, "videos", 10, 50), positive(spec, "maxPages", 10, 1000), positive(spec, "dailyQuota", YOUTUBE_DAILY_QUOTA, 1_000_000_000),
                fetcher, policy, context, clock);
    }

    /**
     * The key, read at each run: from {@code apiKeyFile} (a file holding only the key, e.g. a Docker secret) when set,
     * else from the environment variable {@code apiKeyEnv}. Never from the sources file itself.
     */
    private static Supplier<String> apiKey(SourceSpec spec, SourceContext context) {
        if (spec.options().containsKey("apiKey")) {
            throw spec.problem("option 'apiKey' is not read: an API key does not belong in sources.yml; put it in the environment "
                    + "(apiKeyEnv, default " + YOUTUBE_KEY_ENV + ") or a file (apiKeyFile)");
        }
        String file = spec.string("apiKeyFile", null);
        if (file != null) {
            Path path = Path.of(file);
            return () -> {
                try {
                    return Files.readString(path).strip();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the API key file " + path + ": " + e.getMessage(), e);
                }
            };
        }
        String env = spec.string("apiKeyEnv", YOUTUBE_KEY_ENV);
        return () -> context.env().apply(env);
    }

    private static String watchlistTopic(SourceSpec spec) {
        return spec.bool("watchlist", true) ? spec.string("watchlistTopic", Topics.WATCHLIST.name()) : null;
    }

    private static int positive(SourceSpec spec, String name, int fallback, int max) {
        int v = spec.integer(name, fallback);
        if (v < 1 || v > max) {
            throw spec.problem("option '" + name + "' must be between 1 and " + max + ", not " + v);
        }
        return v;
    }
}
