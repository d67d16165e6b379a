package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Alert;
import id.netra.model.Severity;
import org.junit.jupiter.api.Test;

class AlertFeedTest {
    @Test
    void keepsOneEntryPerAlertId() {
        AlertFeed feed = new AlertFeed();
        Alert a = TestAlerts.alert("1", "2024-11-01T10:00:00+07:00", Severity.HIGH);

        feed.add(a);
        feed.add(a);

        assertThat(feed.size()).isEqualTo(1);
        assertThat(feed.list(Severity.LOW, 10)).containsExactly(a);
    }

    @Test
    void listsNewestFirstByPublicationTimeAcrossOffsets() {
        AlertFeed feed = new AlertFeed();
        Alert older = TestAlerts.alert("1", "2024-11-01T10:00:00+07:00", Severity.HIGH);
        Alert newerInUtc = TestAlerts.alert("2", "2024-11-01T03:30:00Z", Severity.HIGH);
        Alert newest = TestAlerts.alert("3", "2024-11-02T08:00:00+07:00", Severity.MEDIUM);

        feed.add(older);
        feed.add(newest);
        feed.add(newerInUtc);

        assertThat(feed.list(Severity.LOW, 10)).containsExactly(newest, newerInUtc, older);
    }

    @Test
    void filtersBySeverityAndLimits() {
        AlertFeed feed = new AlertFeed();
        feed.add(TestAlerts.alert("1", "2024-11-01T10:00:00+07:00", Severity.LOW));
        feed.add(TestAlerts.alert("2", "2024-11-01T11:00:00+07:00", Severity.MEDIUM));
        feed.add(TestAlerts.alert("3", "2024-11-01T12:00:00+07:00", Severity.HIGH));

        assertThat(feed.list(Severity.MEDIUM, 10)).extracting(Alert::postId).containsExactly("3", "2");
        assertThat(feed.list(Severity.LOW, 1)).extracting(Alert::postId).containsExactly("3");
        assertThat(feed.count(Severity.HIGH)).isEqualTo(1);
    }

    @Test
    void findsAPersonsAlertsOfEverySeverityByNipNewestFirst() {
        AlertFeed feed = new AlertFeed();
        Alert low = TestAlerts.alert("1", "2024-11-12T08:00:00+07:00", Severity.LOW);
        Alert high = TestAlerts.alert("2", "2024-11-12T09:00:00+07:00", Severity.HIGH);
        feed.add(low);
        feed.add(high);
        feed.add(high);

        assertThat(feed.alertsOfNip(TestAlerts.ASN.nip())).containsExactly(high, low);
        assertThat(feed.alertsOfNip("199901012020011001")).isEmpty();
    }
}
