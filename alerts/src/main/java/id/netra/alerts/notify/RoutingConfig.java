package id.netra.alerts.notify;

import id.netra.model.AsnRecord;
import id.netra.model.Notification.Channel;
import id.netra.model.Notification.Recipient;
import id.netra.model.Regions;
import id.netra.model.Severity;
import id.netra.model.Validate;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is notified about what, read from a routing file (see {@link RoutingFile}) or the {@link #defaults default
 * policy}: routes match a case event by trigger, severity and region, and name receivers; each route says how long
 * to wait for more notifications to the same recipient ({@code groupWait}) and the least time between two messages
 * to one recipient ({@code repeatInterval}).
 */
public record RoutingConfig(Map<String, Receiver> receivers, List<Route> routes) {
    /** The built-in receiver: the supervisor of the ASN, from the registry record in the alert. */
    public static final String SUPERVISOR = "supervisor";
    /** The receiver name the default policy sends region digests to. */
    public static final String BAWASLU_OFFICE = "bawaslu-office";
    static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s<>\",;]+@[^@\\s<>\",;]+\\.[^@\\s<>\",;]+");

    /**
     * A named set of recipients.
     *
     * @param supervisor    whether the ASN's supervisor is one
     * @param emails        fixed addresses
     * @param regionOffices e-mail address per region code; the most specific one for the ASN's region is used (its
     *                      regency or city, else its province)
     */
    public record Receiver(String name, boolean supervisor, List<String> emails, Map<String, String> regionOffices,
                           List<Webhook> webhooks) {
        public Receiver {
            Validate.notBlank(name, "receiver name");
            emails = List.copyOf(emails);
            regionOffices = Map.copyOf(regionOffices);
            webhooks = List.copyOf(webhooks);
        }

        /** The office for {@code regionCode}: its own, else its province's. */
        public Optional<String> officeFor(String regionCode) {
            String own = regionOffices.get(regionCode);
            return Optional.ofNullable(own != null ? own : regionOffices.get(Regions.province(regionCode)));
        }
    }

    /**
     * A webhook and the secret its calls are signed with (the secret never leaves this config).
     *
     * @param wholeNip whether its payload carries NIPs whole ({@code nip: full} in the routing file); masked by default,
     *                 like every list: a receiver that must match people by NIP says so
     */
    public record Webhook(URI url, String secret, boolean wholeNip) {
        public Webhook {
            Validate.notNull(url, "webhook url");
            Validate.notBlank(secret, "webhook secret");
        }

        /** With NIPs masked in its payload. */
        public Webhook(URI url, String secret) {
            this(url, secret, false);
        }

        @Override
        public String toString() {
            return "Webhook[" + url + "]";
        }
    }

    /**
     * One rule: cases matching {@code trigger}, at least {@code minSeverity}, and (when {@code regions} is not empty)
     * the ASN's region being one of {@code regions} (a province code includes its regencies and cities) go to
     * {@code receivers}.
     */
    public record Route(String name, Trigger trigger, Severity minSeverity, List<String> regions, List<String> receivers,
                        Duration groupWait, Duration repeatInterval) {
        public Route {
            Validate.notBlank(name, "route name");
            Validate.notNull(trigger, "route trigger");
            minSeverity = minSeverity == null ? Severity.LOW : minSeverity;
            regions = List.copyOf(regions);
            receivers = List.copyOf(Validate.notEmpty(receivers, "route receivers"));
            Validate.isTrue(!groupWait.isNegative() && !repeatInterval.isNegative(), "route " + name + ": durations must not be negative");
        }

        public boolean matches(Trigger t, Severity severity, String regionCode) {
            return trigger == t && severity.atLeast(minSeverity)
                    && (regions.isEmpty() || regions.stream().anyMatch(r -> r.equals(regionCode)
                    || (r.indexOf('.') < 0 && r.equals(Regions.province(regionCode)))));
        }
    }

    public RoutingConfig {
        receivers = Map.copyOf(receivers);
        routes = List.copyOf(routes);
        for (Route r : routes) {
            for (String name : r.receivers()) {
                Validate.isTrue(name.equals(SUPERVISOR) || receivers.containsKey(name), "route " + r.name() + ": no receiver '" + name + "'");
            }
        }
    }

    /**
     * The default policy: the ASN's supervisor is told when an analyst confirms a case (and, when
     * {@code supervisorOnNewHigh}, of each new HIGH alert); the region's Bawaslu office gets a digest of new HIGH
     * alerts (every 10 minutes at most).
     *
     * @param regionOffices the Bawaslu office address per region code (may be empty: then no digests)
     */
    public static RoutingConfig defaults(Map<String, String> regionOffices, boolean supervisorOnNewHigh) {
        Map<String, Receiver> receivers = new LinkedHashMap<>();
        receivers.put(BAWASLU_OFFICE, new Receiver(BAWASLU_OFFICE, false, List.of(), regionOffices, List.of()));
        List<Route> routes = new ArrayList<>();
        routes.add(new Route("confirmed-to-supervisor", Trigger.CONFIRMED, Severity.LOW, List.of(), List.of(SUPERVISOR),
                Duration.ofMinutes(1), Duration.ZERO));
        routes.add(new Route("high-digest-to-region-office", Trigger.NEW_HIGH_ALERT, Severity.HIGH, List.of(), List.of(BAWASLU_OFFICE),
                Duration.ofMinutes(10), Duration.ofMinutes(10)));
        if (supervisorOnNewHigh) {
            routes.add(supervisorOnNewHigh(Duration.ofMinutes(1), Duration.ZERO));
        }
        return new RoutingConfig(receivers, routes);
    }

    static Route supervisorOnNewHigh(Duration groupWait, Duration repeatInterval) {
        return new Route("new-high-to-supervisor", Trigger.NEW_HIGH_ALERT, Severity.HIGH, List.of(), List.of(SUPERVISOR), groupWait,
                repeatInterval);
    }

    /**
     * Reads a routing file.
     *
     * @throws IllegalArgumentException listing every problem of the file with its line and path
     */
    public static RoutingConfig read(Path file, Map<String, String> env) {
        return RoutingFile.read(file, env);
    }

    /** Whether some route sends e-mail (to the supervisor, fixed addresses or region offices). */
    public boolean sendsEmail() {
        return routes.stream().flatMap(r -> r.receivers().stream()).anyMatch(name -> {
            Receiver r = receivers.get(name);
            return r == null || r.supervisor() || !r.emails().isEmpty() || !r.regionOffices().isEmpty();
        });
    }

    /**
     * Who receiver {@code name} stands for, for a case of {@code asn}: the supervisor when the registry has their
     * address, fixed addresses, the office of the ASN's region, webhooks.
     */
    public List<Recipient> recipients(String name, AsnRecord asn) {
        List<Recipient> out = new ArrayList<>();
        Receiver r = receivers.get(name);
        boolean supervisor = name.equals(SUPERVISOR) || (r != null && r.supervisor());
        if (supervisor && asn.supervisorEmail() != null && EMAIL.matcher(asn.supervisorEmail().strip()).matches()) {
            out.add(new Recipient(Channel.EMAIL, asn.supervisorEmail().strip()));
        }
        if (r != null) {
            r.emails().forEach(e -> out.add(new Recipient(Channel.EMAIL, e)));
            r.officeFor(asn.regionCode()).ifPresent(e -> out.add(new Recipient(Channel.EMAIL, e)));
            r.webhooks().forEach(w -> out.add(new Recipient(Channel.WEBHOOK, w.url().toString())));
        }
        return out;
    }

    /** The secret of the webhook at {@code url}, if the config has one. */
    public Optional<String> secretFor(String url) {
        return webhookFor(url).map(Webhook::secret);
    }

    /** The webhook at {@code url}, if the config has one. */
    public Optional<Webhook> webhookFor(String url) {
        return receivers.values().stream().flatMap(r -> r.webhooks().stream()).filter(w -> w.url().toString().equals(url)).findFirst();
    }
}
