package id.netra.app;

import id.netra.model.Watchlist;
import id.netra.model.WatchlistFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Publishes a watchlist version; the running classifier switches to it without restart. */
@Command(name = "watchlist", mixinStandardHelpOptions = true, description = "Manages watchlist versions.",
        subcommands = WatchlistCommand.Publish.class)
final class WatchlistCommand extends CommandGroup {
    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Validates a watchlist JSON (format: shared/data/FORMATS.md) and publishes it as the version in force.",
                           "Every problem is listed (unknown party ids, duplicate ballot numbers, empty names, unknown regions, ...).",
                           "A published version is never overwritten: publish changes under a new version."})
    static final class Publish implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Parameters(paramLabel = "FILE.json", description = "The watchlist file.")
        Path file;

        @Override
        public Integer call() {
            Watchlist w = WatchlistFiles.read(file);
            Publisher publisher = new Publisher(kafka.kafka());
            Watchlist existing = publisher.publishedWatchlists().get(w.version());
            if (existing != null) {
                if (existing.equals(w)) {
                    System.out.printf("watchlist version %s is already published, unchanged%n", w.version());
                    return 0;
                }
                throw new IllegalArgumentException(file + ": version " + w.version() + " is already published with other content; "
                        + "every version is kept for audits, so give the changed watchlist a new version");
            }
            publisher.publishWatchlist(w);
            System.out.printf("published watchlist version %s: %d election(s), %d party(ies)%n",
                    w.version(), w.elections().size(), w.parties().size());
            return 0;
        }
    }
}
