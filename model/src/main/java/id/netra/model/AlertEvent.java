package id.netra.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * Something that happened to a case: the alerts service opening it or adding an alert to it, or an analyst's action.
 * Value of the {@code alert-events} topic, keyed by case id; the current state of every case is derived from these
 * events alone, so it survives restarts and can be audited action by action.
 *
 * @param eventId  unique id of the event (a replayed event with a known id is ignored)
 * @param caseId   the case, e.g. {@code NTR-2024-000123}
 * @param actor    the user name of the analyst, or {@code system}
 * @param alertId  the alert opened with or added ({@link Type#OPENED}, {@link Type#ALERT_ADDED})
 * @param assignee who the case is assigned to ({@link Type#ASSIGNED})
 * @param reason   why: required to dismiss, escalate or reopen; free text of a comment
 * @param sha256   the SHA-256 (hex) of the referral dossier issued ({@link Type#DOSSIER_ISSUED}); absent otherwise, and in
 *                 every event written before dossiers existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertEvent(String eventId, String caseId, Type type, String actor, Instant at, String alertId, String assignee,
                         String reason, String sha256) {

    /** What happened. */
    public enum Type {
        OPENED, ALERT_ADDED, ASSIGNED, CONFIRMED, DISMISSED, ESCALATED, COMMENTED, REOPENED,
        /** The referral dossier of a confirmed case was generated and handed to an analyst; {@code sha256} is its hash. */
        DOSSIER_ISSUED;

        @JsonValue
        public String id() {
            return EnumIds.id(this);
        }

        /** Whether an event of this type names whom the case is given to. */
        public boolean needsAssignee() {
            return this == ASSIGNED;
        }

        /** Whether an event of this type must say why (a dismissal, an escalation, a reopening, a comment). */
        public boolean needsReason() {
            return this == DISMISSED || this == ESCALATED || this == REOPENED || this == COMMENTED;
        }

        @JsonCreator
        public static Type of(String id) {
            return EnumIds.of(Type.class, id, "case event type");
        }
    }

    public AlertEvent {
        Validate.notBlank(eventId, "eventId");
        Validate.notBlank(caseId, "caseId");
        Validate.notNull(type, "type");
        Validate.notBlank(actor, "actor");
        Validate.notNull(at, "at");
        if (type == Type.OPENED || type == Type.ALERT_ADDED) {
            Validate.notBlank(alertId, type.id() + ": alertId");
        }
        if (type.needsAssignee()) {
            Validate.notBlank(assignee, type.id() + ": assignee");
        }
        if (type.needsReason()) {
            Validate.notBlank(reason, type.id() + ": a reason");
        }
        if (type == Type.DOSSIER_ISSUED) {
            Validate.isTrue(sha256 != null && sha256.matches("[0-9a-f]{64}"), "dossier-issued: sha256 must be 64 lowercase hex digits");
        } else {
            Validate.isTrue(sha256 == null, type.id() + ": only dossier-issued carries a sha256");
        }
    }

    /** An event without a document hash (every type but {@link Type#DOSSIER_ISSUED}). */
    public AlertEvent(String eventId, String caseId, Type type, String actor, Instant at, String alertId, String assignee, String reason) {
        this(eventId, caseId, type, actor, at, alertId, assignee, reason, null);
    }
}
