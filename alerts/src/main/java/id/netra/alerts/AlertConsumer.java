package id.netra.alerts;

import id.netra.model.Alert;
import id.netra.model.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the alerts topic into the feed. Every start reads all partitions from the beginning, without a consumer
 * group: the feed lives in memory and is rebuilt from the topic, the audit record, so a restart shows every alert
 * again. Only committed alerts are read ({@code read_committed}); a corrupt record is logged and skipped.
 */
public final class AlertConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Topic<String, Alert> topic;
    private final AlertFeed feed;
    private final java.util.function.Consumer<Alert> listener;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean failed;
    private volatile boolean caughtUp;
    /** The end offsets when the partitions were assigned: the feed is complete once the positions pass them. */
    private volatile Map<TopicPartition, Long> startEnd;
    private volatile java.util.function.BiConsumer<String, Throwable> onDeath = (why, e) -> { };

    public AlertConsumer(Map<String, Object> kafka, Topic<String, Alert> topic, AlertFeed feed) {
        this(kafka, topic, feed, a -> { });
    }

    /** @param listener told of every alert after it is in the feed (on the consumer thread) */
    public AlertConsumer(Map<String, Object> kafka, Topic<String, Alert> topic, AlertFeed feed, java.util.function.Consumer<Alert> listener) {
        this.topic = topic;
        this.feed = feed;
        this.listener = listener;
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "netra-alerts");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "netra-alerts-consumer");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /**
     * Told once if the consumer thread ends other than by {@link #close()} (a Kafka error it cannot recover from, an
     * error in the feed): the feed no longer updates, so the service must be restarted.
     */
    public void onDeath(java.util.function.BiConsumer<String, Throwable> listener) {
        this.onDeath = listener;
    }

    /** Liveness: false once the consumer thread died. */
    public boolean alive() {
        return !failed;
    }

    /** Readiness: true once every alert committed before the start is in the feed. */
    public boolean caughtUp() {
        return caughtUp && !failed;
    }

    /** Binds the consumer's metrics (fetch rate, lag per partition) to {@code metrics}; closed with it. */
    public AutoCloseable bindMetrics(id.netra.ops.Metrics metrics) {
        return metrics.bind(consumer);
    }

    private void run() {
        try {
            assignAll();
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    accept(r);
                }
                checkCaughtUp();
            }
        } catch (WakeupException e) {
            if (running) {
                died(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            died(e);
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            consumer.close();
        }
    }

    private void died(Throwable e) {
        failed = true;
        log.error("The alert consumer stopped: the feed no longer updates. The service stops so that it is restarted.", e);
        onDeath.accept("the alert consumer thread died (" + e.getClass().getSimpleName() + ")", e);
    }

    private void checkCaughtUp() {
        Map<TopicPartition, Long> end = startEnd;
        if (caughtUp || end == null) {
            return;
        }
        if (end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            caughtUp = true;
            log.info("The feed has every alert committed before the start ({} partition(s)).", end.size());
        }
    }

    private void assignAll() throws InterruptedException {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30));
        while (running && (partitions == null || partitions.isEmpty())) {
            log.warn("Topic {} does not exist yet; waiting for it.", topic.name());
            synchronized (this) {
                wait(2000);
            }
            partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30));
        }
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        startEnd = Map.copyOf(consumer.endOffsets(tps));
        log.info("Reading {} partition(s) of {} from the beginning into the feed.", tps.size(), topic.name());
    }

    private void accept(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return;
        }
        Alert alert;
        try {
            alert = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
            feed.add(alert);
        } catch (SerializationException e) {
            log.warn("Skipped a corrupt alert at {}-{}@{} (key {}): {}", r.topic(), r.partition(), r.offset(), r.key(), e.getMessage());
            return;
        }
        try {
            listener.accept(alert);
        } catch (RuntimeException e) {
            log.error("Alert {} is in the feed but has no case yet ({}); it gets one at the next start.", alert.id(), e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
