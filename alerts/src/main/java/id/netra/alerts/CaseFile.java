package id.netra.alerts;

import id.netra.model.AlertEvent;
import java.time.Instant;
import java.util.List;

/**
 * A case as its events made it: one person, one candidate (or party), one message, possibly posted or shared several
 * times (several alerts). Immutable; {@link CaseBook} replaces it at each event.
 *
 * @param groupKey the person and the candidate the case is about ({@code nip|candidate})
 * @param alertIds the alerts of the case, first one first
 * @param history  every event of the case in order
 */
public record CaseFile(String id, String groupKey, Status status, String assignee, List<String> alertIds, List<AlertEvent> history,
                       Instant openedAt, Instant updatedAt) {

    /** Where a case stands. */
    public enum Status {
        OPEN, ASSIGNED, ESCALATED, CONFIRMED, DISMISSED;

        /** Confirmed and dismissed cases are closed until reopened. */
        public boolean closed() {
            return this == CONFIRMED || this == DISMISSED;
        }
    }

    public CaseFile {
        alertIds = List.copyOf(alertIds);
        history = List.copyOf(history);
    }
}
