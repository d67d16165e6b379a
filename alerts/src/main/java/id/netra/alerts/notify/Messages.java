package id.netra.alerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.netra.alerts.CaseFile;
import id.netra.alerts.Templates;
import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.Json;
import id.netra.model.Notification;
import id.netra.model.Notification.Recipient;
import id.netra.model.Regions;
import id.netra.model.Severity;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The wording of notifications (Indonesian; templates {@code mail/notification.jte} and {@code mail/digest.jte} in
 * {@code src/main/jte-text}, the HTML part {@code mail/digest.jte} in {@code src/main/jte}). Untrusted text (post text,
 * names, agency) goes through {@link Inert} when a notification is planned, so what is stored is plain text; the HTML
 * template escapes it again. The post's own HTML and links are never copied: a message links to the case page only.
 */
final class Messages {
    static final int MAX_QUOTE = 280;

    private Messages() {
    }

    /** A message's subject, plain text and HTML. */
    record Rendered(String subject, String text, String html) {
    }

    static Notification notification(String id, Trigger trigger, String route, Recipient recipient, AlertEvent e, CaseFile c, Alert a,
                                     Severity severity, URI publicUrl, Instant now, Duration groupWait, Duration repeatInterval) {
        String name = Inert.line(a.asn().name(), 120);
        String url = caseUrl(publicUrl, c.id());
        String region = Regions.bundled().name(a.asn().regionCode()).map(n -> Inert.line(n, 80) + " (" + a.asn().regionCode() + ")")
                .orElse(Inert.line(a.asn().regionCode(), 20));
        String candidates = a.candidates().stream()
                .map(m -> Inert.line(m.names().isEmpty() ? m.candidateId() : String.join(" / ", m.names()), 120) + " (no. " + m.number() + ")")
                .collect(Collectors.joining(", "));
        String subject = switch (trigger) {
            case CONFIRMED -> "[Netra] Kasus " + c.id() + " dikonfirmasi: " + name + " (" + label(severity) + ")";
            case NEW_HIGH_ALERT -> "[Netra] Peringatan TINGGI baru, kasus " + c.id() + ": " + name;
        };
        Map<String, Object> params = new HashMap<>();
        params.put("confirmed", trigger == Trigger.CONFIRMED);
        params.put("caseId", c.id());
        params.put("actor", Inert.line(e.actor(), 60));
        params.put("severity", label(severity));
        params.put("name", name);
        params.put("nip", maskNip(a.nip()));
        params.put("agency", Inert.line(a.asn().agency(), 120));
        params.put("unit", a.asn().unit() == null || a.asn().unit().isBlank() ? null : Inert.line(a.asn().unit(), 120));
        params.put("region", region);
        params.put("candidates", candidates);
        params.put("violation", a.violation() == null ? null
                : Inert.line(a.violation().skb() != null ? a.violation().skb() : a.violation().form(), 200));
        params.put("legalBasis", a.violation() == null || a.violation().legalBasis().isEmpty() ? null
                : Inert.line(String.join("; ", a.violation().legalBasis()), 300));
        params.put("quote", Inert.line(a.post().text(), MAX_QUOTE));
        params.put("url", url);
        String text = Templates.text("mail/notification.jte", params);

        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("caseId", c.id());
        facts.put("trigger", trigger.id());
        facts.put("severity", severity.name());
        facts.put("nip", a.nip());
        facts.put("name", name);
        facts.put("region", a.asn().regionCode());
        facts.put("candidates", a.candidates().stream().map(Alert.CandidateMatch::candidateId).collect(Collectors.joining(",")));
        facts.put("alertId", a.id());
        facts.put("caseUrl", url);
        if (trigger == Trigger.CONFIRMED) {
            facts.put("confirmedBy", Inert.line(e.actor(), 60));
        }
        return new Notification(id, c.id(), e.eventId(), trigger.id(), route, recipient, Inert.line(subject, 250), text.toString(), facts, now,
                groupWait, repeatInterval);
    }

    /** The e-mail for a digest: one notification as it is, several as a list under one subject. */
    static Rendered render(Digest d) {
        List<Notification> ns = d.members();
        String subject = ns.size() == 1 ? ns.getFirst().subject()
                : "[Netra] " + ns.size() + " pemberitahuan kasus: " + ns.stream().map(Notification::caseId).distinct().collect(Collectors.joining(", "));
        String text = Templates.text("mail/digest.jte", Map.of("members", ns, "deliveryId", d.id()));
        String html = Templates.html("mail/digest.jte", Map.of("subject", subject, "members", ns, "deliveryId", d.id()));
        return new Rendered(subject, text, html);
    }

    /**
     * The JSON body of a webhook call: the delivery id, when it was sent, and each notification's facts and text; the
     * NIP in the facts masked unless {@code wholeNip} (the text shows it masked always).
     */
    static String webhookBody(Digest d, Instant sentAt, boolean wholeNip) {
        List<Map<String, Object>> items = d.members().stream().map(n -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("caseId", n.caseId());
            m.put("trigger", n.trigger());
            m.put("subject", n.subject());
            m.put("text", n.text());
            Map<String, String> facts = new LinkedHashMap<>(n.facts());
            if (!wholeNip && facts.containsKey("nip")) {
                facts.put("nip", maskNip(facts.get("nip")));
            }
            m.put("facts", facts);
            return m;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", d.id());
        body.put("attempt", d.attempt());
        body.put("sentAt", sentAt.toString());
        body.put("notifications", items);
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the webhook body of " + d.id(), e);
        }
    }

    static String caseUrl(URI publicUrl, String caseId) {
        String base = publicUrl.toString().replaceAll("/+$", "");
        return base + "/kasus/" + URLEncoder.encode(caseId, StandardCharsets.UTF_8);
    }

    static String label(Severity s) {
        return switch (s) {
            case HIGH -> "TINGGI";
            case MEDIUM -> "SEDANG";
            case LOW -> "RENDAH";
        };
    }

    /** The birth date and the last two digits, as the case lists show NIPs. */
    static String maskNip(String nip) {
        return nip == null || nip.length() != 18 ? "••••" : nip.substring(0, 8) + "********" + nip.substring(16);
    }
}
