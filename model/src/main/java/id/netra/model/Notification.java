package id.netra.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A message about a case to one recipient, as planned by the alerts service from a case event and the routing
 * file. Carried by the {@code notifications} outbox topic in its {@link NotificationEvent#planned planned} event, so
 * it can be sent after a restart without the case at hand. Subject, text and facts were rendered inert when the
 * notification was planned (plain text, no control characters).
 *
 * @param id             deterministic: {@link #idFor} of case, case event and recipient, so planning the same event
 *                       again gives the same notification
 * @param eventId        the case event ({@link AlertEvent#eventId()}) that caused it
 * @param trigger        what caused it: {@code confirmed} or {@code new-high-alert}
 * @param route          the name of the route that chose the recipient
 * @param facts          structured fields for webhooks (case id, severity, NIP, region, alert ids...)
 * @param groupWait      how long to wait for more notifications to the same recipient before sending
 * @param repeatInterval the least time between two messages to the same recipient
 */
public record Notification(String id, String caseId, String eventId, String trigger, String route, Recipient recipient,
                           String subject, String text, Map<String, String> facts, Instant plannedAt, Duration groupWait,
                           Duration repeatInterval) {

    /** How a recipient is reached. */
    public enum Channel {
        EMAIL, WEBHOOK;

        @JsonValue
        public String id() {
            return EnumIds.id(this);
        }

        @JsonCreator
        public static Channel of(String id) {
            return EnumIds.of(Channel.class, id, "channel");
        }
    }

    /**
     * Who gets a notification.
     *
     * @param address an e-mail address, or the webhook's URL
     */
    public record Recipient(Channel channel, String address) {
        public Recipient {
            Validate.notNull(channel, "recipient channel");
            Validate.notBlank(address, "recipient address");
        }

        /** One string per recipient, for grouping and for ids. */
        public String key() {
            return channel.id() + ":" + address;
        }
    }

    public Notification {
        Validate.notBlank(id, "notification id");
        Validate.notBlank(caseId, "caseId");
        Validate.notBlank(eventId, "eventId");
        Validate.notBlank(trigger, "trigger");
        Validate.notBlank(route, "route");
        Validate.notNull(recipient, "recipient");
        Validate.notBlank(subject, "subject");
        Validate.notNull(text, "text");
        Validate.notNull(plannedAt, "plannedAt");
        facts = facts == null ? Map.of() : Map.copyOf(facts);
        groupWait = groupWait == null ? Duration.ZERO : groupWait;
        repeatInterval = repeatInterval == null ? Duration.ZERO : repeatInterval;
        Validate.isTrue(!groupWait.isNegative() && !repeatInterval.isNegative(), "groupWait and repeatInterval must not be negative");
    }

    /** The id of the notification of {@code recipient} about case event {@code eventId} of {@code caseId}. */
    public static String idFor(String caseId, String eventId, Recipient recipient) {
        return "n-" + Alert.sha256Hex(caseId + "\n" + eventId + "\n" + recipient.key()).substring(0, 32);
    }

    /** When it may be sent at the earliest. */
    public Instant notBefore() {
        return plannedAt.plus(groupWait);
    }
}
