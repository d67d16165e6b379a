package id.netra.alerts.notify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import id.netra.alerts.notify.RoutingConfig.Receiver;
import id.netra.alerts.notify.RoutingConfig.Route;
import id.netra.alerts.notify.RoutingConfig.Webhook;
import id.netra.model.Errors;
import id.netra.model.Regions;
import id.netra.model.Severity;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a routing file (YAML). Every problem is collected and reported with its line and path, e.g.
 * {@code routing.yaml:7: routes[0].event: unknown event 'confirm' (confirmed or new-high-alert)}.
 *
 * <pre>
 * groupWait: 1m              # defaults for routes: ISO-8601 (PT1M) or 30s, 5m, 2h, 1d
 * repeatInterval: 0s
 * supervisorOnNewHigh: false # true adds a route: new HIGH alerts to the ASN's supervisor
 * receivers:                 # "supervisor" is built in
 *   bawaslu-office:
 *     regionOffices: {"99": prov@bawaslu.example, "99.01": kota@bawaslu.example}
 *   ops:
 *     emails: [ops@example.org]
 *     webhooks:
 *       - url: https://hooks.example.org/netra
 *         secret: ${NETRA_HOOK_SECRET}   # ${NAME} anywhere: from the environment
 *         nip: masked                    # or full: the payload's NIPs whole (masked by default)
 * routes:
 *   - name: confirmed-to-supervisor
 *     event: confirmed       # or new-high-alert
 *     minSeverity: MEDIUM    # optional
 *     regions: ["99"]        # optional; a province includes its regencies and cities
 *     receivers: [supervisor, ops]
 *     groupWait: 0s          # optional
 * </pre>
 */
