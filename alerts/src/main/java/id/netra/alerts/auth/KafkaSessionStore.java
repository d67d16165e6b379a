package id.netra.alerts.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.netra.alerts.ConsumerThreads;
import id.netra.model.Json;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions in a compacted topic ({@code alerts.sessions-topic}, default {@code alerts-sessions}, created if missing):
 * key = SHA-256 of the cookie token (hex), value = {@link SessionStore.Stored} as JSON, a tombstone for a session
 * closed or expired. Every instance reads the topic whole at start and follows it, so a session opened on one alerts
 * service is valid on the others, and all survive restarts. A write returns once the broker has it.
 */
public final class KafkaSessionStore implements SessionStore {
    private static final Logger log = LoggerFactory.getLogger(KafkaSessionStore.class);

    private final Map<String, Object> kafka;
    private final String topic;
    private final Map<String, Stored> sessions = new ConcurrentHashMap<>();
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    public KafkaSessionStore(Map<String, Object> kafka, String topic, String instanceId) {
        this.kafka = Map.copyOf(kafka);
        this.topic = topic;
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "netra-alerts-sessions-" + instanceId);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> c = new HashMap<>(kafka);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "netra-alerts-sessions-tail-" + instanceId);
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::follow, "netra-alerts-sessions");
        this.thread.setDaemon(true);
    }

    /** Creates the topic if missing, reads it whole, then follows it. */
    public KafkaSessionStore start() {
        createTopic();
        List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(x -> new TopicPartition(x.topic(), x.partition())).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        Map<TopicPartition, Long> end = consumer.endOffsets(tps);
        while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            consumer.poll(Duration.ofMillis(200)).forEach(this::apply);
        }
        log.info("{} open session(s) read from {}.", sessions.size(), topic);
        thread.start();
        return this;
    }

    private void createTopic() {
        try (Admin admin = Admin.create(kafka)) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(Set.of(new NewTopic(topic, 1, (short) -1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
                log.info("Created the sessions topic {} (compacted).", topic);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the sessions topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the sessions topic " + topic, e);
        }
    }

    private void follow() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(500)).forEach(this::apply);
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("The sessions reader stopped unexpectedly: sessions opened on other instances are not seen here.", e);
            }
        } catch (RuntimeException e) {
            log.error("The sessions reader stopped: sessions opened on other instances are not seen here.", e);
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            sessions.remove(r.key());
            return;
        }
        try {
            sessions.put(r.key(), Json.mapper().readValue(r.value(), Stored.class));
        } catch (java.io.IOException e) {
            log.warn("Skipped an unreadable session record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    @Override
    public void put(String tokenHash, Stored session) {
        byte[] value;
        try {
            value = Json.mapper().writeValueAsBytes(session);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a session as JSON", e);
        }
        send(tokenHash, value);
        sessions.put(tokenHash, session);
    }

    @Override
    public void remove(String tokenHash) {
        send(tokenHash, null);
        sessions.remove(tokenHash);
    }

    private void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing a session to " + topic, e);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot write a session to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public Optional<Stored> get(String tokenHash) {
        return Optional.ofNullable(sessions.get(tokenHash));
    }

    @Override
    public Collection<Map.Entry<String, Stored>> all() {
        return List.copyOf(sessions.entrySet());
    }

    @Override
    public void close() {
        running = false;
        ConsumerThreads.stop(thread, consumer, Duration.ofSeconds(5));
        producer.close(Duration.ofSeconds(5));
    }
}
