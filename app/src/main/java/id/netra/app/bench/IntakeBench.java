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
    private static final int WARMUP_POSTS = 30_000;

    private IntakeBench() {
    }

    static void run(PrintWriter out, Watchlist watchlist, Path base, int posts, Map<String, String> ingestSettings) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path inbox = Files.createDirectories(base.resolve("inbox"));
        List<Election> elections = watchlist.elections();
        int warmup = Math.min(WARMUP_POSTS, posts);
        Path staged = write(base.resolve("drop.jsonl"), warmup, warmup + posts, elections);
        Path warm = write(base.resolve("warm-up.jsonl"), 0, warmup, elections);
        out.printf("(i) file of %,d posts: %,d MiB (after a warm-up file of %,d other posts, as a running service would have seen)%n", posts,
                Files.size(staged) >> 20, warmup);
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
                Files.move(warm, inbox.resolve("warm-up.jsonl"), StandardCopyOption.ATOMIC_MOVE);
                BenchCommand.waitFor("warm-up ingested", () -> inbox(ingest).postsNew() >= warmup,
                        () -> String.format("%,d of %,d", inbox(ingest).postsNew(), warmup));
                long cpuStart = cpuNanos();
                long start = System.nanoTime();
                Files.move(staged, inbox.resolve("drop.jsonl"), StandardCopyOption.ATOMIC_MOVE);
                BenchCommand.waitFor("posts ingested", () -> inbox(ingest).postsNew() >= warmup + posts,
                        () -> String.format("%,d of %,d", inbox(ingest).postsNew() - warmup, posts));
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (cpuNanos() - cpuStart) / 1e9;
                AtomicLong transactions = new AtomicLong();
                TopicReader.readToEnd(Map.of("bootstrap.servers", kafka.bootstrapServers()), Topics.INGEST_CURSORS, (k, v) -> {
                    if (k.equals("inbox") && v.positions().containsKey("file:" + inbox.resolve("drop.jsonl"))) {
                        transactions.incrementAndGet();
                    }
                });
                out.printf("(i) intake of a dropped JSONL file: %,d posts in %.2f s = %,.0f posts/s (%,d transactions, each with the posts, "
                        + "their captures and versions and the file position)%n", posts, seconds, posts / seconds, transactions.get());
                out.printf("(i) CPU time of this process (ingest and the broker) meanwhile: %.2f s = %.0f µs per post; %.0f %% of %d CPU(s)%n",
                        cpu, cpu * 1e6 / posts, 100 * cpu / seconds / Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().availableProcessors());
            }
        }
    }

    /** Posts [from, to) as a JSONL file. */
    private static Path write(Path file, int from, int to, List<Election> elections) throws java.io.IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = from; i < to; i++) {
                w.write(Json.mapper().writeValueAsString(NationalData.post(i, i, elections)));
                w.write('\n');
            }
        }
        return file;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static SourceHealth inbox(IngestService ingest) {
        return ingest.health().stream().filter(h -> h.id().equals("inbox")).findFirst().orElseThrow();
    }
}
