package id.netra.alerts.notify;

import id.netra.alerts.ConsumerThreads;
import id.netra.model.SilenceEvent;
import id.netra.model.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the silences topic whole, then follows it, so that every alerts service knows the silences set on any of them
 * (the one that sends notifications honours them at once).
 */
final class SilenceFollower implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SilenceFollower.class);

    private final Topic<String, SilenceEvent> topic;
    private final Consumer<SilenceEvent> apply;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    SilenceFollower(Map<String, Object> kafka, Topic<String, SilenceEvent> topic, Consumer<SilenceEvent> apply) {
        this.topic = topic;
        this.apply = apply;
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "netra-alerts-silences-" + java.util.UUID.randomUUID());
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "netra-silences");
        this.thread.setDaemon(true);
    }

    /** Reads every committed silence event, then follows the topic on a thread of its own. */
    long start() {
        List<TopicPartition> tps = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (tps.isEmpty()) {
            throw new IllegalStateException("topic " + topic.name() + " does not exist; create Netra's topics first (netra topics create)");
        }
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        Map<TopicPartition, Long> end = consumer.endOffsets(tps);
        long n = 0;
        while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                n += accept(r) ? 1 : 0;
            }
        }
        thread.start();
        return n;
    }

    private void run() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(500)).forEach(this::accept);
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("The silences reader stopped unexpectedly: silences set on other instances are not seen here.", e);
            }
        } catch (RuntimeException e) {
            log.error("The silences reader stopped: silences set on other instances are not seen here.", e);
        } finally {
            consumer.close();
        }
    }

    private boolean accept(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return false;
        }
        try {
            apply.accept(topic.valueSerde().deserializer().deserialize(r.topic(), r.value()));
            return true;
        } catch (SerializationException e) {
            log.warn("Skipped an unreadable silence event at {}-{}@{} (key {}): {}", r.topic(), r.partition(), r.offset(), r.key(), e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        ConsumerThreads.stop(thread, consumer, Duration.ofSeconds(5));
    }
}
