package id.netra.alerts;

import id.netra.model.JsonSerde;
import id.netra.model.ReplayReport;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * The replay reports for auditors: reads {@code replay-reports} from the beginning, without a consumer group, and keeps
 * the reports by run id in memory (a report is written once per replay). A record that cannot be read is logged and
 * skipped.
 */
public final class ReplayReportLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplayReportLog.class);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final JsonSerde<ReplayReport> serde = new JsonSerde<>(ReplayReport.class);
    private final Map<String, ReplayReport> byRun = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public ReplayReportLog(Map<String, Object> kafka, String topic) {
        this.topic = topic;
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "netra-alerts-replay-reports");
        // The topic is made by 'netra topics create' (kept without limit), never by a reader with the broker's defaults.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "netra-replay-reports");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** The reports, newest replay first. */
    public List<ReplayReport> list() {
        return byRun.values().stream().sorted(Comparator.comparing(ReplayReport::replayedAt,
                Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(ReplayReport::runId)).toList();
    }

    public Optional<ReplayReport> get(String runId) {
        return Optional.ofNullable(byRun.get(runId));
    }

    private void run() {
        try {
            List<TopicPartition> partitions = null;
            while (running && partitions == null) {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                } else {
                    // No report yet and no topic: look again in a few seconds.
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
                }
            }
            if (partitions == null) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        ReplayReport report = r.value() == null ? null : serde.deserialize(r.topic(), r.value());
                        if (report != null) {
                            byRun.put(report.runId(), report);
                        }
                    } catch (SerializationException e) {
                        log.warn("Replay report {}-{}@{} (key {}) cannot be read and is skipped: {}", r.topic(), r.partition(),
                                r.offset(), r.key(), e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("Reading replay reports from {} stopped; the /laporan pages show what was read until now. Restart the alerts service.", topic, e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        ConsumerThreads.stop(thread, consumer, Duration.ofSeconds(5));
    }
}
