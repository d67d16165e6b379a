package id.netra.media;

import id.netra.ingest.http.HttpPolicy;
import id.netra.model.Settings;
import id.netra.model.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of the media stage.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code media.group-id}</td><td>{@code netra-media}</td><td>consumer group: instances with the same id share the posts' partitions</td></tr>
 *   <tr><td>{@code media.threads}</td><td>the number of cores</td><td>pictures read at once (one Tesseract engine each)</td></tr>
 *   <tr><td>{@code media.fetch-threads}</td><td>{@code 8}</td><td>pictures fetched at once (each host still gets one request at a time)</td></tr>
 *   <tr><td>{@code media.ocr.languages}</td><td>{@code ind+eng}</td><td>Tesseract's models</td></tr>
 *   <tr><td>{@code media.ocr.tessdata}</td><td>Tesseract's own</td><td>folder of the {@code .traineddata} files</td></tr>
 *   <tr><td>{@code media.ocr.timeout}</td><td>{@code PT30S}</td><td>longest reading of one picture</td></tr>
 *   <tr><td>{@code media.ocr.min-confidence}</td><td>{@code 30}</td><td>words read with less confidence (0-100) are left out</td></tr>
 *   <tr><td>{@code media.max-bytes}</td><td>{@code 8388608}</td><td>largest picture fetched</td></tr>
 *   <tr><td>{@code media.max-pixels}, {@code media.max-side}</td><td>{@code 40000000}, {@code 12000}</td><td>largest picture decoded</td></tr>
 *   <tr><td>{@code media.user-agent}, {@code media.min-delay}</td><td>as ingest's</td><td>politeness</td></tr>
 *   <tr><td>{@code media.allow-private}</td><td>{@code false}</td><td>fetch private and loopback addresses (tests and the local demo only)</td></tr>
 *   <tr><td>{@code media.posts-topic}, {@code media.media-text-topic}, {@code media.captures-topic}, {@code media.dlq-topic}</td>
 *       <td>the catalog's</td><td>topics</td></tr>
 *   <tr><td>{@code kafka.*}</td><td></td><td>client settings; {@code kafka.bootstrap.servers} required</td></tr>
 * </table>
 */
public record MediaConfig(String groupId, int threads, int fetchThreads, String languages, Path tessdata, Duration ocrTimeout,
                          double minConfidence, HttpPolicy http, long maxPixels, int maxSide, String postsTopic, String mediaTextTopic,
                          String capturesTopic, String deadLetterTopic, Map<String, Object> kafka) {
    public MediaConfig {
        kafka = Map.copyOf(kafka);
        if (threads < 1 || fetchThreads < 1) {
            throw new IllegalArgumentException("media.threads and media.fetch-threads must be at least 1");
        }
        if (ocrTimeout.isNegative() || ocrTimeout.isZero()) {
            throw new IllegalArgumentException("media.ocr.timeout must be positive, not " + ocrTimeout);
        }
    }

    /** The defaults, against {@code bootstrapServers}. */
    public static MediaConfig defaults(String bootstrapServers) {
        return from(Settings.of(Map.of(Settings.BOOTSTRAP_SERVERS, bootstrapServers)));
    }

    /** @throws IllegalArgumentException naming the key that is missing or wrong */
    public static MediaConfig from(Settings s) {
        s.required(Settings.BOOTSTRAP_SERVERS);
        HttpPolicy http = HttpPolicy.defaults();
        String ua = s.string("media.user-agent", s.string("ingest.user-agent", null));
        if (ua != null) {
            http = new HttpPolicy(ua, http.minDelay(), http.connectTimeout(), http.readTimeout(), http.maxBodyBytes(),
                    http.maxRedirects(), http.maxRetries(), http.backoffBase(), http.backoffMax(), http.robotsTtl(), http.allowPrivate());
        }
        long maxBytes = s.integer("media.max-bytes", 8 * 1024 * 1024);
        if (maxBytes < 1 || maxBytes > 12L * 1024 * 1024) {
            throw new IllegalArgumentException("Setting 'media.max-bytes' must be between 1 and 12582912 (a capture record holds at most 16 MiB), not " + maxBytes);
        }
        http = http.withMinDelay(s.duration("media.min-delay", s.duration("ingest.min-delay", http.minDelay())))
                .withMaxBodyBytes(maxBytes)
                .withAllowPrivate(Boolean.parseBoolean(s.string("media.allow-private", "false")));
        String tessdata = s.string("media.ocr.tessdata", null);
        return new MediaConfig(s.string("media.group-id", "netra-media"),
                s.integer("media.threads", Runtime.getRuntime().availableProcessors()), s.integer("media.fetch-threads", 8),
                s.string("media.ocr.languages", "ind+eng"), tessdata == null ? null : Path.of(tessdata),
                s.duration("media.ocr.timeout", Duration.ofSeconds(30)), s.integer("media.ocr.min-confidence", 30), http,
                s.integer("media.max-pixels", 40_000_000), s.integer("media.max-side", 12_000),
                s.string("media.posts-topic", Topics.POSTS.name()), s.string("media.media-text-topic", Topics.MEDIA_TEXT.name()),
                s.string("media.captures-topic", Topics.CAPTURES.name()), s.string("media.dlq-topic", Topics.POSTS_DLQ.name()), s.kafka());
    }

    /** This configuration reading and writing these topics (tests). */
    public MediaConfig withTopics(String posts, String mediaText, String captures, String deadLetters) {
        return new MediaConfig(groupId, threads, fetchThreads, languages, tessdata, ocrTimeout, minConfidence, http, maxPixels, maxSide,
                posts, mediaText, captures, deadLetters, kafka);
    }

    /** This configuration with this fetch policy (tests, the local demo). */
    public MediaConfig withHttp(HttpPolicy policy) {
        return new MediaConfig(groupId, threads, fetchThreads, languages, tessdata, ocrTimeout, minConfidence, policy, maxPixels, maxSide,
                postsTopic, mediaTextTopic, capturesTopic, deadLetterTopic, kafka);
    }

    /** This configuration in consumer group {@code id}. */
    public MediaConfig withGroupId(String id) {
        return new MediaConfig(id, threads, fetchThreads, languages, tessdata, ocrTimeout, minConfidence, http, maxPixels, maxSide,
                postsTopic, mediaTextTopic, capturesTopic, deadLetterTopic, kafka);
    }

    /** This configuration with these picture limits. */
    public MediaConfig withLimits(long pixels, int side) {
        return new MediaConfig(groupId, threads, fetchThreads, languages, tessdata, ocrTimeout, minConfidence, http, pixels, side,
                postsTopic, mediaTextTopic, capturesTopic, deadLetterTopic, kafka);
    }
}
