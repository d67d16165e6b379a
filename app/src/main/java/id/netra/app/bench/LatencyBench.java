package id.netra.app.bench;

import id.netra.alerts.AlertsConfig;
import id.netra.alerts.AlertsService;
import id.netra.alerts.auth.AuthConfig;
import id.netra.alerts.auth.UsersFile;
import id.netra.classifier.ClassifierConfig;
import id.netra.classifier.ClassifierService;
import id.netra.classifier.OfflineClassifier;
import id.netra.embedded.EmbeddedKafka;
import id.netra.ingest.IngestConfig;
import id.netra.ingest.IngestService;
import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.Election;
import id.netra.model.Json;
import id.netra.model.JsonSerde;
import id.netra.model.Post;
import id.netra.model.Settings;
import id.netra.model.Severity;
import id.netra.model.Topics;
import id.netra.model.Watchlist;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code netra bench --only latency}: the whole path as {@code netra up} runs it, under a steady load. Posts are
 * appended to a JSONL file in ingest's inbox at a fixed rate; ingest, the classifier and the alerts service run with
 * their default settings; an analyst's page listens to the alerts service's live stream ({@code GET /api/live}, the
 * moment an alert is in the feed and served). For every alert: the time from its post's line being written to the
 * inbox (its arrival at ingest) to the live event reaching the listener. Prints p50, p95, p99 and the maximum after a
 * warm-up.
 */
final class LatencyBench {
    /** The post of each alert the classifier must serve, by alert id. */
    private final Map<String, Integer> postOfAlert = new HashMap<>();
    private final PrintWriter out;

    private LatencyBench(PrintWriter out) {
        this.out = out;
    }

    static void run(PrintWriter out, Watchlist watchlist, Path base, long registrySize, int rate, Duration duration, Duration warmup,
                    Map<String, String> classifierSettings, Map<String, String> ingestSettings) throws Exception {
        new LatencyBench(out).measure(watchlist, base, registrySize, rate, duration, warmup, classifierSettings, ingestSettings);
    }

    private void measure(Watchlist watchlist, Path base, long registrySize, int rate, Duration duration, Duration warmup,
                         Map<String, String> classifierSettings, Map<String, String> ingestSettings) throws Exception {
        int count = (int) Math.min(Integer.MAX_VALUE - 1, rate * duration.toMillis() / 1000);
        List<Election> elections = watchlist.elections();
        byte[][] lines = new byte[count][];
        List<Post> posts = new java.util.ArrayList<>(count);
        Map<String, Integer> postIndex = new HashMap<>();
        for (int i = 0; i < count; i++) {
            Post p = NationalData.post(i, (i * 7919L) % registrySize, elections);
            posts.add(p);
            postIndex.put(p.postId(), i);
            lines[i] = (Json.mapper().writeValueAsString(p) + "\n").getBytes(StandardCharsets.UTF_8);
        }
        // The alerts the classifier must serve, decided offline with the same code: the latency of each, and none missed.
        List<AsnRecord> registry = java.util.stream.LongStream.range(0, registrySize).mapToObj(i -> NationalData.asn(i, elections)).toList();
        for (Alert a : OfflineClassifier.classify(registry, watchlist, posts, Severity.LOW)) {
            postOfAlert.put(a.id(), postIndex.get(a.postId()));
        }
        posts = null;
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(base.resolve("kafka"), port);
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Topics.createMissing(admin);
            Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers());
            long accounts = publish(props, watchlist, registrySize);