final class RoutingFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern EMAIL = RoutingConfig.EMAIL;
    private static final Set<String> TOP_KEYS = Set.of("groupWait", "repeatInterval", "supervisorOnNewHigh", "receivers", "routes");
    private static final Set<String> RECEIVER_KEYS = Set.of("supervisor", "emails", "regionOffices", "webhooks");
    private static final Set<String> ROUTE_KEYS = Set.of("name", "event", "minSeverity", "regions", "receivers", "groupWait", "repeatInterval");

    private final String source;
    private final Map<String, String> env;
    private final Map<String, Integer> lines;
    private final List<String> problems = new ArrayList<>();

    private RoutingFile(String source, Map<String, String> env, Map<String, Integer> lines) {
        this.source = source;
        this.env = env;
        this.lines = lines;
    }

    static RoutingConfig read(Path file, Map<String, String> env) {
        try {
            return parse(Files.readString(file), file.toString(), env);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such routing file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the routing file: " + e.getMessage(), e);
        }
    }

    /**
     * @param source the file's name, for the messages
     * @throws IllegalArgumentException listing every problem with its line and path
     */
    static RoutingConfig parse(String yaml, String source, Map<String, String> env) {
        JsonNode root;
        Map<String, Integer> lines;
        try {
            root = YAML.readTree(yaml);
            lines = lines(yaml);
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? j.getLocation().getLineNr() : 1;
            throw new IllegalArgumentException(source + ":" + line + ": not valid YAML: " + Errors.describe(e), e);
        }
        RoutingFile f = new RoutingFile(source, env, lines);
        RoutingConfig config = f.config(root);
        if (!f.problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": not a valid routing file, " + f.problems.size() + " problem(s):\n  "
                    + String.join("\n  ", f.problems));
        }
        return config;
    }

    private RoutingConfig config(JsonNode root) {
        if (root == null || !root.isObject()) {
            problem("", "the file must be a mapping with receivers and routes");
            return null;
        }
        unknownKeys(root, "", TOP_KEYS);
        Duration groupWait = duration(root.get("groupWait"), "/groupWait", Duration.ofMinutes(1));
        Duration repeatInterval = duration(root.get("repeatInterval"), "/repeatInterval", Duration.ZERO);
        boolean supervisorOnNewHigh = bool(root.get("supervisorOnNewHigh"), "/supervisorOnNewHigh");
        Map<String, Receiver> receivers = new LinkedHashMap<>();
        JsonNode rs = root.get("receivers");
        if (rs != null && !rs.isObject()) {
            problem("/receivers", "must be a mapping of receiver name to receiver");
        } else if (rs != null) {
            for (Map.Entry<String, JsonNode> e : rs.properties()) {
                Receiver r = receiver(e.getKey(), e.getValue(), "/receivers/" + e.getKey());
                if (r != null) {
                    receivers.put(e.getKey(), r);
                }
            }
        }
        List<Route> routes = new ArrayList<>();
        JsonNode list = root.get("routes");
        if (list == null || !list.isArray() || list.isEmpty()) {
            problem("/routes", "a list of at least one route is required");
        } else {
            for (int i = 0; i < list.size(); i++) {
                Route r = route(list.get(i), "/routes/" + i, i, groupWait, repeatInterval, receivers);
                if (r != null) {
                    routes.add(r);
                }
            }
        }
        if (supervisorOnNewHigh) {
            routes.add(RoutingConfig.supervisorOnNewHigh(groupWait, repeatInterval));
        }
        return problems.isEmpty() ? new RoutingConfig(receivers, routes) : null;
    }

    private Receiver receiver(String name, JsonNode n, String at) {
        if (name.equals(RoutingConfig.SUPERVISOR)) {
            problem(at, "'supervisor' is built in (the ASN's supervisor) and cannot be redefined");
            return null;
        }
        if (n == null || !n.isObject()) {
            problem(at, "must be a mapping with supervisor, emails, regionOffices or webhooks");
            return null;
        }
        int before = problems.size();
        unknownKeys(n, at, RECEIVER_KEYS);
        boolean supervisor = bool(n.get("supervisor"), at + "/supervisor");
        List<String> emails = new ArrayList<>();
        List<JsonNode> es = list(n.get("emails"), at + "/emails");
        for (int i = 0; i < es.size(); i++) {
            String e = email(es.get(i), at + "/emails/" + i);
            if (e != null) {
                emails.add(e);
            }
        }
        Map<String, String> offices = new LinkedHashMap<>();
        JsonNode os = n.get("regionOffices");
        if (os != null && !os.isObject()) {
            problem(at + "/regionOffices", "must be a mapping of region code to e-mail address");
        } else if (os != null) {
            for (Map.Entry<String, JsonNode> e : os.properties()) {
                String where = at + "/regionOffices/" + e.getKey();
                if (!Regions.bundled().isKnown(e.getKey())) {
                    problem(where, "'" + e.getKey() + "' is not a Kemendagri region code (e.g. 18 or 18.72)");
                }
                String address = email(e.getValue(), where);
                if (address != null) {
                    offices.put(e.getKey(), address);
                }
            }
        }
        List<Webhook> webhooks = new ArrayList<>();
        List<JsonNode> ws = list(n.get("webhooks"), at + "/webhooks");
        for (int i = 0; i < ws.size(); i++) {
            Webhook w = webhook(ws.get(i), at + "/webhooks/" + i);
            if (w != null) {
                webhooks.add(w);
            }
        }
        if (!supervisor && emails.isEmpty() && os == null && ws.isEmpty() && problems.size() == before) {
            problem(at, "names no recipient (supervisor, emails, regionOffices or webhooks)");
        }
        return problems.size() == before ? new Receiver(name, supervisor, emails, offices, webhooks) : null;
    }

    private Webhook webhook(JsonNode n, String at) {
        if (!n.isObject()) {
            problem(at, "must be a mapping with url and secret");
            return null;
        }
        unknownKeys(n, at, Set.of("url", "secret", "nip"));
        boolean wholeNip = false;
        if (n.has("nip")) {
            String nip = text(n.get("nip"), at + "/nip");
            if ("full".equals(nip)) {
                wholeNip = true;
            } else if (nip != null && !nip.equals("masked")) {
                problem(at + "/nip", "'" + nip + "' is neither masked (the default) nor full");
            }
        }
        URI url = null;
        String u = text(n.get("url"), at + "/url");
        if (u != null) {
            try {
                url = URI.create(u);
                String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                    problem(at + "/url", "'" + u + "' is not an absolute http(s) URL");
                    url = null;
                }
            } catch (IllegalArgumentException e) {
                problem(at + "/url", "'" + u + "' is not a URL: " + e.getMessage());
            }
        }
        String secret = text(n.get("secret"), at + "/secret");
        if (secret != null && secret.length() < 16) {
            problem(at + "/secret", "too short: use at least 16 characters");
            secret = null;
        }
        return url != null && secret != null ? new Webhook(url, secret, wholeNip) : null;
    }

    private Route route(JsonNode n, String at, int index, Duration groupWait, Duration repeatInterval, Map<String, Receiver> receivers) {
        if (n == null || !n.isObject()) {
            problem(at, "must be a mapping with event and receivers");
            return null;
        }
        int before = problems.size();
        unknownKeys(n, at, ROUTE_KEYS);
        String name = n.has("name") ? text(n.get("name"), at + "/name") : "route-" + (index + 1);
        Trigger trigger = null;
        String event = text(n.get("event"), at + "/event");
        if (event != null) {
            try {
                trigger = Trigger.of(event);
            } catch (IllegalArgumentException e) {
                problem(at + "/event", e.getMessage());
            }
        }
        Severity min = Severity.LOW;
        if (n.has("minSeverity")) {
            String s = text(n.get("minSeverity"), at + "/minSeverity");
            try {
                min = s == null ? null : Severity.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem(at + "/minSeverity", "'" + s + "' is not LOW, MEDIUM or HIGH");
            }
        }
        List<String> regions = new ArrayList<>();
        List<JsonNode> rs = list(n.get("regions"), at + "/regions");
        for (int i = 0; i < rs.size(); i++) {
            String code = text(rs.get(i), at + "/regions/" + i);
            if (code != null && !Regions.bundled().isKnown(code)) {
                problem(at + "/regions/" + i, "'" + code + "' is not a Kemendagri region code (e.g. 18 or 18.72)");
            } else if (code != null) {
                regions.add(code);
            }
        }
        List<String> names = new ArrayList<>();
        List<JsonNode> ns = list(n.get("receivers"), at + "/receivers");
        if (ns.isEmpty()) {
            problem(at + "/receivers", "a list of at least one receiver is required");
        }
        for (int i = 0; i < ns.size(); i++) {
            String r = text(ns.get(i), at + "/receivers/" + i);
            if (r != null && !r.equals(RoutingConfig.SUPERVISOR) && !receivers.containsKey(r)) {
                problem(at + "/receivers/" + i, "no receiver '" + r + "' (define it under receivers, or use supervisor)");
            } else if (r != null) {
                names.add(r);
            }
        }
        Duration wait = duration(n.get("groupWait"), at + "/groupWait", groupWait);
        Duration repeat = duration(n.get("repeatInterval"), at + "/repeatInterval", repeatInterval);
        if (problems.size() > before || names.isEmpty()) {
            return null;
        }
        return new Route(name, trigger, min, regions, names, wait, repeat);
    }

    private String email(JsonNode n, String at) {
        String s = text(n, at);
        if (s != null && !EMAIL.matcher(s).matches()) {
            problem(at, "'" + s + "' is not an e-mail address");
            return null;
        }
        return s;
    }

    private List<JsonNode> list(JsonNode n, String at) {
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            problem(at, "must be a list");
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    private String text(JsonNode n, String at) {
        if (n == null || n.isNull()) {
            problem(at, "is required");
            return null;
        }
        if (!n.isValueNode() || n.asText().isBlank()) {
            problem(at, "must be a non-empty text");
            return null;
        }
        Matcher m = ENV.matcher(n.asText().strip());
        StringBuilder out = new StringBuilder();
        boolean missing = false;
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null || value.isBlank()) {
                problem(at, "environment variable " + m.group(1) + " is not set");
                missing = true;
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return missing ? null : out.toString();
    }

    private boolean bool(JsonNode n, String at) {
        if (n == null) {
            return false;
        }
        if (!n.isBoolean()) {
            problem(at, "must be true or false");
            return false;
        }
        return n.booleanValue();
    }

    private Duration duration(JsonNode n, String at, Duration otherwise) {
        if (n == null) {
            return otherwise;
        }
        String s = n.asText().strip();
        try {
            Matcher m = SHORT_DURATION.matcher(s);
            Duration d;
            if (m.matches()) {
                long v = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(v);
                    case "s" -> Duration.ofSeconds(v);
                    case "m" -> Duration.ofMinutes(v);
                    case "h" -> Duration.ofHours(v);
                    default -> Duration.ofDays(v);
                };
            } else {
                d = Duration.parse(s);
            }
            if (d.isNegative()) {
                problem(at, "must not be negative");
                return otherwise;
            }
            return d;
        } catch (RuntimeException e) {
            problem(at, "'" + s + "' is not a duration (PT5M, 30s, 5m, 2h or 1d)");
            return otherwise;
        }
    }

    private void unknownKeys(JsonNode n, String at, Set<String> known) {
        n.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                problem(at + "/" + k, "unknown key (expected one of " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        });
    }

    private void problem(String pointer, String message) {
        problems.add(source + ":" + line(pointer) + ": " + path(pointer) + ": " + message);
    }

    /** The line of the nearest node the file has at or above {@code pointer}. */
    private int line(String pointer) {
        String p = pointer;
        while (true) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            if (p.isEmpty()) {
                return 1;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** {@code /routes/0/event} as {@code routes[0].event}. */
    private static String path(String pointer) {
        if (pointer.isEmpty()) {
            return "(top)";
        }
        StringBuilder out = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            if (part.chars().allMatch(Character::isDigit) && !out.isEmpty()) {
                out.append('[').append(part).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(part);
            }
        }
        return out.toString();
    }

    /** Where each node of the file starts: JSON pointer to line (from 1). */
    private static Map<String, Integer> lines(String yaml) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        try (JsonParser p = YAML.getFactory().createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                int line = p.currentTokenLocation().getLineNr();
                JsonStreamContext ctx = p.getParsingContext();
                if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && ctx.getParent() != null) {
                    out.putIfAbsent(ctx.getParent().pathAsPointer().toString(), line);
                } else if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY) {
                    out.putIfAbsent(ctx.pathAsPointer().toString(), line);
                }
            }
        }
        return out;
    }
}
