package id.netra.app.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The alerts service ({@code id.netra.alerts.AlertsApp}) in a JVM of its own with a bounded heap, as it runs in
 * production: the bench sees it only through HTTP, its process and the JDK's {@code jcmd}, so it measures whichever
 * implementation of the service is on the class path.
 */
final class AlertsChild implements AutoCloseable {
    private static final String MAIN = "id.netra.alerts.AlertsApp";

    private final Process process;
    private final int port;
    private final Path log;
    private final long startedAt;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AlertsChild(Process process, int port, Path log, long startedAt) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.startedAt = startedAt;
    }

    /**
     * The collector the alerts service is deployed with (docker-compose.yml and the Dockerfile's alerts image; .ci/check-compose
     * holds them to this), flags apart by one space: measured as it runs. The parallel collector, with half of the heap
     * for new objects from the start ({@code -XX:NewRatio=1}, the heap at its full size: {@code -Xms} as {@code -Xmx}):
     * building the state from the topics makes many short-lived objects (a million alerts read from JSON), and with the
     * collector's default (a third, grown from a small first heap) the collections stopped the service 3.4-3.6 s while the
     * topics were read, 2.5 s this way (docs/BENCHMARKS.md (aa)).
     */
    static final String COLLECTOR = "-XX:+UseParallelGC -XX:NewRatio=1";

    /**
     * Starts the service on the broker at {@code bootstrap} with {@code users} as its users file, {@code -Xms} and {@code -Xmx}
     * = {@code heap}, the {@link #COLLECTOR} and its state in {@code dir/alerts-state} (a second start there resumes from
     * it); its output goes to {@code dir/<name>.log}. {@code -XX:+ExitOnOutOfMemoryError}: a service out of heap stops at
     * once instead of answering slowly for minutes, and the bench says so.
     */
    static AlertsChild start(Path dir, String name, String bootstrap, Path users, String heap) throws IOException {
        return start(dir, name, "alerts-state", bootstrap, users, heap);
    }

    /**
     * As {@link #start(Path, String, String, Path, String)}, with the state in {@code dir/<state>}; snapshots of it go to
     * (and a new state starts from) {@code dir/alerts-snapshots}.
     */
    static AlertsChild start(Path dir, String name, String state, String bootstrap, Path users, String heap) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("alerts-app.properties");
        Files.writeString(config, String.join("\n", "kafka.bootstrap.servers=" + bootstrap, "http.host=127.0.0.1", "http.port=" + port,
                "alerts.users=" + users.toAbsolutePath(), "alerts.instance-id=bench-alerts",
                "alerts.state-dir=" + dir.resolve(state).toAbsolutePath(), "alerts.snapshot-dir=" + snapshots(dir).toAbsolutePath(), ""));
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(java(), "-Xms" + heap, "-Xmx" + heap));
        command.addAll(List.of(COLLECTOR.split(" ")));
        command.addAll(List.of("-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), MAIN, config.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The service reads KAFKA_* and NETRA_* from its environment over its file: none of the bench's may leak in.
        pb.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("NETRA_"));
        long t0 = System.nanoTime();
        return new AlertsChild(pb.start(), port, log, t0);
    }

    /** Where the service writes its snapshots (see {@code alerts.snapshot-dir}). */
    static Path snapshots(Path dir) {
        return dir.resolve("alerts-snapshots");
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Seconds since the process was started. */
    double uptime() {
        return (System.nanoTime() - startedAt) / 1e9;
    }

    /** The status of {@code GET path} without a session, or -1 when nothing answers. */
    int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Heap in use now: the sum of {@code jvm_memory_used_bytes{area="heap"}} on the service's {@code /metrics}
     * (loopback clients may read it), or empty when the service does not publish it.
     */
    OptionalLong heapUsed() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return OptionalLong.empty();
            }
            double sum = 0;
            boolean found = false;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
            return found ? OptionalLong.of((long) sum) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /**
     * The live heap: the bytes of the objects a full collection keeps, as {@code jcmd <pid> GC.class_histogram} counts
     * them at that collection (its "Total" line). Not the heap in use read after a collection: while an export runs,
     * what the service allocates between the collection and the read (tens of MiB at its rate) would count as live.
     */
    OptionalLong heapAfterGc() {
        Path jcmd = Path.of(java()).resolveSibling("jcmd");
        if (!Files.isExecutable(jcmd)) {
            return OptionalLong.empty();
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.class_histogram").redirectErrorStream(true).start();
            OptionalLong total = OptionalLong.empty();
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    String[] cells = line.trim().split("\\s+");
                    if (cells.length == 3 && cells[0].equals("Total")) {
                        total = OptionalLong.of(Long.parseLong(cells[2]));
                    }
                }
            }
            return p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0 ? total : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** Resident set size and its peak (VmRSS, VmHWM in /proc), in bytes; -1 where the system does not tell. */
    /**
     * The process's resident memory, its peak, and of it the memory of its own (heap, native buffers, SQLite's cache):
     * the rest is pages of files it maps (the state file's memory map), the operating system's cache, given back under
     * pressure. -1 where unknown.
     */
    long[] rss() {
        long[] out = {-1, -1, -1};
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    out[0] = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    out[1] = kib(line);
                } else if (line.startsWith("RssAnon:")) {
                    out[2] = kib(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process is gone: the figures stay unknown.
        }
        return out;
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }

    /** The last {@code lines} lines of the service's output, for a failure's message. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    Path log() {
        return log;
    }

    /** The exit code, or "none" while it runs. */
    String exitCode() {
        return process.isAlive() ? "none" : Integer.toString(process.exitValue());
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
