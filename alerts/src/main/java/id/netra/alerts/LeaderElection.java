package id.netra.alerts;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses one leader among the alerts services on the same topics: each joins the consumer group
 * {@code netra-alerts-leader} on a one-partition topic (created if missing; nothing is ever written to it), and the
 * member the group gives the partition leads. A leader killed outright is replaced once the group coordinator misses
 * its heartbeats ({@link #SESSION_TIMEOUT}); one stopped cleanly leaves the group at once. The sticky cooperative
 * assignor keeps the partition where it is when another instance joins, so a restarted instance comes back as a
 * follower.
 *
 * <p>Being assigned the partition is a lease, not a lock: a leader cut off from the coordinator may still think it
 * leads for a moment. The writers that must have one owner therefore keep a fixed transactional id, so that the new
 * leader's {@code initTransactions()} fences the old one's writes (see {@link CaseLog}).
 */
public final class LeaderElection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);
    /** How long the coordinator waits for a silent member before handing its partition to another. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    static final Duration HEARTBEAT = Duration.ofSeconds(3);
    public static final String GROUP = "netra-alerts-leader";

    /** Told when this instance starts and stops leading; called on the election thread, one at a time. */
    public interface Listener {
        void elected();

        void deposed();
    }

    private final Map<String, Object> kafka;
    private final String topic;
    private final String instanceId;
    private final Listener listener;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean leading;

    public LeaderElection(Map<String, Object> kafka, String topic, String instanceId, Listener listener) {
        this.kafka = Map.copyOf(kafka);
        this.topic = topic;
        this.instanceId = instanceId;
        this.listener = listener;
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP + "-" + topic);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "netra-alerts-leader-" + instanceId);
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) HEARTBEAT.toMillis());
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class.getName()));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "netra-alerts-leader");
        this.thread.setDaemon(true);
    }

    /** Creates the election topic if missing and joins the group. */
    public void start() {
        createTopic();
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                if (!partitions.isEmpty() && !leading) {
                    leading = true;
                    log.info("This alerts service ({}) leads now: it opens cases and sends notifications.", instanceId);
                    listener.elected();
                }
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                stepDown(partitions, "handed to another instance");
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                stepDown(partitions, "lost (this instance missed the group's heartbeats)");
            }
        });
        thread.start();
    }

    private void stepDown(Collection<TopicPartition> partitions, String why) {
        if (!partitions.isEmpty() && leading) {
            leading = false;
            log.warn("This alerts service ({}) no longer leads: the lead was {}. It goes on serving as a follower.", instanceId, why);
            listener.deposed();
        }
    }

    /** Whether this instance leads as far as it knows. */
    public boolean leading() {
        return leading;
    }

    public String instanceId() {
        return instanceId;
    }

    private void createTopic() {
        try (Admin admin = Admin.create(kafka)) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(Set.of(new NewTopic(topic, 1, (short) -1))).all().get();
                log.info("Created the leader election topic {}.", topic);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the leader election topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the leader election topic " + topic, e);
        }
    }

    private void run() {
        try {
            while (running) {
                consumer.poll(Duration.ofSeconds(1));
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("The leader election stopped unexpectedly.", e);
            }
        } catch (RuntimeException e) {
            log.error("The leader election failed; this instance stays a follower.", e);
        } finally {
            try {
                // Leaves the group, so that another instance leads at once; tells the listener through onPartitionsRevoked.
                consumer.close();
            } catch (RuntimeException e) {
                log.warn("Could not leave the leader election group cleanly: {}", e.toString());
            }
            if (leading) {
                leading = false;
                listener.deposed();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        ConsumerThreads.stop(thread, consumer, Duration.ofSeconds(10));
    }
}
