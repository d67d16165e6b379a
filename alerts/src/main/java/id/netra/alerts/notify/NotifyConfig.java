package id.netra.alerts.notify;

import id.netra.model.NotificationEvent;
import id.netra.model.SilenceEvent;
import id.netra.model.Settings;
import id.netra.model.Topic;
import id.netra.model.Topics;
import id.netra.model.Validate;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Configuration of the notifications of the alerts service.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code alerts.routing}</td><td></td><td>the routing file (YAML, see {@code routing.example.yml}); absent:
 *       the default policy (supervisor told of confirmed cases, no region offices)</td></tr>
 *   <tr><td>{@code alerts.notify.supervisor-on-high}</td><td>{@code false}</td><td>default policy only: also tell the
 *       supervisor of each new HIGH alert</td></tr>
 *   <tr><td>{@code alerts.smtp.host}</td><td></td><td>SMTP server; notifications are off unless it or
 *       {@code alerts.routing} is set</td></tr>
 *   <tr><td>{@code alerts.smtp.port}</td><td>{@code 587}</td><td></td></tr>
 *   <tr><td>{@code alerts.smtp.from}</td><td>{@code netra@localhost}</td><td>sender address; its domain ends the Message-IDs</td></tr>
 *   <tr><td>{@code alerts.smtp.username}, {@code .password}</td><td></td><td>SMTP AUTH when set</td></tr>
 *   <tr><td>{@code alerts.smtp.starttls}</td><td>{@code true}</td><td>require STARTTLS</td></tr>
 *   <tr><td>{@code alerts.public-url}</td><td>{@code http://localhost:8080}</td><td>base of the case links in messages</td></tr>
 *   <tr><td>{@code alerts.notify.retry-initial}</td><td>{@code PT10S}</td><td>wait after a first failed attempt</td></tr>
 *   <tr><td>{@code alerts.notify.retry-max}</td><td>{@code PT15M}</td><td>longest wait between attempts</td></tr>
 *   <tr><td>{@code alerts.notify.catch-up}</td><td>{@code PT1H}</td><td>at start, case events this recent are planned
 *       again (known notifications are found by id), for those whose notification was not planned before a crash</td></tr>
 *   <tr><td>{@code alerts.notifications-topic}</td><td>{@code notifications}</td><td>the outbox</td></tr>
 *   <tr><td>{@code alerts.silences-topic}</td><td>{@code silences}</td><td>silences set and lifted</td></tr>
 * </table>
 *
 * @param smtp the SMTP server, or {@code null} when none is set (then routes to e-mail recipients are refused at start)
 */
public record NotifyConfig(RoutingConfig routing, Smtp smtp, URI publicUrl, Duration retryInitial, Duration retryMax, Duration catchUp,
                           Topic<String, NotificationEvent> notificationsTopic, Topic<String, SilenceEvent> silencesTopic) {

    /** How to reach the SMTP server. The password is kept out of {@link #toString()}. */
    public record Smtp(String host, int port, String from, String username, String password, boolean starttls) {
        public Smtp {
            Validate.notBlank(host, "alerts.smtp.host");
            Validate.isTrue(port > 0 && port <= 65535, "alerts.smtp.port must be between 1 and 65535, not " + port);
            Validate.isTrue(from != null && from.matches("[^@\\s<>]+@[^@\\s<>]+"), "alerts.smtp.from must be an e-mail address, not '" + from + "'");
        }

        /** The domain of the sender, for Message-IDs. */
        public String domain() {
            return from.substring(from.indexOf('@') + 1);
        }

        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + ", from " + from + (username == null ? "" : ", user " + username) + "]";
        }
    }

    public NotifyConfig {
        Validate.notNull(routing, "routing");
        Validate.notNull(publicUrl, "alerts.public-url");
        Validate.isTrue(retryInitial.isPositive() && !retryMax.minus(retryInitial).isNegative(),
                "alerts.notify.retry-initial must be positive and at most alerts.notify.retry-max");
        Validate.isTrue(catchUp != null && !catchUp.isNegative(), "alerts.notify.catch-up must not be negative");
        Validate.notNull(notificationsTopic, "notificationsTopic");
        Validate.notNull(silencesTopic, "silencesTopic");
    }

    /**
     * The notification settings, or {@code null} when notifications are off (neither {@code alerts.smtp.host} nor
     * {@code alerts.routing} set).
     *
     * @param env for {@code ${NAME}} in the routing file
     * @throws IllegalArgumentException naming the key, or the routing file's line, that is wrong
     */
    public static NotifyConfig from(Settings s, Map<String, String> env) {
        Path routingFile = s.path("alerts.routing", null);
        String host = s.string("alerts.smtp.host", null);
        if (routingFile == null && host == null) {
            return null;
        }
        RoutingConfig routing = routingFile != null ? RoutingConfig.read(routingFile, env)
                : RoutingConfig.defaults(Map.of(), bool(s, "alerts.notify.supervisor-on-high", false));
        Smtp smtp = host == null ? null : new Smtp(host, s.integer("alerts.smtp.port", 587), s.string("alerts.smtp.from", "netra@localhost"),
                s.string("alerts.smtp.username", null), s.string("alerts.smtp.password", null), bool(s, "alerts.smtp.starttls", true));
        URI publicUrl;
        try {
            publicUrl = URI.create(s.string("alerts.public-url", "http://localhost:8080"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Setting 'alerts.public-url' is not a URL: " + e.getMessage(), e);
        }
        NotifyConfig c = new NotifyConfig(routing, smtp, publicUrl, s.duration("alerts.notify.retry-initial", Duration.ofSeconds(10)),
                s.duration("alerts.notify.retry-max", Duration.ofMinutes(15)), s.duration("alerts.notify.catch-up", Duration.ofHours(1)),
                Topics.NOTIFICATIONS.withName(s.string("alerts.notifications-topic", Topics.NOTIFICATIONS.name())),
                Topics.SILENCES.withName(s.string("alerts.silences-topic", Topics.SILENCES.name())));
        c.check();
        return c;
    }

    /** @throws IllegalArgumentException when a route sends e-mail and no SMTP server is set */
    void check() {
        if (smtp == null && routing.sendsEmail()) {
            throw new IllegalArgumentException("Setting 'alerts.smtp.host' is required: the routing sends e-mail");
        }
    }

    /** The same settings with another routing. */
    public NotifyConfig withRouting(RoutingConfig r) {
        return new NotifyConfig(r, smtp, publicUrl, retryInitial, retryMax, catchUp, notificationsTopic, silencesTopic);
    }

    private static boolean bool(Settings s, String key, boolean otherwise) {
        String v = s.string(key, null);
        if (v == null) {
            return otherwise;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("Setting '" + key + "' must be true or false, not '" + v + "'");
        };
    }
}
