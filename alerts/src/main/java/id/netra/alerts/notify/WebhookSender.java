package id.netra.alerts.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends digests to webhooks: a JSON POST signed with the receiver's secret. Headers: {@code X-Netra-Delivery} (the
 * digest id, the same on every attempt: receivers drop ids they have seen), {@code X-Netra-Timestamp} (epoch
 * seconds, also in the body as {@code sentAt}) and {@code X-Netra-Signature: sha256=<hex HMAC-SHA256 of the body>}.
 * A 2xx answer is delivery; anything else, or no answer, is a failed attempt. NIPs in the payload are masked unless the
 * webhook says {@code nip: full}.
 */
final class WebhookSender implements Sender {
    static final String DELIVERY = "X-Netra-Delivery";
    static final String SIGNATURE = "X-Netra-Signature";
    static final String TIMESTAMP = "X-Netra-Timestamp";

    private final Function<String, Optional<RoutingConfig.Webhook>> webhooks;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** @param webhooks the webhook of a URL, from the routing file: its secret (never written to a topic) and payload */
    WebhookSender(Function<String, Optional<RoutingConfig.Webhook>> webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public void send(Digest d) throws Exception {
        String url = d.recipient().address();
        RoutingConfig.Webhook hook = webhooks.apply(url).orElseThrow(() -> new IllegalStateException(
                "the routing file has no webhook " + url + " any more, so no secret to sign with"));
        String secret = hook.secret();
        java.time.Instant now = clock.instant();
        String body = Messages.webhookBody(d, now, hook.wholeNip());
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8")
                .header(DELIVERY, d.id())
                .header(TIMESTAMP, Long.toString(now.getEpochSecond()))
                .header(SIGNATURE, sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("webhook " + url + " answered HTTP " + r.statusCode());
        }
    }
}
