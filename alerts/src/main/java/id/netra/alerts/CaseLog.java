package id.netra.alerts;

import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.Topic;
import id.netra.model.TopicReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of {@code alert-events}: opens cases for new alerts and records analysts' actions, each event
 * committed to Kafka before it changes the {@link CaseBook}. At start it reads the topic whole, so the cases are
 * what the events say. One transactional id for all instances: a second alerts service fences the first, so case
 * numbers are never handed out twice.
 */
public final class CaseLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CaseLog.class);

    private final Map<String, Object> kafka;
    private final Topic<String, AlertEvent> topic;
    private final CaseBook book;
    private final Clock clock;
    private final KafkaProducer<String, byte[]> producer;
    private volatile java.util.function.Consumer<AlertEvent> listener = e -> { };
    private final List<AlertEvent> pending = new ArrayList<>();

    public CaseLog(Map<String, Object> kafka, Topic<String, AlertEvent> topic, CaseBook book, Clock clock) {
        this.kafka = kafka;
        this.topic = topic;
        this.book = book;
        this.clock = clock;
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "netra-alerts-cases-" + topic.name());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "netra-alerts-cases");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Told of every event after it is committed and applied (not of the events read at start). */
    public void onEvent(java.util.function.Consumer<AlertEvent> listener) {
        this.listener = listener;
    }

    /** Fences an earlier instance, then reads every committed event into the book. */
    public void start() {
        producer.initTransactions();
        long events = TopicReader.readToEnd(kafka, topic, (key, e) -> {
            if (e != null) {
                book.apply(e);
            }
        });
        log.info("Cases loaded from {}: {} event(s), {} case(s).", topic.name(), events, book.all().size());
    }

    /**
     * Puts a new alert into its case (a new one, or the case of the same message); nothing if it has one. LOW alerts
     * (a watchlist term without a partisan stance) are kept for search only and get no case. The case event is written
     * by the next {@link #flush()}, with those of the other alerts of the same batch.
     */
    public synchronized void onAlert(Alert alert) {
        if (!alert.severity().atLeast(id.netra.model.Severity.MEDIUM)) {
            return;
        }
        // Applied at once, so the next alert of the batch sees this one's case (and its number); committed by flush().
        book.place(alert, clock.instant()).ifPresent(p -> {
            book.apply(p.event());
            pending.add(p.event());
        });
    }

    /**
     * Writes the case events of the alerts placed since the last call in one transaction (one per batch of alerts read,
     * not one per alert: at a few hundred alerts a second, a transaction each held the feed seconds behind), then tells
     * the listeners. If the write fails, the cases are read again from the topic, and those alerts get their case at
     * the next start.
     */
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<AlertEvent> events = List.copyOf(pending);
        pending.clear();
        try {
            TopicReader.inTransaction(producer, () -> events.forEach(e ->
                    producer.send(new ProducerRecord<>(topic.name(), e.caseId(), topic.valueSerde().serializer().serialize(topic.name(), e)))));
        } catch (org.apache.kafka.common.errors.ProducerFencedException e) {
            throw e;
        } catch (KafkaException e) {
            log.error("Could not record {} case event(s) on {}; the cases are read again from it, and those alerts get their case at the "
                    + "next start.", events.size(), topic.name(), e);
            book.clear();
            TopicReader.readToEnd(kafka, topic, (key, ev) -> {
                if (ev != null) {
                    book.apply(ev);
                }
            });
            return;
        }
        events.forEach(listener);
    }

    /**
     * Records an analyst's action.
     *
     * @return the event written
     * @throws IllegalStateException with the reason when the action does not fit the case now
     */
    public synchronized AlertEvent act(String caseId, AlertEvent.Type type, String actor, String assignee, String reason) {
        // The case may have been opened by an alert not yet written: its events go first, so the topic keeps their order.
        flush();
        String refused = book.check(caseId, type);
        if (refused != null) {
            throw new IllegalStateException(refused);
        }
        AlertEvent e = CaseBook.event(caseId, type, actor, clock.instant(), null, assignee, reason);
        write(e);
        return e;
    }

    public Optional<CaseFile> get(String caseId) {
        return book.get(caseId);
    }

    public CaseBook book() {
        return book;
    }

    private void write(AlertEvent e) {
        TopicReader.inTransaction(producer, () ->
                producer.send(new ProducerRecord<>(topic.name(), e.caseId(), topic.valueSerde().serializer().serialize(topic.name(), e))));
        book.apply(e);
        listener.accept(e);
    }

    @Override
    public void close() {
        producer.close();
    }
}
