package id.netra.classifier;

import java.util.ArrayList;
import java.util.List;

/**
 * The stance cues, read from a versioned data file ({@code lexicon/cues-v3.txt}, which includes the regional-language
 * files of {@code lexicon/regional/}): calls to vote, support, opposition, neutral and informational contexts, cheers,
 * questions, forms of address, place words, election words and campaign gestures. Each cue is kept as its analysed
 * terms. Older versions stay in the build so that old alerts can be re-derived. A phrase listed twice with the same
 * kind (a regional file repeating an Indonesian cue) counts once.
 */
public final class Lexicon {
    public static final String DEFAULT_VERSION = "cues-v3";

    /**
     * What a cue says. {@code QUESTION} (from cues-v3): a question, request or complaint, which makes a comment to a
     * campaign account something other than support.
     */
    public enum Kind { CALL, SUPPORT, OPPOSE, NEUTRAL, INFO, CHEER, HONORIFIC, PLACE, LIST, ELECTION, GESTURE, UNRELATED, QUESTION,
        /** (cues-v3) Another election with numbered candidates: a class, school, neighbourhood or village vote. */
        OTHER_ELECTION }

    /** One cue: its kind, its phrase, its terms, and for a gesture the ballot number it stands for. */
    public record Cue(Kind kind, String phrase, List<String> terms, int number) {
    }

    private final String version;
    private final List<Cue> cues;

    private Lexicon(String version, List<Cue> cues) {
        this.version = version;
        this.cues = List.copyOf(cues);
    }

    /** The lexicon shipped with this build. */
    public static Lexicon load(NetraAnalyzer analyzer) {
        return load(DEFAULT_VERSION, analyzer);
    }

    public static Lexicon load(String version, NetraAnalyzer analyzer) {
        List<Cue> cues = new ArrayList<>();
        // From cues-v3 (regional files) two phrases the slang makes alike ("bilo" is "kapan") are one cue, cited once;
        // the earlier versions keep every line, as their alerts cite them.
        boolean alikeOnce = !version.equals("cues-v1") && !version.equals("cues-v2");
        java.util.Set<String> seen = new java.util.HashSet<>();
        LexiconFile.read(version, "lexicon", (resource, n, line) -> {
            String[] f = line.split("\t", 2);
            if (f.length != 2) {
                throw new IllegalStateException(resource + ":" + n + ": expected <category><TAB><phrase>");
            }
            Kind kind;
            int number = 0;
            if (f[0].startsWith("gesture-")) {
                kind = Kind.GESTURE;
                number = Integer.parseInt(f[0].substring("gesture-".length()));
            } else {
                try {
                    kind = Kind.valueOf(f[0].toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(resource + ":" + n + ": unknown category '" + f[0] + "'");
                }
            }
            List<String> terms = analyzer.terms(f[1].strip());
            if (terms.isEmpty()) {
                throw new IllegalStateException(resource + ":" + n + ": the phrase '" + f[1] + "' has no terms");
            }
            Cue cue = new Cue(kind, f[1].strip(), terms, number);
            String key = kind + "\u0000" + number + "\u0000" + (alikeOnce ? String.join(" ", terms) : cue.phrase());
            if (seen.add(key)) {
                cues.add(cue);
            }
        });
        return new Lexicon(version, cues);
    }

    public String version() {
        return version;
    }

    public List<Cue> cues() {
        return cues;
    }

    /** The one-word cues of {@code kind}, as analysed terms. */
    public java.util.Set<String> words(Kind kind) {
        return cues.stream().filter(c -> c.kind() == kind && c.terms().size() == 1).map(c -> c.terms().get(0))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
