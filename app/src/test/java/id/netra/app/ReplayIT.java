package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.alerts.AlertsConfig;
import id.netra.alerts.AlertsService;
import id.netra.classifier.ClassifierConfig;
import id.netra.classifier.ClassifierService;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.AsnRecord;
import id.netra.model.Author;
import id.netra.model.Json;
import id.netra.model.JsonSerde;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.RegistryCsv;
import id.netra.model.ReplayReport;
import id.netra.model.Settings;
import id.netra.model.Topics;
import id.netra.model.Watchlist;
import id.netra.model.WatchlistFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Posts collected over six simulated days while the watchlist changes version (day 4) and an ASN's record changes
 * (day 5), classified live; then {@code netra replay} of the period: with the recorded versions three times (all
 * identical, byte for byte), and with the newest watchlist (exactly the posts the new version judges otherwise).
 */
class ReplayIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final Instant DAY_1 = Instant.parse("2024-11-01T00:00:00Z");
    /** Named as candidate 1 in both versions: an alert under either. */
    private static final String VOTE = "Ayo coblos Arif Gunawan, nomor 1!";
    /** "Pak Teguh" is an alias of candidate 2 in the first version only. */
    private static final String OLD_ALIAS = "Dukung Pak Teguh sampai menang!";
    /** "Cak Arif" is an alias of candidate 1 in the second version only. */
    private static final String NEW_ALIAS = "Dukung Cak Arif sampai menang!";
    private static final String UNRELATED = "Cuaca Madiun cerah hari ini.";

    private static Instant day(int d) {
        return DAY_1.plus(Duration.ofDays(d - 1));
    }

    @Test
    void replaysAPeriodIdenticallyWithTheRecordedVersionsAndReportsWhatTheNewestWatchlistChanges(@TempDir Path dir) throws Exception {
        Topics.createMissing(KAFKA.admin());
        List<AsnRecord> registry = RegistryCsv.read(NetraCliTest.fixture(dir, "registry.csv")).records();
        Watchlist v1 = WatchlistFiles.read(NetraCliTest.fixture(dir, "watchlist.json"));
        Watchlist v2 = secondVersion(v1);
        AsnRecord dimas = registry.stream().filter(r -> r.name().equals("Dimas Prakoso")).findFirst().orElseThrow();
        AsnRecord dimasMoved = new AsnRecord(dimas.nip(), dimas.name(), dimas.agency(), "Dinas Pendidikan", dimas.position(),
                dimas.regionCode(), dimas.supervisorName(), dimas.supervisorEmail(), dimas.accounts());

        send(Topics.WATCHLIST.name(), v1.version(), Json.mapper().writeValueAsBytes(v1), day(1));
        for (AsnRecord r : registry) {
            send(Topics.REGISTRY.name(), r.nip(), Json.mapper().writeValueAsBytes(r), day(1));
        }
        ClassifierConfig config = ClassifierConfig.from(Settings.of(Map.of(Settings.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers(),
                "classifier.state-dir", dir.resolve("streams").toString())));
        List<String> texts = List.of(VOTE, OLD_ALIAS, NEW_ALIAS, UNRELATED);
        try (ClassifierService classifier = new ClassifierService(config)) {
            classifier.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> classifier.registryAccounts(4) == 4);
            for (int d = 1; d <= 3; d++) {
                postDay(d, texts);
            }
            send(Topics.WATCHLIST.name(), v2.version(), Json.mapper().writeValueAsBytes(v2), day(4));
            send(Topics.REGISTRY.name(), dimas.nip(), Json.mapper().writeValueAsBytes(dimasMoved), day(5));
            // The live classifier judges by publishedAt, but it can only use a version it has read: a post arriving in
            // the moment before would be judged with the previous one (the replay report would show it as changed).
            await().atMost(Duration.ofSeconds(30)).until(() -> classifier.watchlistVersions().contains(v2.version())
                    && classifier.registryVersions("x:dimas_prk") == 2);
            for (int d = 4; d <= 6; d++) {
                postDay(d, texts);
            }
            postDay(8, texts); // outside the period replayed
            sendCorruptPost();
            // Per day VOTE and one alias post are flagged (OLD_ALIAS under v1, NEW_ALIAS under v2): 2 a day, 7 days.
            await().atMost(Duration.ofSeconds(90)).until(() -> readAll(Topics.ALERTS.name()).size() == 14);

            Map<String, byte[]> recorded = inPeriod(readAll(Topics.ALERTS.name()));
            assertThat(recorded).hasSize(12);
            int liveAlerts = readAll(Topics.ALERTS.name()).size();

            // (a) With the versions in force when each post was published, three times: all identical, byte for byte.
            List<Map<String, byte[]>> runs = new ArrayList<>();
            for (String run : List.of("a1", "a2", "a3")) {
                ReplayReport report = replay(dir, run);
                assertThat(report.counts()).isEqualTo(new ReplayReport.Counts(12, 0, 0, 0, 12, 12));
                assertThat(report.postsInPeriod()).isEqualTo(24);
                assertThat(report.entries()).allSatisfy(e -> {
                    assertThat(e.kind()).isEqualTo(ReplayReport.Kind.IDENTICAL);
                    assertThat(e.replayed()).isEqualTo(e.recorded());
                });
                runs.add(readAll(Topics.ALERTS_REPLAY_PREFIX + run).stream()
                        .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value)));
            }
            for (Map<String, byte[]> run : runs) {
                assertThat(run.keySet()).isEqualTo(recorded.keySet());
                run.forEach((id, bytes) -> assertThat(new String(bytes, StandardCharsets.UTF_8)).as(id)
                        .isEqualTo(new String(recorded.get(id), StandardCharsets.UTF_8)));
            }

            // (b) With the newest watchlist: the first three days differ, exactly as the versions differ.
            ReplayReport newest = replay(dir, "b1", "--watchlist-version", v2.version());
            assertThat(newest.versions().watchlist()).isEqualTo(v2.version());
            Map<ReplayReport.Kind, Set<String>> byKind = new HashMap<>();
            newest.entries().forEach(e -> byKind.computeIfAbsent(e.kind(), k -> new LinkedHashSet<>()).add(e.postKey()));
            assertThat(byKind.get(ReplayReport.Kind.CHANGED)).containsExactlyInAnyOrder(keys(1, 3, VOTE, texts));
            assertThat(byKind.get(ReplayReport.Kind.MISSING)).containsExactlyInAnyOrder(keys(1, 3, OLD_ALIAS, texts));
            assertThat(byKind.get(ReplayReport.Kind.NEW)).containsExactlyInAnyOrder(keys(1, 3, NEW_ALIAS, texts));
            assertThat(byKind.get(ReplayReport.Kind.IDENTICAL)).containsExactlyInAnyOrder(
                    concat(keys(4, 6, VOTE, texts), keys(4, 6, NEW_ALIAS, texts)));
            assertThat(newest.entries()).filteredOn(e -> e.kind() == ReplayReport.Kind.CHANGED).allSatisfy(e -> {
                assertThat(e.changes()).extracting(ReplayReport.Change::field).containsExactly("id", "watchlistVersion");
                assertThat(e.recorded().watchlist()).isEqualTo(v1.version());
                assertThat(e.replayed().watchlist()).isEqualTo(v2.version());
            });
            assertThat(newest.counts()).isEqualTo(new ReplayReport.Counts(6, 3, 3, 3, 12, 12));

            // (c) With the registry as of day 6: the posts before Dimas's change on day 5 now carry his new record.
            ReplayReport asOf = replay(dir, "c1", "--registry-as-of", "2024-11-06T00:00:00Z");
            assertThat(asOf.counts()).isEqualTo(new ReplayReport.Counts(4, 8, 0, 0, 12, 12));
            assertThat(asOf.entries()).filteredOn(e -> e.kind() == ReplayReport.Kind.CHANGED).allSatisfy(e ->
                    assertThat(e.changes()).extracting(ReplayReport.Change::field).containsExactly("id", "asn", "registryVersion"));

            // The replays wrote their own topics only.
            assertThat(readAll(Topics.ALERTS.name())).hasSize(liveAlerts);
            assertThat(Files.readString(dir.resolve("reports").resolve("b1.html"))).contains("b1", v2.version());

            // The alerts app lists the reports for auditors.
            Path usersFile = dir.resolve("users.yml");
            Map<String, String> passwords = id.netra.alerts.auth.UsersFile.writeDemo(usersFile);
            try (AlertsService alerts = new AlertsService(new AlertsConfig("127.0.0.1", 0, Topics.ALERTS,
                    Map.of("bootstrap.servers", KAFKA.bootstrapServers())).withAuth(id.netra.alerts.auth.AuthConfig.defaults().withUsersFile(usersFile)))) {
                alerts.start();
                assertThat(login(alerts, "analis", passwords.get("analis"))).isEqualTo(303);
                assertThat(status(alerts, "/laporan")).as("an analyst may not read replay reports").isEqualTo(403);
                assertThat(login(alerts, "auditor", passwords.get("auditor"))).isEqualTo(303);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(get(alerts, "/laporan")).contains("a1", "a2", "a3", "b1"));
                assertThat(get(alerts, "/laporan/b1")).contains(v2.version(), keys(1, 1, OLD_ALIAS, texts)[0]);
            }
        }

        // The state directory lost: the account table is rebuilt from registry-accounts alone (Kafka Streams runs the
        // merging processor over the topic), with the same histories: a post of day 2 arriving now is judged with
        // Dimas's record of day 2, one of day 7 with his record of day 5.
        org.apache.kafka.common.utils.Utils.delete(dir.resolve("streams").toFile());
        int before = readAll(Topics.ALERTS.name()).size();
        try (ClassifierService rebuilt = new ClassifierService(config)) {
            rebuilt.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> rebuilt.registryVersions("x:dimas_prk") == 2
                    && rebuilt.registryAccounts(100) == registry.stream().mapToLong(r -> r.accounts().size()).sum());
            JsonSerde<Post> serde = new JsonSerde<>(Post.class);
            for (int d : new int[] {2, 7}) {
                Post late = new Post(Platform.X, "late" + d, URI.create("https://x.com/Dimas_Prk/status/late" + d), new Author("@Dimas_Prk", null),
                        VOTE, day(d).plus(Duration.ofHours(9)).atOffset(ZoneOffset.ofHours(7)), PostKind.POST);
                send(Topics.POSTS.name(), late.key(), serde.serialize("", late), Instant.now());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> readAll(Topics.ALERTS.name()).size() == before + 2);
            Map<String, String> unitByPost = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : readAll(Topics.ALERTS.name())) {
                var alert = Json.mapper().readTree(r.value());
                if (alert.path("postId").asText().startsWith("late")) {
                    unitByPost.put(alert.path("postId").asText(), alert.path("asn").path("unit").asText(null));
                }
            }
            assertThat(unitByPost).containsEntry("late2", dimas.unit()).containsEntry("late7", "Dinas Pendidikan");
        }
    }

    @Test
    void refusesAnUnknownWatchlistOrLexiconVersionListingTheKnownOnes(@TempDir Path dir) throws Exception {
        Topics.createMissing(KAFKA.admin());
        send(Topics.WATCHLIST.name(), "known-1", Json.mapper().writeValueAsBytes(
                new Watchlist("known-1", List.of(), List.of())), Instant.parse("2026-01-01T00:00:00Z"));
        StringWriter err = new StringWriter();
        var cmd = Netra.commandLine();
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute("replay", "-b", KAFKA.bootstrapServers(), "--from", "2024-11-01", "--to", "2024-11-02",
                "--run-id", "bad-version", "--report-dir", dir.toString(), "--watchlist-version", "nope");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("'nope'").contains("known-1");

        StringWriter lexiconErr = new StringWriter();
        var again = Netra.commandLine();
        again.setErr(new PrintWriter(lexiconErr));
        assertThat(again.execute("replay", "-b", KAFKA.bootstrapServers(), "--from", "2024-11-01", "--to", "2024-11-02",
                "--run-id", "bad-lexicon", "--report-dir", dir.toString(), "--lexicon-version", "cues-v9+slang-v1+rules-v1")).isEqualTo(2);
        assertThat(lexiconErr.toString()).contains("cues-v9").contains("cues-v1, cues-v2");
    }

    private static String[] concat(String[] a, String[] b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    /** The post keys of {@code text} posted on days {@code from} to {@code to}. */
    private static String[] keys(int from, int to, String text, List<String> texts) {
        List<String> out = new ArrayList<>();
        for (int d = from; d <= to; d++) {
            out.add("x:" + (d * 10 + texts.indexOf(text)));
        }
        return out.toArray(String[]::new);
    }

    private static Watchlist secondVersion(Watchlist v1) throws Exception {
        String json = Json.mapper().writeValueAsString(v1)
                .replace("\"version\":\"" + v1.version() + "\"", "\"version\":\"it-2024.11.04\"")
                .replace("[\"Mas Arif\"]", "[\"Mas Arif\",\"Cak Arif\"]")
                .replace("[\"Pak Teguh\"]", "[]");
        Watchlist v2 = Json.mapper().readValue(json, Watchlist.class);
        assertThat(v2).isNotEqualTo(v1);
        return v2;
    }

    private static ReplayReport replay(Path dir, String run, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("replay", "-b", KAFKA.bootstrapServers(), "--from", "2024-11-01T00:00:00Z",
                "--to", "2024-11-07T00:00:00Z", "--run-id", run, "--report-dir", dir.resolve("reports").toString()));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cmd = Netra.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute(args.toArray(String[]::new))).as(err.toString()).isZero();
        assertThat(err.toString()).contains("posts read");
        assertThat(out.toString()).contains("posts/s");
        return Json.mapper().readValue(dir.resolve("reports").resolve(run + ".json").toFile(), ReplayReport.class);
    }

    private static void postDay(int d, List<String> texts) throws Exception {
        JsonSerde<Post> serde = new JsonSerde<>(Post.class);
        for (int i = 0; i < texts.size(); i++) {
            int id = d * 10 + i;
            Post post = new Post(Platform.X, Integer.toString(id), URI.create("https://x.com/Dimas_Prk/status/" + id),
                    new Author("@Dimas_Prk", null), texts.get(i), day(d).plus(Duration.ofHours(3 + i)).atOffset(ZoneOffset.ofHours(7)),
                    PostKind.POST);
            send(Topics.POSTS.name(), post.key(), serde.serialize("", post), Instant.now());
        }
    }

    private static void sendCorruptPost() throws Exception {
        send(Topics.POSTS.name(), "x:corrupt", "{\"platform\":\"x\",".getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    private static void send(String topic, String key, byte[] value, Instant timestamp) throws Exception {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key, value)).get();
        }
    }

    /** The recorded alerts of posts published in the replayed period, by id. */
    private static Map<String, byte[]> inPeriod(List<ConsumerRecord<String, byte[]>> alerts) throws Exception {
        Map<String, byte[]> out = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : alerts) {
            Instant at = java.time.OffsetDateTime.parse(Json.mapper().readTree(r.value()).path("post").path("publishedAt").asText()).toInstant();
            if (at.isBefore(day(7))) {
                out.put(r.key(), r.value());
            }
        }
        return out;
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /** Keeps the session cookie of the last login. */
    private static final HttpClient WEB = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();

    private static int login(AlertsService alerts, String name, String password) throws Exception {
        ((java.net.CookieManager) WEB.cookieHandler().orElseThrow()).getCookieStore().removeAll();
        return WEB.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alerts.port() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + name + "&password=" + java.net.URLEncoder.encode(password,
                        java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int status(AlertsService alerts, String path) throws Exception {
        return WEB.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alerts.port() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String get(AlertsService alerts, String path) throws Exception {
        HttpResponse<String> r = WEB.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + alerts.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }
}
