package id.netra.app.bench;

import id.netra.embedded.EmbeddedKafka;
import id.netra.ingest.IngestConfig;
import id.netra.ingest.IngestService;
import id.netra.ingest.SourceHealth;
import id.netra.model.Election;
import id.netra.model.Json;
import id.netra.model.Settings;
import id.netra.model.Topics;
import id.netra.model.TopicReader;
import id.netra.model.Watchlist;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code netra bench --only intake}: a JSONL file of generated posts dropped into the inbox folder of an ingest service
 * configured as {@code netra ingest} and {@code netra up} are by default; the time from the drop until every post is
 * committed to {@code posts} (with its capture, version and the file position), and the transactions it took.
 */
final class IntakeBench {
    private IntakeBench() {
    }

    static void run(PrintWriter out, Watchlist watchlist, Path base, int posts, Map<String, String> ingestSettings) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path inbox = Files.createDirectories(base.resolve("inbox"));
        Path staged = base.resolve("drop.jsonl");
        List<Election> elections = watchlist.elections();
        try (BufferedWriter w = Files.newBufferedWriter(staged, StandardCharsets.UTF_8)) {
            for (int i = 0; i < posts; i++) {
                w.write(Json.mapper().writeValueAsString(NationalData.post(i, i, elections)));
                w.write('\n');
            }
        }
        out.printf("(i) file of %,d posts: %,d MiB%n", posts, Files.size(staged) >> 20);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(base.resolve("kafka"), port);
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Topics.createMissing(admin);
            Map<String, String> settings = new HashMap<>(ingestSettings);
            settings.putAll(Map.of(Settings.BOOTSTRAP_SERVERS, kafka.bootstrapServers(), "ingest.jsonl.path", inbox.toString(),
                    "ingest.http.port", "-1"));
            if (!ingestSettings.isEmpty()) {
                out.printf("ingest settings: %s%n", ingestSettings);
            }
            try (IngestService ingest = new IngestService(IngestConfig.from(Settings.of(settings)))) {
                ingest.start();
                long start = System.nanoTime();
                Files.move(staged, inbox.resolve("drop.jsonl"), StandardCopyOption.ATOMIC_MOVE);
                BenchCommand.waitFor("posts ingested", () -> inbox(ingest).postsNew() >= posts,
                        () -> String.format("%,d of %,d", inbox(ingest).postsNew(), posts));
                double seconds = (System.nanoTime() - start) / 1e9;
                AtomicLong transactions = new AtomicLong();
                TopicReader.readToEnd(Map.of("bootstrap.servers", kafka.bootstrapServers()), Topics.INGEST_CURSORS, (k, v) -> {
                    if (k.equals("inbox")) {
                        transactions.incrementAndGet();
                    }
                });
                out.printf("(i) intake of a dropped JSONL file: %,d posts in %.2f s = %,.0f posts/s (%,d transactions, each with the posts, "
                        + "their captures and versions and the file position)%n", posts, seconds, posts / seconds, transactions.get());
            }
        }
    }

    private static SourceHealth inbox(IngestService ingest) {
        return ingest.health().stream().filter(h -> h.id().equals("inbox")).findFirst().orElseThrow();
    }
}
