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

    /** How bad lines are named in messages. */
    String postsName() {
        return "-".equals(posts) ? "stdin" : posts;
    }
}
