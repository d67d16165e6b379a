package id.netra.classifier;

import id.netra.model.Severity;
import id.netra.ops.DeadLetterReasons;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The classifier's own meters: {@code netra_alerts_total{severity}} (alerts written) and
 * {@code netra_dead_letters_total{service="classifier", reason}} (records of {@code posts} sent to the dead-letter
 * topic, by kind of reason, see {@link DeadLetterReasons}). Counted as the topology processes them: a transaction
 * aborted and processed again (a crash, a rebalance) counts its records twice, so these are rates to watch, not an
 * audit count (that is the topics).
 */
final class ClassifierMeters {
    private final Map<Severity, Counter> alerts = new EnumMap<>(Severity.class);
    private final Map<String, Counter> deadLetters = new HashMap<>();

    ClassifierMeters(MeterRegistry registry) {
        for (Severity s : Severity.values()) {
            alerts.put(s, Counter.builder("netra.alerts").description("Alerts written to the alerts topic, by severity")
                    .tag("severity", s.name()).register(registry));
        }
        for (String kind : DeadLetterReasons.KINDS) {
            deadLetters.put(kind, Counter.builder("netra.dead.letters").description("Records sent to the dead-letter topic, by kind of reason")
                    .tags("source", "posts", "reason", kind).register(registry));
        }
    }

    /** Meters that go nowhere, for tests of the topology alone. */
    static ClassifierMeters none() {
        return new ClassifierMeters(new SimpleMeterRegistry());
    }

    void alert(Severity severity) {
        alerts.get(severity).increment();
    }

    void deadLetter(String reason) {
        deadLetters.get(DeadLetterReasons.kind(reason)).increment();
    }
}
