package id.netra.classifier;

import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.LineError;
import id.netra.model.Post;
import id.netra.model.PostLines;
import id.netra.model.RegistryCsv;
import id.netra.model.Severity;
import id.netra.model.Watchlist;
import id.netra.model.WatchlistFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The classifier on files, without Kafka: the same matching code as the streaming topology. */
public final class OfflineClassifier {
    /** What a run saw. */
    public record Summary(int posts, int alerts, int badPosts, int badRegistryRows) {
    }

    private OfflineClassifier() {
    }

    /**
     * Classifies every line of {@code postsJsonl}; alerts of at least {@code min} go to {@code out}, bad registry rows
     * and bad post lines to {@code errors} with their line numbers, and the rest is processed.
     *
     * @throws IllegalArgumentException when the registry or watchlist file is missing or the watchlist is invalid
     */
    public static Summary run(Path registryCsv, Path watchlistJson, Reader postsJsonl, String postsName, Severity min,
                              Consumer<Alert> out, Consumer<LineError> errors) throws IOException {
        return run(registryCsv, watchlistJson, postsJsonl, postsName, min, Lexicons.current(), out, errors);
    }

    /**
     * The same, deciding with the classifier data {@code lexiconVersion} ({@code cues-v2+slang-v1+rules-v1}, as an alert
     * records it) instead of this build's current ones.
     *
     * @throws IllegalArgumentException also when that version is not in this build
     */
    public static Summary run(Path registryCsv, Path watchlistJson, Reader postsJsonl, String postsName, Severity min,
                              String lexiconVersion, Consumer<Alert> out, Consumer<LineError> errors) throws IOException {
        PostClassifier classifier = Lexicons.classifier(lexiconVersion);
        if (!Files.isReadable(registryCsv)) {
            throw new IllegalArgumentException(registryCsv + ": no such file or not readable");
        }
        RegistryCsv.Result registry = RegistryCsv.read(registryCsv);
        registry.errors().forEach(errors);
        Watchlist watchlist = WatchlistFiles.read(watchlistJson);
        NetraAnalyzer analyzer = classifier.analyzer();
        RegistryIndex accounts = new RegistryIndex(registry.records());
        int posts = 0;
        int alerts = 0;
        int bad = 0;
        try (WatchlistIndex index = new WatchlistIndex(watchlist, analyzer);
             BufferedReader lines = new BufferedReader(postsJsonl)) {
            String line;
            long n = 0;
            while ((line = lines.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                Post post;
                try {
                    post = PostLines.parse(line);
                } catch (IllegalArgumentException e) {
                    bad++;
                    errors.accept(new LineError(postsName, n, e.getMessage()));
                    continue;
                }
                posts++;
                Optional<Alert> alert = decide(accounts, classifier, index, post);
                if (alert.isPresent() && alert.get().severity().atLeast(min)) {
                    alerts++;
                    out.accept(alert.get());
                }
            }
        }
        return new Summary(posts, alerts, bad, registry.errors().size());
    }

    /**
     * The alerts of at least {@code min} for {@code posts}, decided as {@link #run} decides the lines of a file: what a
     * classifier that had the whole registry and the watchlist before the first post must write.
     */
    public static List<Alert> classify(Collection<AsnRecord> registry, Watchlist watchlist, Collection<Post> posts, Severity min)
            throws IOException {
        NetraAnalyzer analyzer = new NetraAnalyzer();
        PostClassifier classifier = new PostClassifier(analyzer, Lexicon.load(analyzer));
        RegistryIndex accounts = new RegistryIndex(registry);
        List<Alert> out = new ArrayList<>();
        try (WatchlistIndex index = new WatchlistIndex(watchlist, analyzer)) {
            for (Post post : posts) {
                decide(accounts, classifier, index, post).filter(a -> a.severity().atLeast(min)).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<Alert> decide(RegistryIndex accounts, PostClassifier classifier, WatchlistIndex index, Post post) {
        Optional<AsnRecord> asn = accounts.find(post.platform(), post.author());
        return asn.isEmpty() ? Optional.empty() : classifier.classify(post, asn.get(), index);
    }
}
