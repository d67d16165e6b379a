package id.netra.alerts;

import id.netra.model.Alert;
import id.netra.model.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The analysts' feed: alerts by id (the same id delivered twice is one entry, the newer copy kept), newest first by
 * the post's publication time, then by id so the order is the same on every replica. Thread-safe.
 */
public final class AlertFeed {
    static final Comparator<Alert> NEWEST_FIRST = Comparator
            .comparing((Alert a) -> a.post().publishedAt().toInstant()).reversed()
            .thenComparing(Alert::id);

    private final Map<String, Alert> byId = new ConcurrentHashMap<>();
    private final NavigableSet<Alert> ordered = new ConcurrentSkipListSet<>(NEWEST_FIRST);
    /** Alert ids by the NIP of their civil servant. */
    private final Map<String, java.util.Set<String>> byNip = new ConcurrentHashMap<>();

    /** Adds an alert, or replaces the one with the same id. */
    public synchronized void add(Alert alert) {
        Alert previous = byId.put(alert.id(), alert);
        if (previous != null) {
            ordered.remove(previous);
        }
        ordered.add(alert);
        byNip.computeIfAbsent(alert.nip(), n -> ConcurrentHashMap.newKeySet()).add(alert.id());
    }

    /**
     * Every alert about the civil servant with this NIP, whatever its severity, newest first. One of the two look-ups the
     * ASN page and the dossier read a person through (with {@link CaseBook#casesOfNip}); a store that replaces this feed
     * provides the same.
     */
    public List<Alert> alertsOfNip(String nip) {
        return byNip.getOrDefault(nip, java.util.Set.of()).stream().map(byId::get).filter(java.util.Objects::nonNull)
                .sorted(NEWEST_FIRST).toList();
    }

    /** At most {@code limit} alerts of at least {@code minSeverity}, newest first. */
    public List<Alert> list(Severity minSeverity, int limit) {
        return ordered.stream().filter(a -> a.severity().atLeast(minSeverity)).limit(limit).toList();
    }

    public Optional<Alert> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return byId.size();
    }

    /** How many alerts of at least {@code minSeverity} the feed holds. */
    public long count(Severity minSeverity) {
        return byId.values().stream().filter(a -> a.severity().atLeast(minSeverity)).count();
    }
}
