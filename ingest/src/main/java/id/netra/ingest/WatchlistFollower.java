package id.netra.ingest;

import id.netra.model.Account;
import id.netra.model.Candidate;
import id.netra.model.Election;
import id.netra.model.Party;
import id.netra.model.Platform;
import id.netra.model.Topic;
import id.netra.model.Watchlist;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * The campaign accounts of the watchlist version in force, followed live from the {@code watchlist} topic (every
 * version, read committed, from the start), so the sources of interactions watch what was published last without a
 * restart. The version in force is the classifier's rule applied to now: the newest version (by record time, then
 * version name) published at or before now, or the oldest when all are later.
 */
final class WatchlistFollower implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WatchlistFollower.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private record Published(long fromMillis, Watchlist watchlist) {
    }

    private final Map<String, Object> kafka;
    private final Topic<String, Watchlist> topic;
    private final Clock clock;
    private final Map<String, Published> versions = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closingLatch = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean closing;

    WatchlistFollower(Map<String, Object> kafka, Topic<String, Watchlist> topic, Clock clock) {
        this.kafka = Map.copyOf(kafka);
        this.topic = topic;
        this.clock = clock;
        this.thread = new Thread(this::follow, "netra-ingest-watchlist-" + topic.name());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String topicName() {
        return topic.name();
    }

    /** Waits until the versions published before the start have been read. */
    boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean loaded() {
        return loaded.getCount() == 0;
    }

    /** The version in force now, or empty when none was published. */
    Optional<Watchlist> inForce() {
        long now = clock.millis();
        List<Published> all = new ArrayList<>(versions.values());
        all.sort(Comparator.comparingLong(Published::fromMillis).thenComparing(p -> p.watchlist().version()));
        Published found = null;
        for (Published p : all) {
            if (p.fromMillis() <= now || found == null) {
                found = p;
            }
        }
        return Optional.ofNullable(found).map(Published::watchlist);
    }

    /** The campaign accounts on {@code platform} of the version in force (candidates' and parties'), each once. */
    List<Account> accounts(Platform platform) {
        return inForce().map(w -> accounts(w, platform)).orElse(List.of());
    }

    static List<Account> accounts(Watchlist w, Platform platform) {
        Map<String, Account> out = new LinkedHashMap<>();
        List<String> listed = new ArrayList<>();
        for (Election e : w.elections()) {
            for (Candidate c : e.candidates()) {
                listed.addAll(c.accounts());
            }
        }
        for (Party p : w.parties()) {
            listed.addAll(p.accounts());
        }
        for (String text : listed) {
            try {
                Account a = Account.parse(text);
                if (a.platform() == platform) {
                    out.putIfAbsent(a.lookupKey(), a);
                }
            } catch (IllegalArgumentException e) {
                log.warn("Watchlist {}: the campaign account '{}' cannot be read ({}); it is not watched.", w.version(), text, e.getMessage());
            }
        }
        return List.copyOf(out.values());
    }

    private void follow() {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "netra-ingest-watchlist-" + UUID.randomUUID());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            if (closing) {
                return;
            }
            List<TopicPartition> tps = partitions(c);
            if (tps.isEmpty()) {
                return;
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (!closing) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofSeconds(1))) {
                    apply(r);
                }
                if (loaded.getCount() > 0 && tps.stream().allMatch(tp -> c.position(tp) >= end.get(tp))) {
                    loaded.countDown();
                    log.info("Watchlist followed from {}: {} version(s), in force {}.", topic.name(), versions.size(),
                            inForce().map(Watchlist::version).orElse("none"));
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("Following the watchlist on {} failed; the sources of interactions keep the accounts they had.", topic.name(), e);
        } finally {
            stopped.countDown();
        }
    }

    /** The topic's partitions, waiting (and saying so once) while it does not exist. */
    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        boolean warned = false;
        while (!closing) {
            List<TopicPartition> tps = c.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (!tps.isEmpty()) {
                return tps;
            }
            if (!warned) {
                log.warn("The watchlist topic {} does not exist yet; the sources of interactions watch no campaign account until it does"
                        + " (netra topics create, then netra watchlist publish).", topic.name());
                warned = true;
            }
            try {
                if (stopping(RETRY)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.of();
    }

    private boolean stopping(Duration wait) throws InterruptedException {
        return closingLatch.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            versions.remove(r.key());
            return;
        }
        try {
            Watchlist w = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
            Published before = versions.put(w.version(), new Published(r.timestamp(), w));
            if (loaded.getCount() == 0) {
                log.info("Watchlist version {} {} on {}; in force now: {}.", w.version(), before == null ? "published" : "published again",
                        topic.name(), inForce().map(Watchlist::version).orElse("none"));
            }
        } catch (SerializationException | IllegalArgumentException e) {
            log.warn("Skipped an unreadable watchlist at {}-{}@{} (key {}): {}", r.topic(), r.partition(), r.offset(), r.key(), e.getMessage());
        }
    }

    @Override
    public void close() {
        closing = true;
        closingLatch.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            if (thread.isAlive() && !stopped.await(10, TimeUnit.SECONDS)) {
                log.warn("The watchlist follower of {} did not stop within 10 s.", topic.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
