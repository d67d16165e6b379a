package id.netra.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * What happened to one notification: the outbox of the alerts service. Value of the {@code notifications} topic, keyed
 * by notification id, so a notification's events stay in order; the state of every notification (waiting, being
 * sent, delivered) is derived from these events alone and survives restarts.
 *
 * @param notification the notification ({@link Type#PLANNED}, {@link Type#SUPPRESSED})
 * @param digestId     the message it is sent in ({@link Type#SENDING}, {@link Type#DELIVERED}): its own id, or the id of
 *                     a digest of several notifications to one recipient; e-mails carry it in their Message-ID and
 *                     webhook calls in their X-Netra-Delivery header
 * @param attempt      the attempt, from 1 ({@link Type#SENDING}, {@link Type#ATTEMPT_FAILED}, {@link Type#DELIVERED})
 * @param reason       why an attempt failed, or the silence that suppressed the notification
 * @param nextAttemptAt when to try again ({@link Type#ATTEMPT_FAILED})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationEvent(String notificationId, Type type, Instant at, Notification notification, String digestId,
                                int attempt, String reason, Instant nextAttemptAt) {

    /** What happened. */
    public enum Type {
        /** To be sent. */
        PLANNED,
        /** Not to be sent: a silence applies (the notification is kept for the audit). */
        SUPPRESSED,
        /** Handed to its channel now; a crash before the outcome leaves it sending, and it is sent again. */
        SENDING,
        /** The channel refused or could not be reached; tried again at {@code nextAttemptAt}. */
        ATTEMPT_FAILED,
        /** The channel accepted it. */
        DELIVERED;

        @JsonValue
        public String id() {
            return EnumIds.id(this);
        }

        @JsonCreator
        public static Type of(String id) {
            return EnumIds.of(Type.class, id, "notification event type");
        }
    }

    public NotificationEvent {
        Validate.notBlank(notificationId, "notificationId");
        Validate.notNull(type, "type");
        Validate.notNull(at, "at");
        switch (type) {
            case PLANNED, SUPPRESSED -> {
                Validate.notNull(notification, type.id() + ": notification");
                Validate.isTrue(notification.id().equals(notificationId), type.id() + ": notification id differs from the event's");
                if (type == Type.SUPPRESSED) {
                    Validate.notBlank(reason, "suppressed: reason");
                }
            }
            case SENDING, DELIVERED -> {
                Validate.notBlank(digestId, type.id() + ": digestId");
                Validate.isTrue(attempt >= 1, type.id() + ": attempt must be at least 1");
            }
            case ATTEMPT_FAILED -> {
                Validate.notBlank(reason, "attempt-failed: reason");
                Validate.notNull(nextAttemptAt, "attempt-failed: nextAttemptAt");
                Validate.isTrue(attempt >= 1, "attempt-failed: attempt must be at least 1");
            }
        }
    }

    public static NotificationEvent planned(Notification n, Instant at) {
        return new NotificationEvent(n.id(), Type.PLANNED, at, n, null, 0, null, null);
    }

    public static NotificationEvent suppressed(Notification n, Instant at, String reason) {
        return new NotificationEvent(n.id(), Type.SUPPRESSED, at, n, null, 0, reason, null);
    }

    public static NotificationEvent sending(String notificationId, Instant at, String digestId, int attempt) {
        return new NotificationEvent(notificationId, Type.SENDING, at, null, digestId, attempt, null, null);
    }

    public static NotificationEvent failed(String notificationId, Instant at, int attempt, String reason, Instant nextAttemptAt) {
        return new NotificationEvent(notificationId, Type.ATTEMPT_FAILED, at, null, null, attempt, reason, nextAttemptAt);
    }

    public static NotificationEvent delivered(String notificationId, Instant at, String digestId, int attempt) {
        return new NotificationEvent(notificationId, Type.DELIVERED, at, null, digestId, attempt, null, null);
    }
}
