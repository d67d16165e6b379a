package id.netra.classifier.replay;

import id.netra.classifier.ClassifierTopology;
import id.netra.model.Validate;
import java.time.Instant;
import java.util.Map;

/**
 * What to replay and with which versions.
 *
 * @param runId            the run's id: alerts go to {@code alerts-replay-<runId>}, the report is keyed by it
 * @param from             start of the period (inclusive), compared with the posts' {@code publishedAt}
 * @param to               end of the period (exclusive)
 * @param watchlistVersion the watchlist version for every post, or null for the one in force when each was published
 * @param registryAsOf     the time to look every author up at, or null for each post's {@code publishedAt}
 * @param lexiconVersion   the classifier data ({@code cues-v2+slang-v1+rules-v1}), or null for this build's current
 * @param topics           the live topics read (posts, registry-accounts, watchlist, alerts); none is written
 * @param kafka            client settings, {@code bootstrap.servers} at least
 * @param mediaWait        the live classifier's {@code classifier.media-wait} ({@link id.netra.classifier.MediaWait})
 * @param mediaKeep        the live classifier's {@code classifier.media-keep}
 */
public record ReplayOptions(String runId, Instant from, Instant to, String watchlistVersion, Instant registryAsOf,
                            String lexiconVersion, ClassifierTopology.TopicNames topics, Map<String, Object> kafka,
                            java.time.Duration mediaWait, java.time.Duration mediaKeep) {
    /** With the default media wait and keep. */
    public ReplayOptions(String runId, Instant from, Instant to, String watchlistVersion, Instant registryAsOf, String lexiconVersion,
                         ClassifierTopology.TopicNames topics, Map<String, Object> kafka) {
        this(runId, from, to, watchlistVersion, registryAsOf, lexiconVersion, topics, kafka, null, null);
    }

    public ReplayOptions {
        mediaWait = mediaWait == null ? id.netra.classifier.MediaWait.DEFAULT_WAIT : mediaWait;
        mediaKeep = mediaKeep == null ? id.netra.classifier.MediaWait.DEFAULT_KEEP : mediaKeep;
        Validate.notBlank(runId, "runId");
        Validate.isTrue(runId.matches("[A-Za-z0-9._-]{1,100}"), "run id '" + runId + "' may only use letters, digits, '.', '_' and '-'");
        Validate.notNull(from, "from");
        Validate.notNull(to, "to");
        Validate.isTrue(from.isBefore(to), "the period is empty: --from " + from + " is not before --to " + to);
        Validate.notNull(topics, "topics");
        kafka = Map.copyOf(kafka);
    }

    /** The topic this run writes its alerts to. */
    public String outputTopic() {
        return id.netra.model.Topics.ALERTS_REPLAY_PREFIX + runId;
    }
}
