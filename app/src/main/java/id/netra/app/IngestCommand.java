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
        description = {"Runs the ingest service alone: the sources of a sources.yml (feeds, pages, Mastodon, imports; see",
                       "sources.example.yml) and/or a JSONL folder, into posts, captures and posts-dlq, exactly once.",
                       "Source health: GET http://localhost:8081/api/sources; report a post URL: POST /api/reports.",
                       "Keys: ingest.sources (NETRA_INGEST_SOURCES), ingest.jsonl.path, ingest.http.port, ingest.user-agent,",
                       "kafka.* (KAFKA_*). Edits of sources.yml apply without restart. Stops on Ctrl-C."})
final class IngestCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--path", paramLabel = "FILE_OR_DIR", description = "A JSONL file or folder to follow (ingest.jsonl.path).")
    Path path;

    @Option(names = "--sources", paramLabel = "SOURCES_YML", description = "The sources file (ingest.sources).")
    Path sources;

    @Override
    public Integer call() throws Exception {
        var settings = kafka.settings();
        if (path != null) {
            settings = settings.with("ingest.jsonl.path", path.toString());
        }
        if (sources != null) {
            settings = settings.with("ingest.sources", sources.toString());
        }
        return IngestApp.run(IngestConfig.from(settings), id.netra.ops.MetricsAccess.from(settings));
    }
}
