package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.classifier.ClassifierConfig;
import id.netra.classifier.ClassifierService;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.ingest.IngestConfig;
import id.netra.ingest.IngestService;
import id.netra.ingest.IngestTopics;
import id.netra.model.AsnRecord;
import id.netra.model.DeadLetter;
import id.netra.model.Json;
import id.netra.model.Post;
import id.netra.model.Settings;
import id.netra.model.TopicReader;
import id.netra.model.Topics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 malformed records, and good posts between and after them: 9,000 bad lines in a file dropped into ingest's
 * inbox (broken JSON, wrong types, invalid dates, binary, lines and posts too large for their topic) and 1,000 bad
 * records written straight to {@code posts} for the classifier. Each must be on {@code posts-dlq} once, with a reason
 * that says what is wrong, while every good post goes through to its alert.
 */
class BadInputIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final int REGISTRY = 500;
    private static final String TIME = "\"2024-11-12T19:05:00+07:00\"";

    /** A kind of bad line: how to make the i-th, and what its dead letter's reason must say. */
    private record Bad(String reason, java.util.function.IntFunction<byte[]> line) {
    }

    private static final List<Bad> BAD_LINES = List.of(
            new Bad("not a valid post: Unexpected end-of-input", i -> text("{\"platform\":\"x\",\"postId\":\"b" + i + "\",\"text\":\"ter")),
            new Bad("postId: Cannot coerce Integer value", i -> text(post(String.valueOf(i), "\"https://x.com/a/status/" + i + "\"", "\"t\"", TIME))),
            new Bad("text: Cannot coerce Integer value", i -> text(post("\"t" + i + "\"", "\"https://x.com/a/status/" + i + "\"", String.valueOf(i), TIME))),
            new Bad("publishedAt: a number", i -> text(post("\"e" + i + "\"", "\"https://x.com/a/status/" + i + "\"", "\"t\"", "1731413100"))),
            new Bad("url must be an absolute http(s) address", i -> text(post("\"u" + i + "\"", "\"/a/status/" + i + "\"", "\"t\"", TIME))),
            new Bad("publishedAt", i -> text(post("\"d" + i + "\"", "\"https://x.com/a/status/" + i + "\"", "\"t\"", "\"2024-13-45T25:61:00+07:00\""))),
            new Bad("kind", i -> text(post("\"k" + i + "\"", "\"https://x.com/a/status/" + i + "\"", "\"t\"", TIME).replace("\"kind\":\"post\"", "\"kind\":3"))),
            new Bad("author is missing", i -> text(post("\"m" + i + "\"", "\"https://x.com/a/status/" + i + "\"", "\"t\"", TIME).replace("\"author\":{\"handle\":\"a\"},", ""))),
            new Bad("not a valid post", BadInputIT::binary));

    @Test
    void deadLettersEveryMalformedRecordWithItsReasonWhileGoodPostsFlow(@TempDir Path dir) throws Exception {
        List<AsnRecord> registry = FaultKit.registry(REGISTRY);
        List<Post> good = FaultKit.posts(3_000, REGISTRY);
        List<String> expectedAlerts = FaultKit.expectedAlertIds(registry, good);
        FaultKit.publish(KAFKA, registry);
        Map<String, Object> kafka = Map.of("bootstrap.servers", KAFKA.bootstrapServers());
        Path inbox = Files.createDirectories(dir.resolve("inbox"));

        // 8,995 bad lines of nine kinds, 5 too large for the topics, and 2,000 good posts between them.
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Map<Integer, String> badLines = new HashMap<>();
        int line = 0;
        int nextGood = 0;
        for (int i = 0; i < 8_995; i++) {
            Bad bad = BAD_LINES.get(i % BAD_LINES.size());
            file.write(bad.line().apply(i));
            badLines.put(++line, bad.reason());
            if (i % 9 == 4 && nextGood < 2_000) {
                file.write(text(Json.mapper().writeValueAsString(good.get(nextGood++))));
                line++;
            }
        }
        for (int i = 0; i < 3; i++) {
            file.write(text("{\"platform\":\"x\",\"text\":\"" + "z".repeat(2_500_000)));
            badLines.put(++line, "more than a line read as a post may have");
        }
        for (int i = 0; i < 2; i++) {
            file.write(text(post("\"big" + i + "\"", "\"https://x.com/a/status/big" + i + "\"", "\"" + "kata ".repeat(140_000) + "\"", TIME)));
            badLines.put(++line, "more than a post may have");
        }
        while (nextGood < 2_000) {
            file.write(text(Json.mapper().writeValueAsString(good.get(nextGood++))));
            line++;
        }

        ClassifierConfig classifierConfig = ClassifierConfig.from(Settings.of(Map.of(Settings.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers(),
                "classifier.state-dir", dir.resolve("classifier").toString())));
        try (ClassifierService classifier = new ClassifierService(classifierConfig);
             IngestService ingest = new IngestService(IngestConfig.jsonl(inbox, IngestConfig.DEFAULT_POLL_INTERVAL,
                     IngestConfig.DEFAULT_MAX_PER_POLL, IngestTopics.defaults(), kafka))) {
            classifier.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> classifier.registryAccounts(REGISTRY) == REGISTRY);
            ingest.start();
            drop(inbox, "mixed.jsonl", file.toByteArray());
            Map<String, String> badRecords = produceBadRecords(1_000);
            // Good posts keep coming after the bad ones.
            ByteArrayOutputStream later = new ByteArrayOutputStream();
            for (Post p : good.subList(2_000, good.size())) {
                later.write(text(Json.mapper().writeValueAsString(p)));
            }
            drop(inbox, "later.jsonl", later.toByteArray());

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> FaultKit.committedKeys(KAFKA, Topics.ALERTS.name()).size() >= expectedAlerts.size()
                            && deadLetters().size() >= badLines.size() + badRecords.size());

            List<DeadLetter> dead = deadLetters();
            assertThat(dead).hasSize(10_000);
            List<DeadLetter> fromIngest = dead.stream().filter(d -> d.source().equals("ingest:inbox")).toList();
            assertThat(fromIngest).extracting(DeadLetter::origin).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(badLines.keySet().stream().map(n -> "mixed.jsonl:" + n).toList());
            assertThat(fromIngest).allSatisfy(d -> assertThat(d.reason())
                    .contains(badLines.get(Integer.parseInt(d.origin().substring("mixed.jsonl:".length())))));
            List<DeadLetter> fromClassifier = dead.stream().filter(d -> d.source().equals("classifier")).toList();
            assertThat(fromClassifier).extracting(DeadLetter::key).containsExactlyInAnyOrderElementsOf(badRecords.keySet());
            assertThat(fromClassifier).allSatisfy(d -> assertThat(d.reason()).contains(badRecords.get(d.key())));
            assertThat(dead).filteredOn(DeadLetter::payloadTruncated).hasSize(3 + 3)
                    .allSatisfy(d -> assertThat(d.payloadSha256()).hasSize(64));

            Set<String> posted = new HashSet<>();
            TopicReader.readToEnd(kafka, Topics.POSTS, (k, v) -> posted.add(k));
            assertThat(posted).containsAll(good.stream().map(Post::key).toList());
            List<String> alerts = FaultKit.committedKeys(KAFKA, Topics.ALERTS.name());
            assertThat(alerts).hasSameSizeAs(expectedAlerts).containsExactlyInAnyOrderElementsOf(expectedAlerts);
        }
    }

    /** Bad records straight on {@code posts}, as a careless producer would write them: key -> what the reason must say. */
    private static Map<String, String> produceBadRecords(int count) {
        Map<String, String> expected = new HashMap<>();
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_000);
        Random random = new Random(11);
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String key = "bad-" + i;
                byte[] value;
                switch (i % 4) {
                    case 0 -> {
                        // Binary, three of them nearly as large as the topic takes: their dead letters keep the head only.
                        value = new byte[i < 12 ? 1_000_000 : 200 + random.nextInt(2_000)];
                        random.nextBytes(value);
                        value[0] = (byte) 0xC3;
                        expected.put(key, "Not a valid Post");
                    }
                    case 1 -> {
                        value = "{\"platform\":\"x\",\"postId\":".getBytes(StandardCharsets.UTF_8);
                        expected.put(key, "Unexpected end-of-input");
                    }
                    case 2 -> {
                        value = post(String.valueOf(i), "\"https://x.com/a/status/" + i + "\"", "\"t\"", TIME).getBytes(StandardCharsets.UTF_8);
                        expected.put(key, "postId: Cannot coerce Integer value");
                    }
                    default -> {
                        value = post("\"r" + i + "\"", "\"https://x.com/a/status/" + i + "\"", "\"t\"", "1731413100").getBytes(StandardCharsets.UTF_8);
                        expected.put(key, "publishedAt: a number");
                    }
                }
                p.send(new ProducerRecord<>(Topics.POSTS.name(), key, value));
            }
        }
        return expected;
    }

    private static List<DeadLetter> deadLetters() {
        List<DeadLetter> out = new ArrayList<>();
        TopicReader.readToEnd(Map.of("bootstrap.servers", KAFKA.bootstrapServers()), Topics.POSTS_DLQ, (k, v) -> out.add(v));
        return out;
    }

    private static void drop(Path inbox, String name, byte[] content) throws java.io.IOException {
        Path part = Files.write(inbox.resolve(name + ".part"), content);
        Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static String post(String postId, String url, String text, String publishedAt) {
        return "{\"platform\":\"x\",\"postId\":" + postId + ",\"url\":" + url + ",\"author\":{\"handle\":\"a\"},\"text\":" + text
                + ",\"publishedAt\":" + publishedAt + ",\"kind\":\"post\"}";
    }

    private static byte[] text(String line) {
        return (line + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A line of random bytes (none a newline), like a binary file dropped by mistake. */
    private static byte[] binary(int i) {
        byte[] b = new byte[100 + i % 400];
        new Random(i).nextBytes(b);
        for (int k = 0; k < b.length; k++) {
            if (b[k] == '\n' || b[k] == '\r') {
                b[k] = 0;
            }
        }
        b[0] = (byte) 0xFF;
        b[b.length - 1] = '\n';
        return b;
    }
}
