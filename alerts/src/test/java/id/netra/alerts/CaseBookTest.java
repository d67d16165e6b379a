package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.AlertEvent.Type;
import id.netra.model.AsnRecord;
import id.netra.model.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CaseBookTest {
    private static final Instant NOW = Instant.parse("2024-11-13T02:00:00Z");
    private final Map<String, Alert> alerts = new HashMap<>();
    private final CaseBook book = new CaseBook(id -> Optional.ofNullable(alerts.get(id)));

    private AlertEvent placeAndApply(Alert a) {
        alerts.put(a.id(), a);
        AlertEvent e = book.place(a, NOW).orElseThrow().event();
        book.apply(e);
        return e;
    }

    private static Alert alert(String postId, String text) {
        return alert(postId, text, TestAlerts.ASN);
    }

    private static Alert alert(String postId, String text, AsnRecord asn) {
        return TestAlerts.alert(postId, "2024-11-12T19:05:00+07:00", Severity.HIGH, text, URI.create("https://x.com/rudi_h/status/" + postId),
                asn, List.of());
    }

    @Test
    void givesCasesReadableIdsNumberedPerYear() {
        AlertEvent first = placeAndApply(alert("1", "Ayo coblos nomor 3 untuk Lestari maju!"));
        AlertEvent second = placeAndApply(alert("2", "Debat tadi malam luar biasa, pilih yang jujur"));

        assertThat(first.type()).isEqualTo(Type.OPENED);
        assertThat(first.caseId()).isEqualTo("NTR-2024-000001");
        assertThat(second.caseId()).isEqualTo("NTR-2024-000002");
    }

    @Test
    void theSameAlertDeliveredTwiceIsOneCase() {
        Alert a = alert("1", "Ayo coblos nomor 3!");
        placeAndApply(a);

        assertThat(book.place(a, NOW)).isEmpty();
        assertThat(book.size()).isEqualTo(1);
    }

    @Test
    void groupsARepostAndAShareWithWordsAddedIntoTheCaseOfTheOriginal() {
        AlertEvent original = placeAndApply(alert("1", "Ayo coblos nomor 3, Lestari maju bersama! #LestariMaju"));
        AlertEvent repost = placeAndApply(alert("2", "RT @rudi_h: Ayo coblos nomor 3, Lestari maju bersama! #LestariMaju https://t.co/x"));
        AlertEvent share = placeAndApply(alert("3", "Setuju sekali!! Ayo coblos nomor 3, Lestari maju bersama 🔥 #LestariMaju"));

        assertThat(repost.type()).isEqualTo(Type.ALERT_ADDED);
        assertThat(repost.caseId()).isEqualTo(original.caseId());
        assertThat(share.caseId()).isEqualTo(original.caseId());
        assertThat(book.get(original.caseId()).orElseThrow().alertIds()).hasSize(3);
    }

    @Test
    void keepsDifferentMessagesAndOtherPeopleInCasesOfTheirOwn() {
        AsnRecord other = new AsnRecord("199001012015012002", "Sari Dewi", "Pemerintah Kota Lestari", "Dinas Kesehatan", "Bidan", "99.01",
                null, null, List.of());
        AlertEvent a = placeAndApply(alert("1", "Ayo coblos nomor 3, Lestari maju bersama!"));
        AlertEvent b = placeAndApply(alert("2", "Besok kampanye akbar paslon 3 di lapangan kota, datang ya"));
        AlertEvent c = placeAndApply(alert("3", "Ayo coblos nomor 3, Lestari maju bersama!", other));

        assertThat(List.of(a.caseId(), b.caseId(), c.caseId())).doesNotHaveDuplicates();
    }

    @Test
    void derivesTheStatusFromTheEventsAndIgnoresAReplayedEvent() {
        String caseId = placeAndApply(alert("1", "Ayo coblos nomor 3!")).caseId();
        AlertEvent assign = CaseBook.event(caseId, Type.ASSIGNED, "ana", NOW, null, "budi", null);
        book.apply(assign);
        book.apply(CaseBook.event(caseId, Type.CONFIRMED, "budi", NOW, null, null, null));
        book.apply(assign);

        CaseFile c = book.get(caseId).orElseThrow();
        assertThat(c.status()).isEqualTo(CaseFile.Status.CONFIRMED);
        assertThat(c.assignee()).isEqualTo("budi");
        assertThat(c.history()).extracting(AlertEvent::type).containsExactly(Type.OPENED, Type.ASSIGNED, Type.CONFIRMED);
    }

    @Test
    void refusesActionsThatDoNotFitTheCasesStatus() {
        String caseId = placeAndApply(alert("1", "Ayo coblos nomor 3!")).caseId();

        assertThat(book.check(caseId, Type.REOPENED)).contains("is not closed");
        book.apply(CaseBook.event(caseId, Type.DISMISSED, "ana", NOW, null, null, "kutipan berita, bukan dukungan"));
        assertThat(book.check(caseId, Type.CONFIRMED)).contains("reopen it first");
        assertThat(book.check(caseId, Type.REOPENED)).isNull();
        assertThat(book.check("NTR-2024-999999", Type.COMMENTED)).contains("no case");
    }

    @Test
    void continuesTheNumberingAfterARestartFromTheEvents() {
        AlertEvent first = placeAndApply(alert("1", "Ayo coblos nomor 3!"));
        CaseBook restarted = new CaseBook(id -> Optional.ofNullable(alerts.get(id)));
        restarted.apply(first);

        Alert next = alert("2", "Kampanye akbar paslon 3 besok pagi di alun-alun");
        alerts.put(next.id(), next);
        assertThat(restarted.place(next, NOW).orElseThrow().event().caseId()).isEqualTo("NTR-2024-000002");
    }

    @Test
    void groupsWithACaseWhoseEventsWereReadBeforeItsAlerts() {
        AlertEvent opened = placeAndApply(alert("1", "Ayo coblos nomor 3, Lestari maju bersama!"));
        Map<String, Alert> loadedLater = new HashMap<>();
        CaseBook restarted = new CaseBook(id -> Optional.ofNullable(loadedLater.get(id)));
        restarted.apply(opened);
        loadedLater.putAll(alerts);

        Alert repost = alert("2", "RT: Ayo coblos nomor 3, Lestari maju bersama!");
        loadedLater.put(repost.id(), repost);

        assertThat(restarted.place(repost, NOW).orElseThrow().event().caseId()).isEqualTo(opened.caseId());
    }

    @Test
    void findsThePersonsCasesByNipOldestFirstAndNoOneElses() {
        AsnRecord other = new AsnRecord("197903152005012002", "Sri Wahyuni", "Pemerintah Kota Metro", "Dinas Kesehatan", "Perawat",
                "18.72", null, null, List.of());
        String first = placeAndApply(alert("1", "Ayo coblos nomor 3 untuk Lestari maju!")).caseId();
        placeAndApply(alert("2", "Coblos nomor 3 ya", other));
        String second = placeAndApply(alert("3", "Debat tadi malam luar biasa, pilih yang jujur")).caseId();

        assertThat(book.casesOfNip(TestAlerts.ASN.nip())).extracting(CaseFile::id).containsExactly(first, second);
        assertThat(book.casesOfNip("199901012020011001")).isEmpty();
    }

    @Test
    void allowsADossierForAConfirmedCaseOnly() {
        String caseId = placeAndApply(alert("1", "Ayo coblos nomor 3!")).caseId();

        assertThat(book.check(caseId, Type.DOSSIER_ISSUED)).contains("confirmed case only");
        book.apply(CaseBook.event(caseId, Type.CONFIRMED, "ani", NOW, null, null, null));
        assertThat(book.check(caseId, Type.DOSSIER_ISSUED)).isNull();
        book.apply(new AlertEvent("d1", caseId, Type.DOSSIER_ISSUED, "ani", NOW, null, null, null, "a".repeat(64)));
        assertThat(book.get(caseId).orElseThrow().status()).isEqualTo(CaseFile.Status.CONFIRMED);
        assertThat(book.get(caseId).orElseThrow().history()).extracting(AlertEvent::type).endsWith(Type.DOSSIER_ISSUED);
    }
}
