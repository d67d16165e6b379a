package id.netra.alerts;

import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.AlertEvent.Type;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every case, derived from the {@code alert-events} topic alone: {@link #apply} each event in topic order (replayed
 * events, known by id, change nothing). Also decides where a new alert goes ({@link #place}) and whether an analyst's
 * action is allowed now ({@link #check}). Thread-safe.
 */
public final class CaseBook {
    private static final Pattern CASE_ID = Pattern.compile("NTR-(\\d{4})-(\\d{6,})");

    /** Where a new alert goes: the event to write for it, or none when it already has a case. */
    public record Placement(AlertEvent event) {
    }

    private final Function<String, Optional<Alert>> alerts;
    private final Map<String, CaseFile> cases = new HashMap<>();
    private final Map<String, String> caseOfAlert = new HashMap<>();
    private final Map<String, List<String>> casesByGroup = new HashMap<>();
    /** Cases whose first alert was not known when they were opened (events are read before the alerts at start). */
    private final List<String> notGrouped = new ArrayList<>();
    private final Map<Integer, Integer> lastSequence = new HashMap<>();
    private final Set<String> eventIds = new HashSet<>();
    /** The next offset to read per partition of {@code alert-events}. */
    private final Map<Integer, Long> positions = new HashMap<>();

    /** @param alerts the alerts by id (the feed), to compare a new alert's text with a case's */
    public CaseBook(Function<String, Optional<Alert>> alerts) {
        this.alerts = alerts;
    }

    /** Forgets every case, to read them again from the topic. */
    public synchronized void clear() {
        cases.clear();
        caseOfAlert.clear();
        casesByGroup.clear();
        notGrouped.clear();
        lastSequence.clear();
        eventIds.clear();
        positions.clear();
    }

    /** The next offset to read per partition of {@code alert-events}; empty: read from the start. */
    public synchronized Map<Integer, Long> positions() {
        return Map.copyOf(positions);
    }

    /** Applies one event read at {@code offset} of {@code partition}, and records the position after it. */
    public synchronized void apply(AlertEvent e, int partition, long offset) {
        apply(e);
        positions.merge(partition, offset + 1, Math::max);
    }

    /** Applies one event; an event seen before (same id) is ignored. */
    public synchronized void apply(AlertEvent e) {
        if (!eventIds.add(e.eventId())) {
            return;
        }
        CaseFile c = cases.get(e.caseId());
        if (c == null) {
            Matcher m = CASE_ID.matcher(e.caseId());
            if (m.matches()) {
                lastSequence.merge(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Math::max);
            }
            c = new CaseFile(e.caseId(), null, CaseFile.Status.OPEN, null, List.of(), List.of(), e.at(), e.at());
            notGrouped.add(e.caseId());
        }
        List<String> alertIds = new ArrayList<>(c.alertIds());
        List<AlertEvent> history = new ArrayList<>(c.history());
        history.add(e);
        CaseFile.Status status = c.status();
        String assignee = c.assignee();
        switch (e.type()) {
            case OPENED, ALERT_ADDED -> {
                if (!alertIds.contains(e.alertId())) {
                    alertIds.add(e.alertId());
                }
                caseOfAlert.put(e.alertId(), e.caseId());
            }
            case ASSIGNED -> {
                assignee = e.assignee();
                if (!status.closed() && status != CaseFile.Status.ESCALATED) {
                    status = CaseFile.Status.ASSIGNED;
                }
            }
            case CONFIRMED -> status = CaseFile.Status.CONFIRMED;
            case DISMISSED -> status = CaseFile.Status.DISMISSED;
            case ESCALATED -> status = CaseFile.Status.ESCALATED;
            case REOPENED -> status = assignee == null ? CaseFile.Status.OPEN : CaseFile.Status.ASSIGNED;
            case COMMENTED, DOSSIER_ISSUED -> {
            }
        }
        cases.put(e.caseId(), new CaseFile(e.caseId(), c.groupKey(), status, assignee, alertIds, history, c.openedAt(), e.at()));
        group(e.caseId());
    }

    /** Indexes a case by person and subject once its first alert is known. */
    private void group(String caseId) {
        CaseFile c = cases.get(caseId);
        if (c.groupKey() != null || c.alertIds().isEmpty()) {
            return;
        }
        alerts.apply(c.alertIds().getFirst()).ifPresent(first -> {
            String key = CaseGrouping.key(first);
            cases.put(caseId, new CaseFile(c.id(), key, c.status(), c.assignee(), c.alertIds(), c.history(), c.openedAt(), c.updatedAt()));
            casesByGroup.computeIfAbsent(key, k -> new ArrayList<>()).add(caseId);
            notGrouped.remove(caseId);
        });
    }

    /**
     * Where {@code alert} goes: nowhere when it is in a case already (the same alert delivered twice is one case), into
     * an open case of the same person about the same subject with the same message, else into a new case.
     */
    public synchronized Optional<Placement> place(Alert alert, Instant now) {
        if (caseOfAlert.containsKey(alert.id())) {
            return Optional.empty();
        }
        List.copyOf(notGrouped).forEach(this::group);
        String group = CaseGrouping.key(alert);
        Set<String> words = CaseGrouping.words(alert.post().text());
        for (String caseId : casesByGroup.getOrDefault(group, List.of())) {
            CaseFile c = cases.get(caseId);
            boolean same = c.alertIds().stream().map(alerts).flatMap(Optional::stream)
                    .anyMatch(a -> CaseGrouping.sameMessage(words, CaseGrouping.words(a.post().text())));
            if (same) {
                return Optional.of(new Placement(event(caseId, Type.ALERT_ADDED, "system", now, alert.id(), null, null)));
            }
        }
        int year = alert.post().publishedAt().withOffsetSameInstant(ZoneOffset.ofHours(7)).getYear();
        int seq = lastSequence.getOrDefault(year, 0) + 1;
        String caseId = String.format("NTR-%d-%06d", year, seq);
        return Optional.of(new Placement(event(caseId, Type.OPENED, "system", now, alert.id(), null, null)));
    }

    /**
     * Whether an analyst may do {@code type} on the case now.
     *
     * @return the reason it is refused, or {@code null} when it is allowed
     */
    public synchronized String check(String caseId, Type type) {
        CaseFile c = cases.get(caseId);
        if (c == null) {
            return "no case " + caseId;
        }
        return switch (type) {
            case OPENED, ALERT_ADDED -> "cases are opened by the system";
            case ASSIGNED, CONFIRMED, DISMISSED -> c.status().closed() ? "case " + caseId + " is " + c.status().name().toLowerCase() + "; reopen it first" : null;
            case ESCALATED -> c.status().closed() || c.status() == CaseFile.Status.ESCALATED
                    ? "case " + caseId + " is already " + c.status().name().toLowerCase() : null;
            case REOPENED -> c.status().closed() ? null : "case " + caseId + " is not closed";
            case COMMENTED -> null;
            case DOSSIER_ISSUED -> c.status() == CaseFile.Status.CONFIRMED ? null
                    : "case " + caseId + " is " + c.status().name().toLowerCase() + ": a dossier is issued for a confirmed case only";
        };
    }

    public synchronized Optional<CaseFile> get(String caseId) {
        return Optional.ofNullable(cases.get(caseId));
    }

    public synchronized Optional<CaseFile> caseOf(String alertId) {
        return Optional.ofNullable(caseOfAlert.get(alertId)).map(cases::get);
    }

    /**
     * Every case about the civil servant with this NIP (whose first alert is theirs), oldest first. One of the two
     * look-ups the ASN page and the dossier read a person through (with {@link AlertFeed#alertsOfNip}); a store that
     * replaces this book provides the same.
     */
    public synchronized List<CaseFile> casesOfNip(String nip) {
        List.copyOf(notGrouped).forEach(this::group);
        String prefix = nip + "|";
        return casesByGroup.entrySet().stream().filter(g -> g.getKey().startsWith(prefix)).flatMap(g -> g.getValue().stream())
                .map(cases::get).sorted(java.util.Comparator.comparing(CaseFile::openedAt).thenComparing(CaseFile::id)).toList();
    }

    public synchronized Collection<CaseFile> all() {
        return List.copyOf(cases.values());
    }

    /** A new event with a fresh id. */
    public static AlertEvent event(String caseId, Type type, String actor, Instant at, String alertId, String assignee, String reason) {
        return new AlertEvent(UUID.randomUUID().toString(), caseId, type, actor, at, alertId, assignee, reason);
    }
}
