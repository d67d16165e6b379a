package id.netra.alerts.notify;

import id.netra.alerts.CaseFile;
import id.netra.model.Account;
import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.AsnRecord;
import id.netra.model.Author;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.Severity;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Fictional ASN, alerts and cases for the notification tests (region 18.72 is Kota Metro, Lampung). */
final class NotifyFixtures {
    static final AsnRecord RUDI = asn("198501012010011001", "Rudi Hartono", "18.72", "sutomo@example.go.id");
    static final AsnRecord SARI = asn("199002022015022002", "Sari Wulandari", "18.72", "wati@example.go.id");
    static final String XSS_TEXT = "Ayo coblos nomor 3! <script>alert('x')</script> <b>Bagus</b> & \u202Ekarya\u202C";

    private NotifyFixtures() {
    }

    static AsnRecord asn(String nip, String name, String region, String supervisorEmail) {
        return new AsnRecord(nip, name, "Pemerintah Kota Metro", "Dinas Pendidikan", "Guru", region, "Drs. Sutomo", supervisorEmail,
                List.of(Account.parse("x:" + nip.substring(0, 6))));
    }

    static Alert alert(String postId, AsnRecord asn, Severity severity, String text) {
        Post post = new Post(Platform.X, postId, URI.create("https://x.com/u/status/" + postId), new Author("u" + postId, asn.name()), text,
                OffsetDateTime.parse("2024-11-01T10:00:00+07:00"), PostKind.POST);
        return new Alert(Alert.idFor(post.key(), "w1", "r1"), Platform.X, postId, asn.nip(), severity, "call-to-vote",
                "Ajakan mencoblos nomor 3.", new Alert.Violation("Ajakan memilih pasangan calon melalui media sosial",
                        "Kampanye di media sosial", List.of("PP 94/2021 Pasal 5 huruf n")), post, asn,
                List.of(new Alert.CandidateMatch("pilwalkot-metro", "metro-03", 3, List.of("Bagus <Wirawan>"), "18.72", true)),
                List.of(), List.of(), "w1", "r1", "cues-v2");
    }

    static CaseFile caseOf(String caseId, Alert... alerts) {
        return new CaseFile(caseId, null, CaseFile.Status.OPEN, null, java.util.Arrays.stream(alerts).map(Alert::id).toList(), List.of(),
                Instant.parse("2024-11-01T03:00:00Z"), Instant.parse("2024-11-01T03:00:00Z"));
    }

    static AlertEvent event(String eventId, String caseId, AlertEvent.Type type, String alertId, Instant at) {
        return new AlertEvent(eventId, caseId, type, type == AlertEvent.Type.OPENED || type == AlertEvent.Type.ALERT_ADDED ? "system" : "ani",
                at, alertId, null, null);
    }
}