            Map<String, String> cs = new HashMap<>(classifierSettings);
            cs.putAll(Map.of(Settings.BOOTSTRAP_SERVERS, kafka.bootstrapServers(), "classifier.state-dir", base.resolve("classifier").toString()));
            Path inbox = Files.createDirectories(base.resolve("inbox"));
            Map<String, String> is = new HashMap<>(ingestSettings);
            is.putAll(Map.of(Settings.BOOTSTRAP_SERVERS, kafka.bootstrapServers(), "ingest.jsonl.path", inbox.toString(), "ingest.http.port", "-1"));
            Path users = base.resolve("users.yml");
            String password = UsersFile.writeDemo(users).get("analis");
            try (ClassifierService classifier = new ClassifierService(ClassifierConfig.from(Settings.of(cs)));
                 AlertsService alerts = new AlertsService(new AlertsConfig("127.0.0.1", 0, Topics.ALERTS, props)
                         .withAuth(AuthConfig.defaults().withUsersFile(users)));
                 IngestService ingest = new IngestService(IngestConfig.from(Settings.of(is)))) {
                classifier.start();
                long t0 = System.nanoTime();
                BenchCommand.waitFor("registry loaded", () -> classifier.registryAccounts(accounts) == accounts,
                        () -> String.format("%.0f s", (System.nanoTime() - t0) / 1e9));
                alerts.start();
                ingest.start();
                long[] arrived = new long[count];
                long[] served = new long[count];
                AtomicLong unknown = new AtomicLong();
                Listener listener = new Listener(alerts.port(), password, served, unknown);
                listener.start();
                BenchCommand.waitFor("live stream open", () -> alerts.liveListeners() == 1, () -> "not yet");
                out.printf("(l) %,d posts at %,d/s for %s (warm-up %s not counted) into %s; registry %,d ASN, watchlist %d elections%n",
                        count, rate, duration, warmup, inbox, registrySize, elections.size());
                out.flush();
                long start = feed(inbox.resolve("latency.jsonl"), lines, arrived, rate);
                long fed = System.nanoTime();
                BenchCommand.waitFor("the last alerts", () -> listener.received.get() >= postOfAlert.size()
                                || System.nanoTime() - fed > Duration.ofMinutes(2).toNanos(),
                        () -> String.format("%,d of %,d alerts served", listener.received.get(), postOfAlert.size()));
                listener.close();
                report(arrived, served, start + warmup.toNanos(), listener.received.get(), unknown.get(), (fed - start) / 1e9, count);
                out.printf("(l) alerts expected (offline classifier): %,d; served: %,d; missing: %,d%n", postOfAlert.size(),
                        listener.received.get(), postOfAlert.size() - listener.received.get());
            }
        }
    }

    /** The registry and the watchlist, in one go each; returns the number of accounts. */
    private static long publish(Map<String, Object> props, Watchlist watchlist, long registrySize) {
        Map<String, Object> p = new HashMap<>(props);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long accounts = 0;
        JsonSerde<AsnRecord> asns = new JsonSerde<>(AsnRecord.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.WATCHLIST.name(), watchlist.version(), new JsonSerde<>(Watchlist.class).serialize("", watchlist)));
            for (long i = 0; i < registrySize; i++) {
                AsnRecord r = NationalData.asn(i, watchlist.elections());
                accounts += r.accounts().size();
                producer.send(new ProducerRecord<>(Topics.REGISTRY.name(), r.nip(), asns.serialize("", r)));
            }
        }
        return accounts;
    }

    /**
     * Appends the lines to the file at the rate, in a batch every 10 ms, each batch flushed before its time is taken:
     * then a line is there for ingest to read. Returns when the feeding started.
     */
    private static long feed(Path file, byte[][] lines, long[] arrived, int rate) throws IOException {
        long start = System.nanoTime();
        try (OutputStream o = Files.newOutputStream(file)) {
            int next = 0;
            while (next < lines.length) {
                long now = System.nanoTime();
                int due = (int) Math.min(lines.length, (now - start) * rate / 1_000_000_000L + 1);
                int from = next;
                for (; next < due; next++) {
                    o.write(lines[next]);
                }
                o.flush();
                Arrays.fill(arrived, from, next, System.nanoTime());
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
        }
        return start;
    }

    private void report(long[] arrived, long[] served, long countFrom, long received, long unknown, double feedSeconds, long posts) {
        long[] latencies = new long[arrived.length];
        int n = 0;
        int warm = 0;
        for (int i = 0; i < arrived.length; i++) {
            if (served[i] != 0) {
                if (arrived[i] < countFrom) {
                    warm++;
                } else {
                    latencies[n++] = served[i] - arrived[i];
                }
            }
        }
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        out.printf("(l) fed %,d posts in %.1f s (%,.0f posts/s); %,d alerts served on the live stream (%,d in the warm-up), %d with an unexpected id%n",
                posts, feedSeconds, posts / feedSeconds, received, warm, unknown);
        if (n == 0) {
            out.println("(l) no alert after the warm-up: no latency to report");
            return;
        }
        out.printf("(l) latency from arrival at ingest to the alert served on the live stream, %,d alerts: p50 %.2f s, p95 %.2f s, p99 %.2f s, max %.2f s%n",
                n, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[n - 1] / 1e9);
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e9;
    }

    /** An analyst's page: logged in, listening to {@code /api/live}; notes when each alert is announced. */
    private final class Listener implements AutoCloseable {
        final AtomicLong received = new AtomicLong();
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        private final int port;
        private final String password;
        private final long[] served;
        private final AtomicLong unknown;
        private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
        private Thread thread;
        private volatile Stream<String> stream;

        Listener(int port, String password, long[] served, AtomicLong unknown) {
            this.port = port;
            this.password = password;
            this.served = served;
            this.unknown = unknown;
        }

        void start() throws IOException, InterruptedException {
            int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("name=analis&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 303) {
                throw new IllegalStateException("the bench could not log in to the alerts service: HTTP " + status);
            }
            thread = new Thread(() -> {
                HttpResponse<Stream<String>> response;
                try {
                    response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/live"))
                            .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (response.statusCode() != 200) {
                    System.err.println("the live stream answered HTTP " + response.statusCode());
                    return;
                }
                stream = response.body();
                boolean alert = false;
                try {
                    for (String line : (Iterable<String>) stream::iterator) {
                        if (line.startsWith("event:")) {
                            alert = line.substring(6).strip().equals("alert");
                        } else if (alert && line.startsWith("data:")) {
                            long now = System.nanoTime();
                            String id = Json.mapper().readTree(line.substring(5)).get("id").asText();
                            Integer post = postOfAlert.get(id);
                            if (post == null) {
                                unknown.incrementAndGet();
                            } else if (seen.putIfAbsent(id, true) == null) {
                                served[post] = now;
                                received.incrementAndGet();
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // The stream ends when the bench closes it.
                }
            }, "latency-listener");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            if (stream != null) {
                stream.close();
            }
        }
    }
}
