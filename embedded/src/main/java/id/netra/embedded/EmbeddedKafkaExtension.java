package id.netra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link EmbeddedKafka} per test class, in a temporary directory deleted after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
 * }</pre>
 *
 * {@code @Nested} classes share the outer class's broker.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final AtomicInteger nameCounter = new AtomicInteger();
    /** Nesting depth of test classes using this instance; the broker lives while it is above 0. */
    private int depth;
    private Path dataDir;
    private EmbeddedKafka kafka;
    private Admin admin;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws IOException {
        if (depth++ > 0) {
            return;
        }
        dataDir = Files.createTempDirectory("netra-kafka-");
        kafka = EmbeddedKafka.start(dataDir, 0);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws IOException {
        if (--depth > 0) {
            return;
        }
        // JUnit calls afterAll even when beforeAll failed half-way, hence the null checks.
        Admin client = admin;
        EmbeddedKafka broker = kafka;
        Path dir = dataDir;
        admin = null;
        kafka = null;
        dataDir = null;
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            try {
                if (broker != null) {
                    broker.close();
                }
            } finally {
                deleteRecursively(dir);
            }
        }
    }

    /** The broker's client address, {@code localhost:<port>}. */
    public synchronized String bootstrapServers() {
        return started().bootstrapServers();
    }

    /**
     * Stops the broker cleanly and starts it again on the same data and port, as an operator restarting Kafka does;
     * clients reconnect by themselves. For fault tests.
     */
    public synchronized void restart() {
        EmbeddedKafka broker = started();
        int port = Integer.parseInt(broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1));
        kafka = null;
        broker.close();
        kafka = EmbeddedKafka.start(dataDir, port);
    }

    /** An {@link Admin} client shared by the class; the extension closes it. */
    public synchronized Admin admin() {
        started();
        return admin;
    }

    /**
     * Creates a topic with replication factor 1 and waits until the broker serves every partition,
     * so producers, consumers and Streams apps started next see it at once.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        Admin client = admin();
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(Map.copyOf(configs));
        try {
            client.createTopics(List.of(topic)).all().get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name + ".", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topic " + name + ": " + e.getMessage(), e);
        }
        Awaitility.await("topic " + name + " served with " + partitions + " partitions")
                .atMost(TOPIC_TIMEOUT)
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptions()
                .until(() -> isServed(client, name, partitions));
    }

    /** {@code prefix + "-" + n}, with n unique within this extension: one topic name per test. */
    public String uniqueName(String prefix) {
        return prefix + "-" + nameCounter.incrementAndGet();
    }

    private static boolean isServed(Admin client, String name, int partitions) throws Exception {
        TopicDescription description = client.describeTopics(Set.of(name)).allTopicNames().get().get(name);
        List<TopicPartitionInfo> served = description.partitions();
        return served.size() == partitions && served.stream().allMatch(p -> p.leader() != null);
    }

    private EmbeddedKafka started() {
        if (kafka == null) {
            throw new IllegalStateException("EmbeddedKafkaExtension is not running: register it on a static"
                    + " field with @RegisterExtension and use it from tests, not from constructors.");
        }
        return kafka;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
