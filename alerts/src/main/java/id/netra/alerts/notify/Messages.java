package id.netra.alerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.netra.alerts.CaseFile;
import id.netra.alerts.Html;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The wording of notifications (Indonesian). Untrusted text (post text, names, agency) goes through {@link Inert}
 * when a notification is planned, so what is stored is plain text; the HTML part escapes it again with
 * {@link Html#escape}. The post's own HTML and links are never copied: a message links to the case page only.
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
        StringBuilder text = new StringBuilder();
        text.append(switch (trigger) {
            case CONFIRMED -> "Kasus " + c.id() + " telah dikonfirmasi oleh analis Bawaslu (" + Inert.line(e.actor(), 60) + ").";
            case NEW_HIGH_ALERT -> "Peringatan baru dengan tingkat TINGGI pada kasus " + c.id() + ".";
        }).append("\n\n");
        text.append("Tingkat: ").append(label(severity)).append('\n');
        text.append("ASN: ").append(name).append(", NIP ").append(maskNip(a.nip())).append('\n');
        text.append("Instansi: ").append(Inert.line(a.asn().agency(), 120));
        if (a.asn().unit() != null && !a.asn().unit().isBlank()) {
            text.append(" - ").append(Inert.line(a.asn().unit(), 120));
        }
        text.append('\n').append("Wilayah: ").append(region).append('\n');
        if (!candidates.isEmpty()) {
            text.append("Calon: ").append(candidates).append('\n');
        }
        if (a.violation() != null) {
            text.append("Bentuk pelanggaran (SKB): ").append(Inert.line(a.violation().skb() != null ? a.violation().skb() : a.violation().form(), 200))
                    .append('\n');
            if (!a.violation().legalBasis().isEmpty()) {
                text.append("Dasar hukum: ").append(Inert.line(String.join("; ", a.violation().legalBasis()), 300)).append('\n');
            }
        }
        text.append("Kutipan unggahan (teks apa adanya): \"").append(Inert.line(a.post().text(), MAX_QUOTE)).append("\"\n\n");
        text.append("Buka kasus: ").append(url).append('\n');

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
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(subject)).append("</title></head><body>");
        if (ns.size() > 1) {
            text.append("Ringkasan ").append(ns.size()).append(" pemberitahuan dari Netra.\n\n");
            html.append("<p>Ringkasan ").append(ns.size()).append(" pemberitahuan dari Netra.</p>");
        }
        for (Notification n : ns) {
            if (ns.size() > 1) {
                text.append("== ").append(n.subject()).append(" ==\n");
                html.append("<h2>").append(Html.escape(n.subject())).append("</h2>");
            }
            text.append(n.text()).append('\n');
            html.append("<pre style=\"white-space:pre-wrap;font-family:sans-serif\">").append(Html.escape(n.text())).append("</pre>");
            String href = Html.safeHref(URI.create(n.facts().getOrDefault("caseUrl", "")));
            if (href != null) {
                html.append("<p><a href=\"").append(href).append("\">Buka kasus ").append(Html.escape(n.caseId())).append("</a></p>");
            }
        }
        text.append("--\nPesan otomatis Netra untuk Bawaslu. Id pengiriman: ").append(d.id()).append('\n');
        html.append("<hr><p style=\"color:#666\">Pesan otomatis Netra untuk Bawaslu. Id pengiriman: ").append(Html.escape(d.id()))
                .append("</p></body></html>");
        return new Rendered(subject, text.toString(), html.toString());
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
