package id.netra.ingest;

import id.netra.model.DeadLetter;
import id.netra.model.Post;
import id.netra.model.Settings;
import id.netra.model.Topic;
import id.netra.model.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration of the ingest service.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code ingest.jsonl.path}</td><td>(required)</td><td>a JSONL file or a folder of them to follow</td></tr>
 *   <tr><td>{@code ingest.jsonl.cursor-file}</td><td>(none)</td><td>where read positions are saved, so a restart
 *       goes on where it stopped; without it a restart reads the files again</td></tr>
 *   <tr><td>{@code ingest.poll-interval}</td><td>{@code PT1S}</td><td>pause between polls of the source</td></tr>
 *   <tr><td>{@code ingest.max-per-poll}</td><td>{@code 10000}</td><td>records per poll at most (pacing for demos)</td></tr>
 *   <tr><td>{@code ingest.posts-topic}</td><td>{@code posts}</td><td>where posts go</td></tr>
 *   <tr><td>{@code ingest.dlq-topic}</td><td>{@code posts-dlq}</td><td>where rejected lines go</td></tr>
 *   <tr><td>{@code kafka.*}</td><td></td><td>producer settings; {@code kafka.bootstrap.servers} required</td></tr>
 * </table>
 */
public record IngestConfig(Path jsonlPath, Path cursorFile, Duration pollInterval, int maxPerPoll, Topic<String, Post> postsTopic,
                           Topic<String, DeadLetter> dlqTopic, Map<String, Object> kafka) {

    public IngestConfig {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("ingest.poll-interval must be positive, not " + pollInterval);
        }
        if (maxPerPoll <= 0) {
            throw new IllegalArgumentException("ingest.max-per-poll must be positive, not " + maxPerPoll);
        }
        kafka = Map.copyOf(kafka);
    }

    /** @throws IllegalArgumentException naming the key that is missing or wrong */
    public static IngestConfig from(Settings s) {
        s.required(Settings.BOOTSTRAP_SERVERS);
        return new IngestConfig(Path.of(s.required("ingest.jsonl.path")), s.path("ingest.jsonl.cursor-file", null),
                s.duration("ingest.poll-interval", Duration.ofSeconds(1)),
                s.integer("ingest.max-per-poll", 10_000),
                Topics.POSTS.withName(s.string("ingest.posts-topic", Topics.POSTS.name())),
                Topics.POSTS_DLQ.withName(s.string("ingest.dlq-topic", Topics.POSTS_DLQ.name())),
                s.kafka());
    }
}
