package id.netra.ingest;

import id.netra.ingest.http.HttpPolicy;
import id.netra.model.Settings;
import id.netra.model.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the ingest service.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code ingest.sources}</td><td>(none)</td><td>the {@code sources.yml} file; re-read when it changes</td></tr>
 *   <tr><td>{@code ingest.jsonl.path}</td><td>(none)</td><td>shorthand for one {@code jsonl} source with id {@code inbox}
 *       following this file or folder</td></tr>
 *   <tr><td>{@code ingest.reload-interval}</td><td>{@code PT5S}</td><td>how often {@code sources.yml} is checked for changes</td></tr>
 *   <tr><td>{@code ingest.http.port}</td><td>{@code 8081}</td><td>port of {@code /api/sources} and {@code /api/reports}; -1 for none</td></tr>
 *   <tr><td>{@code ingest.http.host}</td><td>{@code 127.0.0.1}</td><td>address it listens on: loopback unless set (e.g. {@code 0.0.0.0} in a container)</td></tr>
 *   <tr><td>{@code ingest.api-token}</td><td>(none)</td><td>the bearer token every {@code /api} request must carry
 *       ({@code NETRA_INGEST_API_TOKEN}); without one the API answers 401 to everyone</td></tr>
 *   <tr><td>{@code ingest.http.max-body}</td><td>{@code 65536}</td><td>largest request body in bytes, with or without a length (413)</td></tr>
 *   <tr><td>{@code ingest.reports.max-pending}</td><td>{@code 100}</td><td>reports waiting to be fetched, at most (503 beyond)</td></tr>
 *   <tr><td>{@code ingest.reports.profile}</td><td>{@code news-article}</td><td>HTML profile for reported addresses no profile claims</td></tr>
 *   <tr><td>{@code ingest.reports.allow-private}</td><td>{@code false}</td><td>whether reported addresses may be private/loopback</td></tr>
 *   <tr><td>{@code ingest.user-agent}</td><td>NetraBot/0.1 (+contact URL)</td><td>sent with every request; put your contact address in it</td></tr>
 *   <tr><td>{@code ingest.min-delay}</td><td>{@code PT1S}</td><td>least time between two requests to one host (per source: {@code minDelay})</td></tr>
 *   <tr><td>{@code kafka.*}</td><td></td><td>producer and consumer settings; {@code kafka.bootstrap.servers} required</td></tr>
 * </table>
 */
public record IngestConfig(Path sourcesFile, List<SourceSpec> sources, Duration reloadInterval, String httpHost, int httpPort,
                           String reportsProfile, boolean reportsAllowPrivate, HttpPolicy http, IngestTopics topics,
                           Map<String, Object> kafka, IngestApi api) {

    public IngestConfig {
        sources = List.copyOf(sources);
        kafka = Map.copyOf(kafka);
        api = api == null ? IngestApi.closed() : api;
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("ingest.reload-interval must be positive, not " + reloadInterval);
        }
    }

    /** Without an API token: the API, if it listens, answers 401 to everyone. */
    public IngestConfig(Path sourcesFile, List<SourceSpec> sources, Duration reloadInterval, String httpHost, int httpPort,
                        String reportsProfile, boolean reportsAllowPrivate, HttpPolicy http, IngestTopics topics, Map<String, Object> kafka) {
        this(sourcesFile, sources, reloadInterval, httpHost, httpPort, reportsProfile, reportsAllowPrivate, http, topics, kafka, IngestApi.closed());
    }

    /** One JSONL source and nothing else (no HTTP endpoint): for tests and simple setups. */
    public static IngestConfig jsonl(Path path, Duration interval, int maxPerRun, IngestTopics topics, Map<String, Object> kafka) {
        SourceSpec spec = new SourceSpec("inbox", "jsonl", interval, maxPerRun, Map.of("path", path.toString()));
        return new IngestConfig(null, List.of(spec), Duration.ofSeconds(5), "127.0.0.1", -1, "news-article", false,
                HttpPolicy.defaults(), topics, kafka, IngestApi.closed());
    }

    /** This configuration with a {@code sources.yml} file (and the sources it already has). */
    public IngestConfig withSourcesFile(Path file) {
        return new IngestConfig(file, sources, reloadInterval, httpHost, httpPort, reportsProfile, reportsAllowPrivate, http, topics, kafka, api);
    }

    public IngestConfig withHttp(String host, int port) {
        return new IngestConfig(sourcesFile, sources, reloadInterval, host, port, reportsProfile, reportsAllowPrivate, http, topics, kafka, api);
    }

    public IngestConfig withReports(String profile, boolean allowPrivate) {
        return new IngestConfig(sourcesFile, sources, reloadInterval, httpHost, httpPort, profile, allowPrivate, http, topics, kafka, api);
    }

    /** This configuration with this API protection. */
    public IngestConfig withApi(IngestApi newApi) {
        return new IngestConfig(sourcesFile, sources, reloadInterval, httpHost, httpPort, reportsProfile, reportsAllowPrivate, http, topics, kafka, newApi);
    }

    /** @throws IllegalArgumentException naming the key that is missing or wrong */
    public static IngestConfig from(Settings s) {
        s.required(Settings.BOOTSTRAP_SERVERS);
        Path sourcesFile = s.path("ingest.sources", null);
        List<SourceSpec> sources = new ArrayList<>();
        Path jsonl = s.path("ingest.jsonl.path", null);
        if (jsonl != null) {
            sources.add(new SourceSpec("inbox", "jsonl", s.duration("ingest.poll-interval", Duration.ofSeconds(1)),
                    s.integer("ingest.max-per-poll", 10_000), Map.of("path", jsonl.toString())));
        }
        if (sourcesFile == null && sources.isEmpty()) {
            throw new IllegalArgumentException("ingest needs ingest.sources (a sources.yml) or ingest.jsonl.path");
        }
        HttpPolicy http = HttpPolicy.defaults();
        String ua = s.string("ingest.user-agent", null);
        if (ua != null) {
            http = new HttpPolicy(ua, http.minDelay(), http.connectTimeout(), http.readTimeout(), http.maxBodyBytes(),
                    http.maxRedirects(), http.maxRetries(), http.backoffBase(), http.backoffMax(), http.robotsTtl(), http.allowPrivate());
        }
        http = http.withMinDelay(s.duration("ingest.min-delay", http.minDelay()));
        IngestTopics topics = IngestTopics.defaults();
        topics = new IngestTopics(Topics.POSTS.withName(s.string("ingest.posts-topic", Topics.POSTS.name())),
                Topics.POSTS_DLQ.withName(s.string("ingest.dlq-topic", Topics.POSTS_DLQ.name())), topics.captures(), topics.cursors(), topics.seen());
        return new IngestConfig(sourcesFile, sources, s.duration("ingest.reload-interval", Duration.ofSeconds(5)),
                s.string("ingest.http.host", "127.0.0.1"), s.integer("ingest.http.port", 8081),
                s.string("ingest.reports.profile", "news-article"), Boolean.parseBoolean(s.string("ingest.reports.allow-private", "false")),
                http, topics, s.kafka(), IngestApi.from(s));
    }
}
