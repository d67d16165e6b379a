package id.netra.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Alert;
import id.netra.model.Json;
import id.netra.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The classifier's decisions as data ({@code lexicon/rules-vN.json}), so that legal staff and analysts can read and
 * correct them without touching code: what the classifier reads of a post ({@code reads}), how a reaction's name reads
 * ({@code reactions}), the decision table ({@code decisions}: the first row whose conditions all hold decides the rule,
 * the severity, which cues are cited and the explanation), and what each rule means for an analyst ({@code rules}: the
 * form of violation and the legal basis). {@link PostClassifier} only extracts the features a row tests
 * ({@link #FEATURES}).
 *
 * <p>{@code rules-v1.json} predates the table: its decisions, which the code made then, are written out in
 * {@code rules-v1-decisions.json}, and a test holds them to the alerts recorded before.
 */
public final class Rules {
    public static final String DEFAULT_VERSION = "rules-v3";

    /** What a decision row can test; {@code !feature} tests its absence. */
    public static final Set<String> FEATURES = Set.of(
            // the post's own words (and alt texts, where read)
            "neutral", "oppose", "balanced", "call", "support", "symbol", "gesture", "only-parties",
            // interactions with a watched target (a campaign account, its post, or a campaign group)
            "interaction", "comment", "share", "reaction", "join", "cheer", "question", "reaction-positive",
            "reaction-negative", "party-target");

    /** The feature readings this build knows ({@link #engine()}). */
    static final int ENGINES = 2;

    /** What a rules file may ask the classifier to read. */
    public static final Set<String> READS = Set.of("text", "media-alt", "target", "media-ocr", "media-captions");

    /** Every rule of {@code rules-v1}: a file of that age had to describe each. */
    static final Set<String> IDS = Set.of("call-to-vote", "support", "opposition", "party-promotion", "campaign-symbol",
            "partisan-gesture", "neutral-context", "information", "watchlist-mention", "party-mention");

    /**
     * One row of the table.
     *
     * @param when        the features that must hold ({@code !x}: must not)
     * @param cues        the cue kinds cited as evidence and in the explanation, in order ({@code call}, {@code support},
     *                    {@code oppose}, {@code neutral}, {@code info}, {@code cheer}, {@code question})
     * @param explanation the sentence for the analyst, with {@code {target}} (the candidates and parties),
     *                    {@code {words}} (the cited cues), {@code {words|X}} (X then the cues, or nothing when there are
     *                    none), {@code {interaction}} (the kind and the watched target), {@code {via}} (the watched
     *                    target alone) and {@code {reaction}}
     */
    public record Decision(String rule, List<String> when, Severity severity, List<String> cues, String explanation) {
        boolean holds(Set<String> features) {
            for (String w : when) {
                boolean negated = w.startsWith("!");
                if (features.contains(negated ? w.substring(1) : w) == negated) {
                    return false;
                }
            }
            return true;
        }
    }

    private final String version;
    private final int engine;
    private final Set<String> reads;
    private final Map<String, String> reactions;
    private final List<Decision> decisions;
    private final Map<String, Alert.Violation> byRule;

    private Rules(String version, int engine, Set<String> reads, Map<String, String> reactions, List<Decision> decisions,
                  Map<String, Alert.Violation> byRule) {
        this.version = version;
        this.engine = engine;
        this.reads = Set.copyOf(reads);
        this.reactions = Map.copyOf(reactions);
        this.decisions = List.copyOf(decisions);
        this.byRule = Map.copyOf(byRule);
    }

    /** The rule data shipped with this build. */
    public static Rules load() {
        return load(DEFAULT_VERSION);
    }

    public static Rules load(String version) {
        String resource = "/lexicon/" + version + ".json";
        JsonNode root = read(resource, "no rule data " + version + " (" + resource + ") in this build");
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
        JsonNode table = root.path("decisions");
        String tableResource = resource;
        if (table.isMissingNode()) {
            tableResource = "/lexicon/" + version + "-decisions.json";
            table = read(tableResource, resource + " has no decisions and there is no " + tableResource).path("decisions");
            List<String> missing = IDS.stream().filter(id -> !byRule.containsKey(id)).sorted().toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException(resource + ": no entry for rule(s) " + missing);
            }
        }
        Set<String> reads = new LinkedHashSet<>();
        root.path("reads").forEach(r -> reads.add(r.asText()));
        if (reads.isEmpty()) {
            reads.add("text");
        }
        for (String r : reads) {
            if (!READS.contains(r)) {
                throw new IllegalStateException(resource + ": reads '" + r + "', expected some of " + READS);
            }
        }
        Map<String, String> reactions = new LinkedHashMap<>();
        root.path("reactions").properties().forEach(e -> reactions.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
        List<Decision> decisions = decisions(tableResource, table, byRule);
        int engine = root.path("engine").asInt(1);
        if (engine < 1 || engine > ENGINES) {
            throw new IllegalStateException(resource + ": engine " + engine + " is not one of this build (1.." + ENGINES + ")");
        }
        return new Rules(version, engine, reads, reactions, decisions, byRule);
    }

    private static List<Decision> decisions(String resource, JsonNode table, Map<String, Alert.Violation> byRule) {
        List<Decision> out = new ArrayList<>();
        int row = 0;
        for (JsonNode d : table) {
            row++;
            String where = resource + ": decision " + row;
            String rule = d.path("rule").asText("");
            if (!byRule.containsKey(rule)) {
                throw new IllegalStateException(where + ": rule '" + rule + "' has no entry under \"rules\"");
            }
            List<String> when = new ArrayList<>();
            d.path("when").forEach(w -> when.add(w.asText()));
            for (String w : when) {
                if (!FEATURES.contains(w.startsWith("!") ? w.substring(1) : w)) {
                    throw new IllegalStateException(where + ": unknown feature '" + w + "', expected one of " + FEATURES);
                }
            }
            Severity severity;
            try {
                severity = Severity.valueOf(d.path("severity").asText(""));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": severity must be HIGH, MEDIUM or LOW");
            }
            List<String> cues = new ArrayList<>();
            d.path("cues").forEach(c -> cues.add(c.asText()));
            String explanation = d.path("explanation").asText("");
            if (explanation.isBlank()) {
                throw new IllegalStateException(where + ": no explanation");
            }
            out.add(new Decision(rule, when, severity, cues, explanation));
        }
        if (out.isEmpty() || !out.getLast().when().isEmpty()) {
            throw new IllegalStateException(resource + ": the last decision must have no conditions (the default)");
        }
        return out;
    }

    private static JsonNode read(String resource, String missing) {
        try (InputStream in = Rules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(missing);
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    public String version() {
        return version;
    }

    /**
     * How the features are read: {@code 1} as rules-v1 was decided (kept byte for byte); {@code 2} (rules-v2) adds: ballot numbers and gestures
     * in a post about another election (a class, school or neighbourhood vote) are that election's; a call not to vote
     * makes a post about an election; a bare number counts next to an attack too, or with "yang" between ("jangan pilih
     * yang 03"); in a post that names a single pair, a stance cue anywhere in it is about that pair.
     */
    public int engine() {
        return engine;
    }

    /** Whether this version reads {@code part} of a post: {@code text}, {@code media-alt}, {@code target}, {@code media-ocr} (from rules-v3: the text read in its pictures) or {@code media-captions} (from rules-v3: its videos' captions). */
    public boolean reads(String part) {
        return reads.contains(part);
    }

    /** How a reaction's name reads ({@code positive}, {@code negative}, {@code unclear}), or null when not listed. */
    public String reaction(String name) {
        return name == null ? null : reactions.get(name.strip().toLowerCase(Locale.ROOT));
    }

    /** The table's rows, in order. */
    public List<Decision> decisions() {
        return decisions;
    }

    /** The first row whose conditions hold for {@code features}. */
    public Decision decide(Set<String> features) {
        for (Decision d : decisions) {
            if (d.holds(features)) {
                return d;
            }
        }
        throw new IllegalStateException("the last decision of " + version + " has conditions");
    }

    /** What {@code rule} means. */
    public Alert.Violation violation(String rule) {
        Alert.Violation v = byRule.get(rule);
        if (v == null) {
            throw new IllegalArgumentException("no rule '" + rule + "' in " + version);
        }
        return v;
    }

    /** Every rule this version can decide. */
    public Set<String> ids() {
        Set<String> out = new LinkedHashSet<>();
        decisions.forEach(d -> out.add(d.rule()));
        return out;
    }
}
