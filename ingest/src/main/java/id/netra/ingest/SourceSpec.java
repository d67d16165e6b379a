package id.netra.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@code sources.yml}: an id, a type, how often it runs, and the type's options. Typed accessors fail
 * with a message naming the source and the option.
 */
public record SourceSpec(String id, String type, Duration interval, int maxPerRun, Map<String, Object> options) {
    /** The source types {@link SourceFactory} knows. */
    public static final Set<String> TYPES = Set.of("jsonl", "feed", "html", "mastodon", "x-import", "csv-import",
            "mastodon-interactions", "youtube");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    public SourceSpec {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("source id '" + id + "' must be 1-63 of a-z, 0-9, '.', '_', '-' (it names a Kafka transaction)");
        }
        if (type == null || !TYPES.contains(type)) {
            throw new IllegalArgumentException("source '" + id + "': type '" + type + "' is not one of " + new java.util.TreeSet<>(TYPES));
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("source '" + id + "': interval must be positive, not " + interval);
        }
        if (maxPerRun < 1) {
            throw new IllegalArgumentException("source '" + id + "': maxPerRun must be at least 1, not " + maxPerRun);
        }
        options = Map.copyOf(new LinkedHashMap<>(options));
    }

    /** A spec from one YAML/JSON mapping: {@code id}, {@code type}, {@code interval}, {@code maxPerRun}, the rest options. */
    static SourceSpec of(Map<String, Object> entry) {
        Map<String, Object> options = new LinkedHashMap<>(entry);
        Object id = options.remove("id");
        Object type = options.remove("type");
        Object interval = options.remove("interval");
        Object max = options.remove("maxPerRun");
        String sid = id == null ? null : id.toString();
        String stype = type == null ? null : type.toString().toLowerCase(Locale.ROOT);
        if ("rss".equals(stype) || "atom".equals(stype)) {
            stype = "feed";
        }
        Duration d = interval == null ? Duration.ofMinutes(10) : duration(sid, "interval", interval.toString());
        int m;
        try {
            m = max == null ? 1000 : Integer.parseInt(max.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("source '" + sid + "': maxPerRun must be a number, not '" + max + "'");
        }
        return new SourceSpec(sid, stype, d, m, options);
    }

    public String string(String name, String fallback) {
        Object v = options.get(name);
        return v == null ? fallback : v.toString();
    }

    public String requiredString(String name) {
        String v = string(name, null);
        if (v == null || v.isBlank()) {
            throw problem("option '" + name + "' is required for type " + type);
        }
        return v;
    }

    /** A list option; a single value counts as a list of one. */
    public List<String> strings(String name) {
        Object v = options.get(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (o == null || o.toString().isBlank()) {
                    throw problem("option '" + name + "' has an empty entry");
                }
                out.add(o.toString().strip());
            }
            return out;
        }
        return List.of(v.toString().strip());
    }

    public List<URI> urls(String name) {
        List<URI> out = new ArrayList<>();
        for (String s : strings(name)) {
            try {
                URI u = new URI(s);
                if (u.getScheme() == null || !Set.of("http", "https").contains(u.getScheme().toLowerCase(Locale.ROOT)) || u.getHost() == null) {
                    throw problem("option '" + name + "': '" + s + "' is not an http(s) address");
                }
                out.add(u);
            } catch (URISyntaxException e) {
                throw problem("option '" + name + "': '" + s + "' is not an address (" + e.getReason() + ")");
            }
        }
        return out;
    }

    public boolean bool(String name, boolean fallback) {
        Object v = options.get(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.toString().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw problem("option '" + name + "' must be true or false, not '" + v + "'");
        };
    }

    public int integer(String name, int fallback) {
        Object v = options.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v.toString().strip());
        } catch (NumberFormatException e) {
            throw problem("option '" + name + "' must be a whole number, not '" + v + "'");
        }
    }

    public Duration duration(String name, Duration fallback) {
        Object v = options.get(name);
        return v == null ? fallback : duration(id, name, v.toString());
    }

    /** A mapping option such as a CSV column mapping. */
    public Map<String, String> map(String name) {
        Object v = options.get(name);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw problem("option '" + name + "' must be a mapping (key: value lines)");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), String.valueOf(x)));
        return out;
    }

    public IllegalArgumentException problem(String message) {
        return new IllegalArgumentException("source '" + id + "': " + message);
    }

    /** {@code PT10M}, or the short forms {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}, {@code 1d}. */
    static Duration duration(String sourceId, String name, String text) {
        String t = text.strip();
        Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("source '" + sourceId + "': " + name + " '" + text + "' is not a duration (e.g. 30s, 10m, PT1H)");
        }
    }
}
