package id.netra.alerts;

import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.Severity;
import id.netra.model.Topic;
import id.netra.model.TopicReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The case events of {@code alert-events}, for one of possibly several alerts services on the same topics.
 *
 * <p>Every instance follows the topic ({@code read_committed}) into its {@link CaseBook} and tells its listeners of
 * each event as it reads it, whoever wrote it. Analysts' actions are written by any instance (they allocate nothing:
 * {@link CaseBook#check} on the current state, then an idempotent write). Opening cases and adding alerts to them
 * hands out case numbers, so only the leader does it ({@link #lead}, {@link #follow}, driven by
 * {@link LeaderElection}): its producer has one transactional id for all instances, so a new leader's
 * {@code initTransactions()} fences an old one that still believes it leads, and the new leader reads the topic to its
 * end before it numbers anything. A fenced leader goes back to following; it does not stop the service.
 */
public final class CaseLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CaseLog.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> kafka;
    private final Topic<String, AlertEvent> topic;
    private final CaseBook book;
    private final Clock clock;
    private final String transactionalId;
    /** Writes analysts' actions: idempotent, not transactional (any instance may write them). */
    private final KafkaProducer<String, byte[]> actions;
    private final KafkaConsumer<String, byte[]> tail;
    private final Thread tailThread;
    private volatile java.util.function.Consumer<AlertEvent> listener = e -> { };
    private final List<AlertEvent> pending = new ArrayList<>();
    /** How often catching up is logged. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    /** The case writer while this instance leads, else null. Guarded by {@code this}. */
    private KafkaProducer<String, byte[]> writer;
    private volatile boolean running = true;
    private volatile boolean tailFailed;
    private final java.util.concurrent.atomic.AtomicLong eventsRead = new java.util.concurrent.atomic.AtomicLong();

    public CaseLog(Map<String, Object> kafka, Topic<String, AlertEvent> topic, CaseBook book, Clock clock) {
        this(kafka, topic, book, clock, "netra-alerts");
    }

    /** @param instanceId names this instance's clients, for the broker's logs and metrics */
    public CaseLog(Map<String, Object> kafka, Topic<String, AlertEvent> topic, CaseBook book, Clock clock, String instanceId) {
        this.kafka = Map.copyOf(kafka);
        this.topic = topic;
        this.book = book;
        this.clock = clock;
        this.transactionalId = "netra-alerts-cases-" + topic.name();
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "netra-alerts-actions-" + instanceId);
        this.actions = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "netra-alerts-case-tail-" + instanceId);
        // Case events are small: a poll's worth (one store transaction) of a few thousand while catching up.
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.tail = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        this.tailThread = new Thread(this::tailLoop, "netra-alerts-case-tail");
        this.tailThread.setDaemon(true);
    }

    /** Told of every committed event as this instance reads it from the topic (not of those read at start). */
    public void onEvent(java.util.function.Consumer<AlertEvent> listener) {
        this.listener = listener;
    }

    /** Reads every committed event into the book (from the book's positions), then follows the topic. */
    public void start() {
        List<TopicPartition> tps = tail.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (tps.isEmpty()) {
            throw new IllegalStateException("topic " + topic.name() + " does not exist; create Netra's topics first (netra topics create)");
        }
        tail.assign(tps);
        long events = catchUp(tps);
        if (book.placed()) {
            // The last run placed alerts and stopped before their events were on the topic: those cases never were.
            log.warn("The state has case events this service placed and never wrote (it stopped before); the cases are read again from {}.",
                    topic.name());
            book.clear();
            events = catchUp(tps);
        }
        log.info("Cases loaded from {}: {} event(s) read after the stored positions, {} case(s); following it.", topic.name(), events, book.size());
        tailThread.start();
    }

    /** Reads from the book's positions (the beginning where it has none) to the end. */
    private long catchUp(List<TopicPartition> tps) {
        Map<Integer, Long> positions = book.positions();
        for (TopicPartition tp : tps) {
            Long at = positions.get(tp.partition());
            if (at == null) {
                tail.seekToBeginning(List.of(tp));
            } else {
                tail.seek(tp, at);
            }
        }
        Map<TopicPartition, Long> end = tail.endOffsets(tps);
        java.util.function.BooleanSupplier more = () -> tps.stream().anyMatch(tp -> tail.position(tp) < end.get(tp));
        // The next poll's events are read from JSON while this poll's are stored.
        try (ParseAhead parser = new ParseAhead("netra-alerts-case-parse")) {
            // Each poll's events are stored in a transaction of their own, committed with those around them (see
            // StateStore.grouped): a commit writes every page its transaction changed, and one per poll rewrote the same
            // pages of the cases and their indexes over and over (a fifth of a first start's time). Nothing reads them
            // yet; a failure undoes what is not committed and the start fails.
            return book.store().grouped(() -> {
                long events = 0;
                long lastProgress = System.nanoTime();
                java.util.concurrent.Future<List<CaseBook.Read>> pending = null;
                while (more.getAsBoolean()) {
                    ConsumerRecords<String, byte[]> records = tail.poll(POLL);
                    java.util.concurrent.Future<List<CaseBook.Read>> next = parser.submit(() -> parse(records));
                    if (pending != null) {
                        events += apply(await(pending)).size();
                    }
                    pending = next;
                    if (System.nanoTime() - lastProgress >= PROGRESS_EVERY.toNanos()) {
                        // A first start reads a campaign's every case event into the state store: minutes at national scale.
                        lastProgress = System.nanoTime();
                        long behind = tps.stream().mapToLong(tp -> Math.max(0, end.get(tp) - tail.position(tp))).sum();
                        log.info("Catching up on {}: {} event(s) read, {} to go.", topic.name(), events, behind);
                    }
                }
                return pending == null ? events : events + apply(await(pending)).size();
            });
        }
    }

    private static <T> T await(java.util.concurrent.Future<T> read) {
        try {
            return ParseAhead.await(read);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while reading case events", e);
        }
    }

    /** How many events this instance read from the topic since it started (catch-up and follow). */
    public long eventsRead() {
        return eventsRead.get();
    }

    private void tailLoop() {
        try {
            while (running) {
                for (AlertEvent e : read(tail.poll(POLL))) {
                    try {
                        listener.accept(e);
                    } catch (RuntimeException ex) {
                        log.error("A listener failed on case event {} ({} of {}).", e.eventId(), e.type().id(), e.caseId(), ex);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                tailFailed = true;
                log.error("The case event reader stopped unexpectedly: the cases no longer update.", e);
            }
        } catch (RuntimeException e) {
            tailFailed = true;
            log.error("The case event reader stopped: the cases no longer update. The service must be restarted.", e);
        } finally {
            tail.close();
        }
    }

    /** Applies the events of one poll in one transaction of the store, with the positions after them; the readable ones. */
    private List<AlertEvent> read(ConsumerRecords<String, byte[]> records) {
        return apply(parse(records));
    }

    private List<CaseBook.Read> parse(ConsumerRecords<String, byte[]> records) {
        List<CaseBook.Read> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            eventsRead.incrementAndGet();
            AlertEvent e = null;
            if (r.value() != null) {
                try {
                    e = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
                } catch (SerializationException ex) {
                    log.warn("Skipped an unreadable case event at {}-{}@{} (key {}): {}", r.topic(), r.partition(), r.offset(), r.key(),
                            ex.getMessage());
                }
            }
            // The record's own bytes are stored: they read back as this event, without writing it to JSON again.
            batch.add(new CaseBook.Read(e, r.partition(), r.offset(), e == null ? null : r.value()));
        }
        return batch;
    }

    private List<AlertEvent> apply(List<CaseBook.Read> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        book.applyAll(batch);
        return batch.stream().map(CaseBook.Read::event).filter(java.util.Objects::nonNull).toList();
    }

    /** False once the thread following the topic died. */
    public boolean alive() {
        return !tailFailed;
    }

    /** Whether this instance writes case openings now. */
    public synchronized boolean leading() {
        return writer != null;
    }

    /**
     * Starts opening cases: fences the previous leader's writer, reads the topic to its end (so every case number
     * handed out is known), then places the alerts that have none yet ({@code waiting}: MEDIUM and above, any order; they
     * arrived while no instance led), and from then on every new alert ({@link #onAlert}).
     */
    public synchronized void lead(Supplier<List<Alert>> waiting) {
        if (writer != null) {
            return;
        }
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "netra-alerts-cases");
        KafkaProducer<String, byte[]> p = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        try {
            p.initTransactions();
            long events = readOn();
            writer = p;
            log.info("Leading the case log {}: read {} event(s) after fencing the previous writer.", topic.name(), events);
        } catch (RuntimeException e) {
            p.close(Duration.ZERO);
            log.error("Could not take over the case log {}; this instance stays a follower.", topic.name(), e);
            return;
        }
        // In rounds (the supplier may hand over a bounded number at a time), each written before the next is asked for.
        long placed = 0;
        while (writer != null) {
            List<Alert> backlog = waiting.get().stream().filter(a -> book.caseOf(a.id()).isEmpty())
                    .sorted(Comparator.comparing((Alert a) -> a.post().publishedAt()).thenComparing(Alert::id)).toList();
            if (backlog.isEmpty()) {
                break;
            }
            backlog.forEach(this::onAlert);
            boolean progress = !pending.isEmpty();
            placed += backlog.size();
            flush();
            if (!progress) {
                break;
            }
        }
        if (placed > 0) {
            log.info("Placed {} alert(s) that arrived while no instance led.", placed);
        }
    }

    /**
     * Reads the committed events after the book's positions (from the beginning where it has none) to the end, with a
     * consumer of its own (the tail's belongs to its thread): a new leader knows every case number handed out without
     * reading the whole history again.
     */
    private long readOn() {
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "netra-alerts-case-catch-up");
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = reader.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            reader.assign(tps);
            Map<Integer, Long> positions = book.positions();
            for (TopicPartition tp : tps) {
                Long at = positions.get(tp.partition());
                if (at == null) {
                    reader.seekToBeginning(List.of(tp));
                } else {
                    reader.seek(tp, at);
                }
            }
            Map<TopicPartition, Long> end = reader.endOffsets(tps);
            long events = 0;
            while (tps.stream().anyMatch(tp -> reader.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : reader.poll(POLL)) {
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        book.apply(topic.valueSerde().deserializer().deserialize(r.topic(), r.value()), r.partition(), r.offset());
                        events++;
                    } catch (SerializationException ex) {
                        log.warn("Skipped an unreadable case event at {}-{}@{} (key {}): {}", r.topic(), r.partition(), r.offset(), r.key(),
                                ex.getMessage());
                    }
                }
            }
            return events;
        }
    }

    /** Stops opening cases (the lead went to another instance): what is placed and not written is written if it still can be. */
    public synchronized void follow() {
        if (writer == null) {
            return;
        }
        flush();
        if (writer != null) {
            writer.close(Duration.ofSeconds(5));
            writer = null;
        }
        log.info("Following the case log {}: another instance opens cases.", topic.name());
    }

    /**
     * Puts a new alert into its case (a new one, or the case of the same message) when this instance leads; nothing if
     * it has one, or if it follows (the leader places it). LOW alerts (a watchlist term without a partisan stance) are
     * kept for search only and get no case. The case event is written by the next {@link #flush()}, with those of the
     * other alerts of the same batch.
     */
    public synchronized void onAlert(Alert alert) {
        if (writer == null || !alert.severity().atLeast(Severity.MEDIUM)) {
            return;
        }
        // Applied at once, so the next alert of the batch sees this one's case (and its number); committed by flush().
        book.place(alert, clock.instant()).ifPresent(p -> {
            book.applyPlaced(p.event());
            pending.add(p.event());
        });
    }

    /**
     * Writes the case events of the alerts placed since the last call in one transaction (one per batch of alerts read,
     * not one per alert: at a few hundred alerts a second, a transaction each held the feed seconds behind). If the write
     * fails, the cases are read again from the topic; if this writer was fenced, another instance leads and this one
     * follows: either way, the leader places those alerts (at its election it places every alert without a case).
     */
    public synchronized void flush() {
        if (pending.isEmpty() || writer == null) {
            return;
        }
        List<AlertEvent> events = List.copyOf(pending);
        pending.clear();
        try {
            TopicReader.inTransaction(writer, () -> events.forEach(e ->
                    writer.send(new ProducerRecord<>(topic.name(), e.caseId(), topic.valueSerde().serializer().serialize(topic.name(), e)))));
            book.written(events);
        } catch (KafkaException e) {
            if (!fenced(e)) {
                log.error("Could not record {} case event(s) on {}; the cases are read again from it, and those alerts get their case at the "
                        + "next election.", events.size(), topic.name(), e);
                reread();
                return;
            }
            log.warn("Another alerts service took over the case log {}; this one follows now ({} case event(s) not written: the new leader "
                    + "places those alerts).", topic.name(), events.size());
            writer.close(Duration.ZERO);
            writer = null;
            reread();
        }
    }

    /** Whether a failed write means another writer took over (the broker says fenced, or refuses this writer's epoch). */
    private static boolean fenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof org.apache.kafka.common.errors.InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    /** Forgets what was placed and not written: the book again holds only what the topic says. */
    private void reread() {
        book.clear();
        readOn();
    }

    /**
     * Records an analyst's action; any instance may.
     *
     * @return the event written
     * @throws IllegalStateException with the reason when the action does not fit the case now
     */
    public synchronized AlertEvent act(String caseId, AlertEvent.Type type, String actor, String assignee, String reason) {
        return record(caseId, type, actor, assignee, reason, null);
    }

    /**
     * Records that {@code actor} was handed the referral dossier of a confirmed case, with the document's SHA-256.
     *
     * @return the event written
     * @throws IllegalStateException when the case is not (or no longer) confirmed
     */
    public synchronized AlertEvent dossierIssued(String caseId, String actor, String sha256) {
        return record(caseId, AlertEvent.Type.DOSSIER_ISSUED, actor, null, null, sha256);
    }

    private AlertEvent record(String caseId, AlertEvent.Type type, String actor, String assignee, String reason, String sha256) {
        // The case may have been opened by an alert not yet written: its events go first, so the topic keeps their order.
        flush();
        String refused = book.check(caseId, type);
        if (refused != null) {
            throw new IllegalStateException(refused);
        }
        AlertEvent e = new AlertEvent(java.util.UUID.randomUUID().toString(), caseId, type, actor, clock.instant(), null, assignee, reason,
                sha256);
        try {
            actions.send(new ProducerRecord<>(topic.name(), e.caseId(), topic.valueSerde().serializer().serialize(topic.name(), e))).get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while recording " + e.type().id() + " on " + caseId, ex);
        } catch (ExecutionException ex) {
            throw ex.getCause() instanceof KafkaException k ? k : new KafkaException(ex.getCause());
        }
        book.apply(e);
        return e;
    }

    public Optional<CaseFile> get(String caseId) {
        return book.get(caseId);
    }

    public CaseBook book() {
        return book;
    }

    @Override
    public void close() {
        running = false;
        tail.wakeup();
        if (tailThread.isAlive()) {
            try {
                tailThread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            tail.close();
        }
        synchronized (this) {
            if (writer != null) {
                flush();
            }
            if (writer != null) {
                writer.close();
                writer = null;
            }
        }
        actions.close();
    }
}
