package id.netra.ingest;

import id.netra.ingest.http.HttpPolicy;
import id.netra.ingest.http.PoliteFetcher;
import id.netra.ingest.parse.CsvImport;
import id.netra.ingest.parse.HtmlProfile;
import id.netra.ingest.parse.HtmlProfiles;
import id.netra.ingest.parse.XApiImport;
import id.netra.model.Platform;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** Builds a {@link Source} from its {@code sources.yml} entry; every option is checked when the file is read. */
final class SourceFactory {
    private SourceFactory() {
    }

    /** @throws IllegalArgumentException naming the source and the option that is wrong */
    static void check(SourceSpec spec) {
        try {
            create(spec, null, Clock.systemUTC(), HttpPolicy.defaults()).close();
        } catch (IOException e) {
            throw spec.problem(e.getMessage());
        }
    }

    static Source create(SourceSpec spec, PoliteFetcher fetcher, Clock clock, HttpPolicy defaults) {
        return create(spec, fetcher, clock, defaults, SourceContext.NONE);
    }

    static Source create(SourceSpec spec, PoliteFetcher fetcher, Clock clock, HttpPolicy defaults, SourceContext context) {
        HttpPolicy policy = policy(spec, defaults);
        return switch (spec.type()) {
            case "jsonl" -> new JsonlSource(spec.id(), Path.of(spec.requiredString("path")), clock);
            case "feed" -> new FeedSource(spec.id(), required(spec, spec.urls("urls"), "urls"), fetcher, policy);
            case "html" -> new HtmlSource(spec.id(), required(spec, spec.urls("urls"), "urls"), profile(spec), spec.integer("maxPages", 3), fetcher, policy);
            case "mastodon" -> mastodon(spec, fetcher, policy);
            case "x-import" -> new ImportSource(spec.id(), Path.of(spec.requiredString("path")), Set.of(".json", ".jsonl"),
                    "application/json", XApiImport::parse, clock);
            case "csv-import" -> csv(spec, clock);
            case "mastodon-interactions" -> InteractionSources.mastodon(spec, fetcher, policy, context);
            case "youtube" -> InteractionSources.youtube(spec, fetcher, policy, context, clock);
            default -> throw spec.problem("unknown type " + spec.type());
        };
    }

    /** The defaults with what the source's options change: {@code minDelay}, {@code allowPrivate}, {@code maxBodyBytes}, timeouts. */
    static HttpPolicy policy(SourceSpec spec, HttpPolicy defaults) {
        HttpPolicy p = defaults.withMinDelay(spec.duration("minDelay", defaults.minDelay()))
                .withAllowPrivate(spec.bool("allowPrivate", defaults.allowPrivate()))
                .withTimeouts(spec.duration("connectTimeout", defaults.connectTimeout()), spec.duration("readTimeout", defaults.readTimeout()));
        long max = spec.integer("maxBodyBytes", -1);
        return max > 0 ? p.withMaxBodyBytes(max) : p;
    }

    private static HtmlProfile profile(SourceSpec spec) {
        String file = spec.string("profileFile", null);
        try {
            if (file != null) {
                return HtmlProfiles.fromYaml(Path.of(file));
            }
            return HtmlProfiles.load(spec.requiredString("profile"));
        } catch (IOException | RuntimeException e) {
            throw spec.problem("profile: " + e.getMessage());
        }
    }

    private static Source mastodon(SourceSpec spec, PoliteFetcher fetcher, HttpPolicy policy) {
        URI instance = required(spec, spec.urls("instance"), "instance").get(0);
        List<String> accounts = spec.strings("accounts");
        List<String> hashtags = spec.strings("hashtags");
        boolean publicTimeline = spec.bool("public", false);
        if (accounts.isEmpty() && hashtags.isEmpty() && !publicTimeline) {
            throw spec.problem("a mastodon source needs accounts, hashtags or public: true");
        }
        return new MastodonSource(spec.id(), instance, accounts, hashtags, publicTimeline, spec.bool("backfill", false),
                spec.integer("maxPages", 5), fetcher, policy);
    }

    private static Source csv(SourceSpec spec, Clock clock) {
        var columns = spec.map("columns");
        if (columns.isEmpty()) {
            throw spec.problem("option 'columns' (post field: CSV header) is required for type csv-import");
        }
        Platform platform;
        ZoneId zone;
        try {
            platform = Platform.of(spec.string("platform", "web"));
            zone = ZoneId.of(spec.string("zone", "Asia/Jakarta"));
        } catch (RuntimeException e) {
            throw spec.problem(e.getMessage());
        }
        CsvImport csv;
        try {
            csv = new CsvImport(columns, spec.map("defaults"), platform, zone, spec.string("dateFormat", null));
        } catch (IllegalArgumentException e) {
            throw spec.problem(e.getMessage());
        }
        return new ImportSource(spec.id(), Path.of(spec.requiredString("path")), Set.of(".csv"), "text/csv", csv::parse, clock);
    }

    private static <T> List<T> required(SourceSpec spec, List<T> values, String name) {
        if (values.isEmpty()) {
            throw spec.problem("option '" + name + "' is required for type " + spec.type());
        }
        return values;
    }
}
