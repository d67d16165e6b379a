package id.netra.alerts.notify;

import id.netra.alerts.CaseFile;
import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.Notification;
import id.netra.model.Notification.Recipient;
import id.netra.model.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Decides who is told of a case event: the trigger it is (an analyst confirming a case; a HIGH alert opening a case or
 * joining one), the routes that match it, their recipients, and whether the case went to a recipient within the
 * route's {@code repeatInterval} already. Deterministic: the same event gives the same notification ids.
 */
final class Planner {
    private final RoutingConfig routing;
    private final URI publicUrl;

    Planner(RoutingConfig routing, URI publicUrl) {
        this.routing = routing;
        this.publicUrl = publicUrl;
    }

    /** The trigger an event is, if any. */
    static Optional<Trigger> trigger(AlertEvent e, Optional<Alert> alert) {
        return switch (e.type()) {
            case CONFIRMED -> Optional.of(Trigger.CONFIRMED);
            case OPENED, ALERT_ADDED -> alert.filter(a -> a.severity() == Severity.HIGH).map(a -> Trigger.NEW_HIGH_ALERT);
            default -> Optional.empty();
        };
    }

    /**
     * The notifications for {@code e}, one per recipient (the first matching route wins a recipient named twice).
     *
     * @param alerts      the case's alerts known now, first one first
     * @param lastPlanned when a case was last planned to a recipient
     */
    List<Notification> plan(AlertEvent e, CaseFile c, List<Alert> alerts, Instant now,
                            BiFunction<String, Recipient, Optional<Instant>> lastPlanned) {
        Optional<Alert> eventAlert = e.alertId() == null ? Optional.empty() : alerts.stream().filter(a -> a.id().equals(e.alertId())).findFirst();
        Optional<Trigger> trigger = trigger(e, eventAlert);
        Alert subject = eventAlert.or(() -> alerts.stream().findFirst()).orElse(null);
        if (trigger.isEmpty() || subject == null) {
            return List.of();
        }
        Severity severity = alerts.stream().map(Alert::severity).max(Comparator.naturalOrder()).orElse(subject.severity());
        Map<String, Notification> out = new LinkedHashMap<>();
        for (RoutingConfig.Route route : routing.routes()) {
            if (!route.matches(trigger.get(), severity, subject.asn().regionCode())) {
                continue;
            }
            for (String receiver : route.receivers()) {
                for (Recipient r : routing.recipients(receiver, subject.asn())) {
                    if (out.containsKey(r.key())) {
                        continue;
                    }
                    Optional<Instant> last = lastPlanned.apply(c.id(), r);
                    if (last.isPresent() && now.isBefore(last.get().plus(route.repeatInterval()))) {
                        continue;
                    }
                    out.put(r.key(), Messages.notification(Notification.idFor(c.id(), e.eventId(), r), trigger.get(), route.name(), r, e, c,
                            subject, severity, publicUrl, now, route.groupWait(), route.repeatInterval()));
                }
            }
        }
        return new ArrayList<>(out.values());
    }
}
