package id.netra.alerts;

import id.netra.model.Alert;
import java.util.List;

/**
 * One case whole, for pages and documents about it: its file (status, assignee, every event in order) and its alerts
 * in the case's order.
 */
public record CaseDetail(CaseFile file, List<Alert> alerts) {
    public CaseDetail {
        alerts = List.copyOf(alerts);
    }
}
