package id.netra.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Alert;
import id.netra.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each classifier rule means for an analyst: the form of violation and the legal basis to cite, read from a
 * versioned data file ({@code lexicon/rules-v1.json}) so that legal staff can correct it without touching code.
 */
public final class Rules {
    public static final String DEFAULT_VERSION = "rules-v1";

    /** Every rule {@link PostClassifier} can decide; the data file must describe each. */
    static final Set<String> IDS = Set.of("call-to-vote", "support", "opposition", "party-promotion", "campaign-symbol",
            "partisan-gesture", "neutral-context", "information", "watchlist-mention", "party-mention");

    private final String version;
    private final Map<String, Alert.Violation> byRule;

    private Rules(String version, Map<String, Alert.Violation> byRule) {
        this.version = version;
        this.byRule = Map.copyOf(byRule);
    }

    /** The rule data shipped with this build. */
    public static Rules load() {
        return load(DEFAULT_VERSION);
    }

    public static Rules load(String version) {
        String resource = "/lexicon/" + version + ".json";
        try (InputStream in = Rules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no rule data " + version + " (" + resource + ") in this build");
            }
            JsonNode root = Json.mapper().readTree(in);
            if (!version.equals(root.path("version").asText())) {
                throw new IllegalStateException(resource + ": says version '" + root.path("version").asText() + "'");
            }
            Map<String, Alert.Violation> byRule = new LinkedHashMap<>();
            root.path("rules").properties().forEach(e -> {
                List<String> basis = new ArrayList<>();
                e.getValue().path("legalBasis").forEach(b -> basis.add(b.asText()));
                byRule.put(e.getKey(), new Alert.Violation(e.getValue().path("form").asText(null),
                        e.getValue().path("skb").asText(null), basis));
            });
            List<String> missing = IDS.stream().filter(id -> !byRule.containsKey(id)).sorted().toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException(resource + ": no entry for rule(s) " + missing);
            }
            return new Rules(version, byRule);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    public String version() {
        return version;
    }

    /** What {@code rule} means. */
    public Alert.Violation violation(String rule) {
        Alert.Violation v = byRule.get(rule);
        if (v == null) {
            throw new IllegalArgumentException("no rule '" + rule + "' in " + version);
        }
        return v;
    }
}
