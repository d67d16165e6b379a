package id.netra.alerts.notify;

import id.netra.model.Notification;
import id.netra.model.NotificationEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where every notification stands, derived from the {@code notifications} topic alone ({@link #apply} each event in
 * order), and what is due to be sent now ({@link #due}).
 *
 * <p>Grouping: a recipient's pending notifications are sent together in one {@link Digest} once the oldest has waited
 * its {@code groupWait}. A digest's members are fixed by its {@code sending} events: a failed or interrupted digest is
 * retried with the same members and id, and notifications planned meanwhile go into the next one. Not thread-safe: the
 * {@link Notifier} guards it.
 */
final class Outbox {
    /** Where one notification stands. */
    enum State { PENDING, SENDING, DELIVERED, SUPPRESSED }

    /** One notification and its delivery so far. */
    static final class Entry {
        final Notification notification;
        State state = State.PENDING;
        String digestId;
        int attempt;
        Instant nextAttemptAt;
        String lastError;

        Entry(Notification notification) {
            this.notification = notification;
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** Last time each case was planned to each recipient: {@code caseId|recipient} to time. */
    private final Map<String, Instant> lastPlanned = new HashMap<>();

    /** Applies one event; events about unknown notifications (their planned event lost to retention) are ignored. */
    void apply(NotificationEvent e) {
        switch (e.type()) {
            case PLANNED -> {
                if (entries.putIfAbsent(e.notificationId(), new Entry(e.notification())) == null) {
                    lastPlanned.merge(key(e.notification()), e.notification().plannedAt(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            case SUPPRESSED -> entries.computeIfAbsent(e.notificationId(), id -> new Entry(e.notification())).state = State.SUPPRESSED;
            case SENDING -> entry(e).ifPresent(x -> {
                if (x.state == State.PENDING || x.state == State.SENDING) {
                    x.state = State.SENDING;
                    x.digestId = e.digestId();
                    x.attempt = e.attempt();
                    x.nextAttemptAt = null;
                }
            });
            case ATTEMPT_FAILED -> entry(e).ifPresent(x -> {
                x.attempt = e.attempt();
                x.nextAttemptAt = e.nextAttemptAt();
                x.lastError = e.reason();
            });
            case DELIVERED -> entry(e).ifPresent(x -> {
                x.state = State.DELIVERED;
                x.digestId = e.digestId();
                x.attempt = e.attempt();
            });
        }
    }

    private Optional<Entry> entry(NotificationEvent e) {
        return Optional.ofNullable(entries.get(e.notificationId()));
    }

    boolean knows(String notificationId) {
        return entries.containsKey(notificationId);
    }

    Optional<Entry> get(String notificationId) {
        return Optional.ofNullable(entries.get(notificationId));
    }

    /** When the case was last planned to the recipient, if ever. */
    Optional<Instant> lastPlanned(String caseId, Notification.Recipient recipient) {
        return Optional.ofNullable(lastPlanned.get(caseId + "|" + recipient.key()));
    }

    /** How many notifications are planned and not delivered yet: waiting, being sent or waiting for a retry. */
    int undelivered() {
        return (int) entries.values().stream().filter(x -> x.state == State.PENDING || x.state == State.SENDING).count();
    }

    /** The notifications planned and not sent yet (not in a digest). */
    List<Notification> pending() {
        return entries.values().stream().filter(x -> x.state == State.PENDING).map(x -> x.notification).toList();
    }

    /**
     * The digests to send at {@code now}: digests sent before and not delivered whose retry time has come (or that a
     * restart interrupted), then for each recipient whose oldest pending notification has waited its groupWait, a new
     * digest of all its pending notifications.
     */
    List<Digest> due(Instant now) {
        List<Digest> out = new ArrayList<>();
        Map<String, List<Entry>> resend = new LinkedHashMap<>();
        Map<String, List<Entry>> fresh = new LinkedHashMap<>();
        for (Entry x : entries.values()) {
            if (x.state == State.SENDING) {
                resend.computeIfAbsent(x.digestId, k -> new ArrayList<>()).add(x);
            } else if (x.state == State.PENDING) {
                fresh.computeIfAbsent(x.notification.recipient().key(), k -> new ArrayList<>()).add(x);
            }
        }
        resend.forEach((id, xs) -> {
            Entry first = xs.getFirst();
            if (first.nextAttemptAt == null || !first.nextAttemptAt.isAfter(now)) {
                out.add(new Digest(id, first.notification.recipient(), members(xs), first.attempt + 1));
            }
        });
        fresh.values().forEach(xs -> {
            if (xs.stream().anyMatch(x -> !x.notification.notBefore().isAfter(now))) {
                List<Notification> members = members(xs);
                out.add(new Digest(Digest.idOf(members), members.getFirst().recipient(), members, 1));
            }
        });
        return out;
    }

    /** When something next becomes due, if anything is waiting. */
    Optional<Instant> nextDue() {
        return entries.values().stream().map(x -> switch (x.state) {
            case PENDING -> x.notification.notBefore();
            case SENDING -> x.nextAttemptAt == null ? Instant.MIN : x.nextAttemptAt;
            default -> null;
        }).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder());
    }

    private static List<Notification> members(List<Entry> xs) {
        return xs.stream().map(x -> x.notification)
                .sorted(Comparator.comparing(Notification::plannedAt).thenComparing(Notification::id)).toList();
    }

    private static String key(Notification n) {
        return n.caseId() + "|" + n.recipient().key();
    }
}
