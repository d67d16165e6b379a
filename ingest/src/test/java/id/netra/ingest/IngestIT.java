package id.netra.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.DeadLetter;
import id.netra.model.JsonSerde;
import id.netra.model.Post;
import id.netra.model.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class IngestIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void sendsEveryGoodLineToPostsAndTheBadOneToTheDeadLetterTopic(@TempDir Path dir) throws IOException {
        String posts = KAFKA.uniqueName("posts");
        String dlq = KAFKA.uniqueName("posts-dlq");
        KAFKA.createTopic(posts, 3, Map.of());
        KAFKA.createTopic(dlq, 1, Map.of());
        Path file = Files.writeString(dir.resolve("in.jsonl"),
                JsonlSourceTest.line("101") + "{\"platform\":\"x\",\"postId\":\n" + JsonlSourceTest.line("103"));
        IngestConfig config = new IngestConfig(file, null, Duration.ofMillis(100), 1000, Topics.POSTS.withName(posts),
                Topics.POSTS_DLQ.withName(dlq), Map.of("bootstrap.servers", KAFKA.bootstrapServers()));

        try (IngestService service = new IngestService(config);
             KafkaConsumer<String, Post> postConsumer = consumer(posts, Post.class);
             KafkaConsumer<String, DeadLetter> dlqConsumer = consumer(dlq, DeadLetter.class)) {
            service.start();
            List<ConsumerRecord<String, Post>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                postConsumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                assertThat(seen).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("x:101", "x:103");
            });

            Files.writeString(file, JsonlSourceTest.line("104"), StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                postConsumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                assertThat(seen).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("x:101", "x:103", "x:104");
            });
            assertThat(seen).extracting(r -> r.value().text()).contains("halo 104");

            List<DeadLetter> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                dlqConsumer.poll(Duration.ofMillis(200)).forEach(r -> dead.add(r.value()));
                assertThat(dead).hasSize(1);
            });
            assertThat(dead.getFirst().origin()).isEqualTo("in.jsonl:2");
            assertThat(dead.getFirst().reason()).startsWith("not a valid post");
            assertThat(dead.getFirst().payload()).isEqualTo("{\"platform\":\"x\",\"postId\":");
            assertThat(service.postsSent()).isEqualTo(3);
            assertThat(service.linesRejected()).isEqualTo(1);
        }
    }

    private static <V> KafkaConsumer<String, V> consumer(String topic, Class<V> type) {
        KafkaConsumer<String, V> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, KAFKA.uniqueName("it"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new JsonSerde<>(type));
        c.subscribe(List.of(topic));
        return c;
    }
}
