package id.netra.alerts;

import id.netra.alerts.auth.Session;
import id.netra.model.Alert;
import id.netra.model.Severity;
import java.util.List;
import java.util.Map;

/**
 * The feed as one HTML page (template {@code feed.jte}, Indonesian labels). When {@code /api/live} says new alerts
 * came, the page says how many and offers to reload (it does not reload itself: that would move a reader's place and
 * cut a screen reader short). A list, so NIPs are masked; the case page shows them whole.
 */
final class FeedPage {
    private FeedPage() {
    }

    static String render(List<Alert> alerts, Severity minSeverity, long total, Session viewer) {
        return Templates.html("feed.jte", Map.of("alerts", alerts, "minSeverity", minSeverity, "total", total, "viewer", viewer));
    }
}
