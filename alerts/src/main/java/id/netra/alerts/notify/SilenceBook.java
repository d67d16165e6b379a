package id.netra.alerts.notify;

import id.netra.model.Notification;
import id.netra.model.Silence;
import id.netra.model.SilenceEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The silences, derived from the {@code silences} topic alone: each with who set it and, once lifted, who lifted it
 * and why. Thread-safe.
 */
final class SilenceBook {
    /** A silence and its end, if lifted. */
    record Entry(Silence silence, SilenceEvent lifted) {
        /** {@code active}, {@code expired} or {@code lifted} at {@code now}. */
        String status(Instant now) {
            return lifted != null ? "lifted" : silence.activeAt(now) ? "active" : "expired";
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    synchronized void apply(SilenceEvent e) {
        switch (e.type()) {
            case CREATED -> entries.putIfAbsent(e.silenceId(), new Entry(e.silence(), null));
            case LIFTED -> entries.computeIfPresent(e.silenceId(), (id, x) -> x.lifted() == null ? new Entry(x.silence(), e) : x);
        }
    }

    synchronized Optional<Entry> get(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** Every silence, newest first. */
    synchronized List<Entry> all() {
        return entries.values().stream().sorted(Comparator.comparing((Entry x) -> x.silence().createdAt()).reversed()).toList();
    }

    /** The silence in force at {@code now} that covers a notification (by the ASN, region and candidates it names). */
    synchronized Optional<Silence> covering(Notification n, Instant now) {
        String candidates = n.facts().getOrDefault("candidates", "");
        List<String> ids = candidates.isEmpty() ? List.of() : Arrays.asList(candidates.split(","));
        return entries.values().stream().filter(x -> x.lifted() == null && x.silence().activeAt(now))
                .map(Entry::silence)
                .filter(s -> s.matcher().matches(n.facts().get("nip"), n.facts().get("region"), ids))
                .findFirst();
    }
}
