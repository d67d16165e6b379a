package id.netra.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Map;

/**
 * Who looked at or took what, when: value of the {@code audit-log} topic (one partition, so one order; kept without
 * limit), keyed by the user name. Analysts' actions on cases are on {@code alert-events}; this log has the rest an
 * auditor must be able to show: logins, case, alert and replay report views, exports, post addresses reported,
 * notifications sent, silences, ASN pages viewed and referral dossiers downloaded.
 *
 * @param id      unique id of the entry
 * @param at      when it happened
 * @param actor   the user name, or {@code system}
 * @param action  what happened
 * @param caseId  the case it is about, if one
 * @param address the client's address, if a request
 * @param details more about it (the filter of an export and how many cases it held, the reason of a failed login...)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AuditEntry(String id, Instant at, String actor, Action action, String caseId, String address,
                         Map<String, String> details) {

    /** What happened. */
    public enum Action {
        LOGIN, LOGIN_FAILED, LOGOUT, CASE_VIEWED, EXPORTED, NOTIFICATION_SENT, SILENCE_CREATED, SILENCE_EXPIRED,
        SILENCE_REMOVED, REPORT_VIEWED, ALERT_VIEWED, POST_REPORTED,
        /** One ASN's page (their cases, alerts and registry history); details name the NIP. */
        ASN_VIEWED,
        /** A confirmed case's referral dossier was downloaded; details give its SHA-256. */
        DOSSIER_DOWNLOADED;

        @JsonValue
        public String id() {
            return EnumIds.id(this);
        }

        @JsonCreator
        public static Action of(String id) {
            return EnumIds.of(Action.class, id, "audit action");
        }
    }

    public AuditEntry {
        Validate.notBlank(id, "id");
        Validate.notNull(at, "at");
        Validate.notBlank(actor, "actor");
        Validate.notNull(action, "action");
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
