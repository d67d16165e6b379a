package id.netra.model;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Configuration of a Netra service: keys from a properties file, overridden by environment variables, overridden
 * by explicit values. Environment names map to keys by lower-casing and turning {@code _} into {@code .}:
 * {@code KAFKA_BOOTSTRAP_SERVERS} is {@code kafka.bootstrap.servers}, {@code NETRA_HTTP_PORT} is
 * {@code http.port}. A key with a hyphen is also found under its environment spelling:
 * {@code NETRA_INGEST_USER_AGENT} sets {@code ingest.user-agent}. Keys under {@code kafka.} are passed to the Kafka
 * clients without the prefix.
 */
public final class Settings {
    public static final String KAFKA_PREFIX = "kafka.";
    public static final String BOOTSTRAP_SERVERS = KAFKA_PREFIX + "bootstrap.servers";

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /**
     * Loads {@code file} (may be {@code null}), then the environment over it.
     *
     * @throws IllegalArgumentException when the file cannot be read
     */
    public static Settings load(Path file, Map<String, String> env) {
        Map<String, String> merged = new HashMap<>();
        if (file != null) {
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                props.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read config file " + file + ": " + e.getMessage(), e);
            }
            props.stringPropertyNames().forEach(k -> merged.put(k, props.getProperty(k).strip()));
        }
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_")) {
                merged.put(envToKey(name), value);
            } else if (name.startsWith("NETRA_")) {
                merged.put(envToKey(name.substring("NETRA_".length())), value);
            }
        });
        return new Settings(merged);
    }

    static String envToKey(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** These settings with {@code overrides} on top. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    public Settings with(String key, String value) {
        return with(Map.of(key, value));
    }

    /** The value of {@code key}; for a key with hyphens its environment spelling (hyphens as dots) wins, as the environment does. */
    private String get(String key) {
        String fromEnvironment = key.contains("-") ? values.get(key.replace('-', '.')) : null;
        return fromEnvironment != null ? fromEnvironment : values.get(key);
    }

    public String string(String key, String defaultValue) {
        String v = get(key);
        return v == null || v.isBlank() ? defaultValue : v;
    }

    /** @throws IllegalArgumentException naming the key when it is not set */
    public String required(String key) {
        String v = get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("Setting '" + key + "' is required (environment variable "
                    + (key.startsWith(KAFKA_PREFIX) ? "" : "NETRA_") + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")");
        }
        return v;
    }

    public int integer(String key, int defaultValue) {
        String v = get(key);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting '" + key + "' must be a whole number, not '" + v + "'", e);
        }
    }

    /** A duration in ISO-8601 ({@code PT5S}) or as milliseconds. */
    public Duration duration(String key, Duration defaultValue) {
        String v = get(key);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            return v.strip().startsWith("P") ? Duration.parse(v.strip()) : Duration.ofMillis(Long.parseLong(v.strip()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Setting '" + key + "' must be a duration such as PT5S or 5000, not '" + v + "'", e);
        }
    }

    public Path path(String key, Path defaultValue) {
        String v = get(key);
        return v == null || v.isBlank() ? defaultValue : Path.of(v.strip());
    }

    /** The {@code kafka.*} keys without their prefix, for a Kafka client's config. */
    public Map<String, Object> kafka() {
        Map<String, Object> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(KAFKA_PREFIX)) {
                out.put(k.substring(KAFKA_PREFIX.length()), v);
            }
        });
        return out;
    }

    public Map<String, String> asMap() {
        return new TreeMap<>(values);
    }
}
