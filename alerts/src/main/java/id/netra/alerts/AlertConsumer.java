package id.netra.alerts;

import id.netra.model.Alert;
import id.netra.model.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
 * Reads the alerts topic into the feed, without a consumer group: each start goes on from the positions stored with the
 * feed's rows (from the beginning where there are none, as with a new or rebuilt state file), and each poll's alerts
 * are stored with the positions after them in one transaction. Only committed alerts are read
 * ({@code read_committed}); a corrupt record is logged and skipped.
 */
public final class AlertConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Topic<String, Alert> topic;
    private final AlertFeed feed;
    private final Listener listener;
    private final Runnable afterBatch;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean failed;
    private volatile boolean caughtUp;
    private final java.util.concurrent.atomic.AtomicLong recordsRead = new java.util.concurrent.atomic.AtomicLong();
    /** The end offsets when the partitions were assigned: the feed is complete once the positions pass them. */
    private volatile Map<TopicPartition, Long> startEnd;
    /** How often catching up is logged, and when it last was (the consumer thread's). */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    private long lastProgress = System.nanoTime();
    private volatile java.util.function.BiConsumer<String, Throwable> onDeath = (why, e) -> { };
    private volatile Runnable onCaughtUp = () -> { };

    /** Told of each alert once it is stored. */
    @FunctionalInterface
    public interface Listener {
        /** @param recent whether the alert was committed after this consumer started (not history read again) */
        void stored(Alert alert, boolean recent);
    }

    public AlertConsumer(Map<String, Object> kafka, Topic<String, Alert> topic, AlertFeed feed) {
        this(kafka, topic, feed, (a, recent) -> { }, () -> { });
    }

    /**
     * @param listener   told of every alert after it is in the feed (on the consumer thread)
     * @param afterBatch run after the alerts of each poll were handed to {@code listener}, e.g. to write what they caused
     *                   in one go
     */
    public AlertConsumer(Map<String, Object> kafka, Topic<String, Alert> topic, AlertFeed feed, Listener listener,
                         Runnable afterBatch) {
        this.topic = topic;
        this.feed = feed;
        this.listener = listener;
        this.afterBatch = afterBatch;
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "netra-alerts");
        // A first start reads a campaign's every alert: bigger fetches and polls (one store transaction each) keep the
        // consumer thread storing rather than waiting on the broker. A few MiB of heap per partition at most.
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 << 20);
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
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

    /** Runs {@code work} on the consumer thread once every alert committed before the start is stored, before {@link #caughtUp()} says so. */
    public void onCaughtUp(Runnable work) {
        this.onCaughtUp = work;
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
        // While catching up, the next poll's alerts are read from JSON as this poll's are stored.
        ParseAhead parser = new ParseAhead("netra-alerts-parse");
        try {
            assignAll();
            java.util.concurrent.Future<List<AlertFeed.Read>> pending = null;
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                java.util.concurrent.Future<List<AlertFeed.Read>> next = records.isEmpty() ? null : parser.submit(() -> parse(records));
                if (pending != null) {
                    store(ParseAhead.await(pending));
                }
                pending = next;
                if (pending != null && records.count() < BEHIND) {
                    // Following the topic: stored now rather than after the next poll (up to POLL later).
                    store(ParseAhead.await(pending));
                    pending = null;
                }
                checkCaughtUp(pending == null);
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
            parser.close();
            consumer.close();
        }
    }

    /** A poll of at least this many records: the consumer is behind, the next poll comes at once. */
    private static final int BEHIND = 500;

    private List<AlertFeed.Read> parse(ConsumerRecords<String, byte[]> records) {
        List<AlertFeed.Read> batch = new ArrayList<>(records.count());
        // While the state is built, what a case takes from each alert is kept with it: worked out here, on the thread that
        // reads ahead, not while the store's one writer is held (storing is a build's bound).
        boolean building = feed.store().building();
        for (ConsumerRecord<String, byte[]> r : records) {
            Alert alert = read(r);
            // The record's own bytes are stored: they read back as this alert, without writing it to JSON again.
            batch.add(new AlertFeed.Read(alert, r.partition(), r.offset(),
                    alert == null ? null : r.value(),
                    alert != null && building ? CaseBook.Facts.of(alert) : null));
        }
        return batch;
    }

    private void store(List<AlertFeed.Read> batch) {
        feed.addAll(batch);
        recordsRead.addAndGet(batch.size());
        Map<TopicPartition, Long> end = startEnd;
        for (AlertFeed.Read r : batch) {
            if (r.alert() != null) {
                tell(r.alert(), r.offset() >= end.getOrDefault(new TopicPartition(topic.name(), r.partition()), 0L));
            }
        }
        afterBatch();
    }

    private void died(Throwable e) {
        failed = true;
        log.error("The alert consumer stopped: the feed no longer updates. The service stops so that it is restarted.", e);
        onDeath.accept("the alert consumer thread died (" + e.getClass().getSimpleName() + ")", e);
    }

    /** @param stored whether every record polled is stored (none waits to be) */
    private void checkCaughtUp(boolean stored) {
        Map<TopicPartition, Long> end = startEnd;
        if (caughtUp || end == null) {
            return;
        }
        long behind = end.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - consumer.position(e.getKey()))).sum();
        if (behind == 0 && stored) {
            // E.g. the state's views' indexes, built once a state built from the beginning has every alert.
            onCaughtUp.run();
            caughtUp = true;
            log.info("The feed has every alert committed before the start ({} partition(s)).", end.size());
        } else if (System.nanoTime() - lastProgress >= PROGRESS_EVERY.toNanos()) {
            // A first start reads every alert of a campaign into the state store: minutes at national scale.
            lastProgress = System.nanoTime();
            log.info("Catching up on {}: {} record(s) read since the start, {} to go.", topic.name(), recordsRead.get(), behind);
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
        Map<Integer, Long> positions = feed.positions();
        int resumed = 0;
        for (TopicPartition tp : tps) {
            Long at = positions.get(tp.partition());
            if (at == null) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                consumer.seek(tp, at);
                resumed++;
            }
        }
        startEnd = Map.copyOf(consumer.endOffsets(tps));
        log.info("Reading {} partition(s) of {} into the feed: {} from the stored position, the others from the beginning.", tps.size(),
                topic.name(), resumed);
    }

    /** How many records this consumer read since it started (corrupt ones included). */
    public long recordsRead() {
        return recordsRead.get();
    }

    private Alert read(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        try {
            return topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
        } catch (SerializationException e) {
            log.warn("Skipped a corrupt alert at {}-{}@{} (key {}): {}", r.topic(), r.partition(), r.offset(), r.key(), e.getMessage());
            return null;
        }
    }

    private void tell(Alert alert, boolean recent) {
        try {
            listener.stored(alert, recent);
        } catch (RuntimeException e) {
            log.error("Alert {} is in the feed but has no case yet ({}); it gets one at the next start.", alert.id(), e.getMessage(), e);
        }
    }

    private void afterBatch() {
        try {
            afterBatch.run();
        } catch (RuntimeException e) {
            log.error("What the last alerts caused could not be recorded ({}); they get their cases at the next start.", e.getMessage(), e);
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
