package id.netra.app;

import id.netra.ingest.IngestApp;
import id.netra.ingest.IngestConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the ingest service alone against any broker. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Runs the ingest service alone: follows a JSONL file or folder and writes posts to the posts topic,",
                       "bad lines to posts-dlq. Keys: ingest.jsonl.path (NETRA_INGEST_JSONL_PATH), ingest.poll-interval,",
                       "ingest.max-per-poll, kafka.* (KAFKA_*). Stops on Ctrl-C."})
final class IngestCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--path", paramLabel = "FILE_OR_DIR", description = "The JSONL file or folder to follow (ingest.jsonl.path).")
    Path path;

    @Override
    public Integer call() throws Exception {
        var settings = kafka.settings();
        if (path != null) {
            settings = settings.with("ingest.jsonl.path", path.toString());
        }
        IngestApp.run(IngestConfig.from(settings));
        return 0;
    }
}
