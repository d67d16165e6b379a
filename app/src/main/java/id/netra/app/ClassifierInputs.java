package id.netra.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The input files of {@code classify} and {@code eval} (formats: shared/data/FORMATS.md). */
final class ClassifierInputs {
    @Option(names = "--registry", required = true, paramLabel = "R.csv", description = "The ASN registry CSV.")
    Path registry;

    @Option(names = "--watchlist", required = true, paramLabel = "W.json", description = "The watchlist JSON.")
    Path watchlist;

    @Option(names = "--posts", required = true, paramLabel = "P.jsonl", description = "The posts, one JSON object per line; - reads stdin.")
    String posts;

    @Option(names = "--lexicon-version", paramLabel = "V",
            description = "The classifier data to decide with, as alerts record it (e.g. cues-v2+slang-v1+rules-v1); "
                    + "default: this build's current ones.")
    String lexiconVersion;

    /** The classifier data chosen, or this build's current ones. */
    String lexiconVersion() {
        return lexiconVersion == null ? id.netra.classifier.Lexicons.current() : lexiconVersion;
    }

    /** How bad lines are named in messages. */
    String postsName() {
        return "-".equals(posts) ? "stdin" : posts;
    }
}
