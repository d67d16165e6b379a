package id.netra.classifier;

import java.util.List;

/**
 * The classifier data versions bundled in this build, and a classifier for a chosen combination. An alert records
 * the combination it was decided with as {@code cues-vN+slang-vN+rules-vN} ({@link PostClassifier#lexiconVersion()});
 * only versions shipped in this build can be chosen.
 */
public final class Lexicons {
    /** The stance cue lists of this build, oldest first. */
    public static final List<String> CUES = List.of("cues-v1", "cues-v2", "cues-v3");
    /** The slang lists of this build. */
    public static final List<String> SLANG = List.of("slang-v1", "slang-v2");
    /** The rule data of this build. */
    public static final List<String> RULES = List.of("rules-v1", "rules-v2", "rules-v3");

    private Lexicons() {
    }

    /** The combination the live classifier uses. */
    public static String current() {
        return Lexicon.DEFAULT_VERSION + "+" + NetraAnalyzer.DEFAULT_SLANG + "+" + Rules.DEFAULT_VERSION;
    }

    /**
     * A classifier deciding with {@code version}, written as an alert records it ({@code cues-v1+slang-v1+rules-v1}).
     *
     * @throws IllegalArgumentException naming the part that is not in this build and listing the versions that are
     */
    public static PostClassifier classifier(String version) {
        String[] parts = version == null ? new String[0] : version.split("\\+", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("lexicon version '" + version + "' is not <cues>+<slang>+<rules>, e.g. "
                    + current() + "; " + bundled());
        }
        check(parts[0], CUES, "cue list");
        check(parts[1], SLANG, "slang list");
        check(parts[2], RULES, "rule data");
        NetraAnalyzer analyzer = new NetraAnalyzer(parts[1]);
        return new PostClassifier(analyzer, Lexicon.load(parts[0], analyzer), Rules.load(parts[2]));
    }

    private static void check(String part, List<String> known, String what) {
        if (!known.contains(part)) {
            throw new IllegalArgumentException("no " + what + " '" + part + "' in this build; " + bundled());
        }
    }

    /** The bundled versions, for an error message. */
    static String bundled() {
        return "this build has cues " + String.join(", ", CUES) + "; slang " + String.join(", ", SLANG) + "; rules "
                + String.join(", ", RULES);
    }
}
