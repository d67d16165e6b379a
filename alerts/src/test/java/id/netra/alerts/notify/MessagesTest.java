package id.netra.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.Notification;
import id.netra.model.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private static final Instant NOW = Instant.parse("2024-11-01T04:00:00Z");

    private static Notification confirmed(String caseId, Alert a) {
        AlertEvent e = new AlertEvent("e-" + caseId, caseId, AlertEvent.Type.CONFIRMED, "ani\r\nBcc: x@evil.example", NOW, null, null, null);
        return new Planner(RoutingConfig.defaults(Map.of(), false), URI.create("http://localhost:8080"))
                .plan(e, NotifyFixtures.caseOf(caseId, a), List.of(a), NOW, (c, r) -> Optional.empty()).getFirst();
    }

    @Test
    void rendersPostTextAndNamesInertInTextAndHtml() {
        Alert a = NotifyFixtures.alert("1", NotifyFixtures.asn("198501012010011001", "Rudi <img src=x onerror=alert(1)>\nBcc: a@b.c", "18.72",
                "sutomo@example.go.id"), Severity.HIGH, NotifyFixtures.XSS_TEXT);
        Notification n = confirmed("NTR-2024-000001", a);

        Messages.Rendered m = Messages.render(new Digest(n.id(), n.recipient(), List.of(n), 1));

        assertThat(m.subject()).doesNotContain("\n").doesNotContain("\r").contains("Rudi <img src=x onerror=alert(1)> Bcc: a@b.c");
        assertThat(m.text()).contains("<script>alert('x')</script>").doesNotContain("\u202E").contains("dikonfirmasi oleh analis Bawaslu (ani Bcc: x@evil.example)");
        assertThat(m.html()).doesNotContain("<script>").doesNotContain("<img").doesNotContain("<b>Bagus")
                .contains("&lt;script&gt;alert('x')&lt;/script&gt;").contains("Bagus &lt;Wirawan&gt;")
                .contains("<a href=\"http://localhost:8080/kasus/NTR-2024-000001\">");
        assertThat(m.text()).doesNotContain("https://x.com/");
    }

    @Test
    void aDigestListsEveryCaseUnderOneSubject() {
        Notification one = confirmed("NTR-2024-000001", NotifyFixtures.alert("1", NotifyFixtures.RUDI, Severity.HIGH, "a"));
        Notification two = confirmed("NTR-2024-000002", NotifyFixtures.alert("2", NotifyFixtures.RUDI, Severity.HIGH, "b"));

        Messages.Rendered m = Messages.render(new Digest(Digest.idOf(List.of(one, two)), one.recipient(), List.of(one, two), 1));

        assertThat(m.subject()).isEqualTo("[Netra] 2 pemberitahuan kasus: NTR-2024-000001, NTR-2024-000002");
        assertThat(m.text()).contains("== [Netra] Kasus NTR-2024-000001").contains("== [Netra] Kasus NTR-2024-000002");
    }

    @Test
    void signsWebhookBodiesWithHmacSha256() {
        // RFC 4231 test case 2
        assertThat(WebhookSender.sign("Jefe", "what do ya want for nothing?"))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
