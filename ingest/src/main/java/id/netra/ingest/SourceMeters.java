package id.netra.ingest;

import id.netra.ops.DeadLetterReasons;
import id.netra.ops.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import java.util.ArrayList;
import java.util.List;

/**
 * One source's meters, tagged {@code source} (its id) and {@code type}; removed with the source.
 * <ul>
 *   <li>{@code netra_ingest_source_up}: 1 while the source's last run succeeded, 0 while it fails or after it stopped</li>
 *   <li>{@code netra_ingest_source_last_success_seconds}: when its last run succeeded (epoch seconds; 0 never)</li>
 *   <li>{@code netra_ingest_posts_total{kind=new|edited|unchanged}}: posts collected</li>
 *   <li>{@code netra_ingest_source_failures_total}: records rejected and problems (pages that failed, unreadable feeds)</li>
 *   <li>{@code netra_dead_letters_total{reason}}: records written to the dead-letter topic, by kind of reason</li>
 *   <li>the source producer's {@code kafka_producer_*} metrics</li>
 * </ul>
 */
final class SourceMeters implements AutoCloseable {
    private final Metrics metrics;
    private final List<Meter> meters = new ArrayList<>();
    private final AutoCloseable producer;
    private final String source;

    SourceMeters(Metrics metrics, SourceRunner runner) {
        this.metrics = metrics;
        this.source = runner.spec().id();
        String type = runner.spec().type();
        var r = metrics.registry();
        meters.add(Gauge.builder("netra.ingest.source.up", runner, x -> up(x.health()) ? 1 : 0)
                .description("1 while the source's last run succeeded, 0 while it fails or after it stopped")
                .tags("source", source, "type", type).register(r));
        meters.add(Gauge.builder("netra.ingest.source.last.success", runner,
                        x -> x.health().lastSuccess() == null ? 0 : x.health().lastSuccess().toEpochMilli() / 1000.0)
                .description("When the source's last run succeeded, epoch seconds (0: never since the start)").baseUnit("seconds")
                .tags("source", source, "type", type).register(r));
        meters.add(FunctionCounter.builder("netra.ingest.posts", runner, x -> x.health().postsNew()).description("Posts collected")
                .tags("source", source, "kind", "new").register(r));
        meters.add(FunctionCounter.builder("netra.ingest.posts", runner, x -> x.health().postsEdited()).description("Posts collected")
                .tags("source", source, "kind", "edited").register(r));
        meters.add(FunctionCounter.builder("netra.ingest.posts", runner, x -> x.health().postsUnchanged()).description("Posts collected")
                .tags("source", source, "kind", "unchanged").register(r));
        meters.add(FunctionCounter.builder("netra.ingest.source.failures", runner, x -> x.health().failed())
                .description("Records rejected and problems of the source (pages that failed, unreadable feeds)")
                .tags("source", source).register(r));
        for (String kind : DeadLetterReasons.KINDS) {
            meters.add(deadLetters(kind));
        }
        runner.onDeadLetters(rejects -> rejects.forEach(x -> deadLetters(DeadLetterReasons.kind(x.reason())).increment()));
        this.producer = runner.writer().bindMetrics(metrics);
    }

    private Counter deadLetters(String kind) {
        return Counter.builder("netra.dead.letters").description("Records sent to the dead-letter topic, by kind of reason")
                .tags("source", source, "reason", kind).register(metrics.registry());
    }

    private static boolean up(SourceHealth h) {
        return (h.state().equals("idle") || h.state().equals("running") || h.state().equals("starting")) && h.lastError() == null;
    }

    @Override
    public void close() {
        meters.forEach(metrics.registry()::remove);
        try {
            producer.close();
        } catch (Exception e) {
            // Closing a binder only stops its refresh.
        }
    }
}
