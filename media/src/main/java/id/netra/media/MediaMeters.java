package id.netra.media;

import id.netra.model.MediaText;
import id.netra.ops.DeadLetterReasons;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The media stage's own meters: {@code netra_media_pictures_total{outcome}} (read, refused, unavailable, failed),
 * {@code netra_media_ocr_seconds} (time to read one picture) and {@code netra_dead_letters_total{source="media", reason}}.
 */
final class MediaMeters {
    private final Map<MediaText.Status, Counter> pictures = new EnumMap<>(MediaText.Status.class);
    private final Map<String, Counter> deadLetters = new HashMap<>();
    private final Timer ocr;

    MediaMeters(MeterRegistry registry) {
        for (MediaText.Status s : MediaText.Status.values()) {
            pictures.put(s, Counter.builder("netra.media.pictures").description("Pictures of posts handled by the media stage, by outcome")
                    .tag("outcome", s.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        for (String kind : DeadLetterReasons.KINDS) {
            deadLetters.put(kind, Counter.builder("netra.dead.letters").description("Records sent to the dead-letter topic, by kind of reason")
                    .tags("source", "media", "reason", kind).register(registry));
        }
        ocr = Timer.builder("netra.media.ocr").description("Time to read the text of one picture").publishPercentileHistogram().register(registry);
    }

    void picture(MediaText.Status outcome) {
        pictures.get(outcome).increment();
    }

    void ocr(long nanos) {
        ocr.record(nanos, TimeUnit.NANOSECONDS);
    }

    void deadLetter(String reason) {
        deadLetters.get(DeadLetterReasons.kind(reason)).increment();
    }
}
