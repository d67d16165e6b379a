package id.netra.alerts.auth;

import id.netra.model.AuditEntry;
import id.netra.model.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes {@link AuditEntry}s to the {@code audit-log} topic, keyed by the user name, and waits until the broker has
 * them (idempotent producer, {@code acks=all}): a request is answered only once its audit entry is stored.
 */
public final class AuditLog implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final KafkaProducer<String, AuditEntry> producer;
    private final Topic<String, AuditEntry> topic;
    private final Clock clock;

    public AuditLog(Map<String, Object> kafka, Topic<String, AuditEntry> topic, Clock clock) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "netra-alerts-audit");
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis() - 1000);
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WAIT.toMillis());
        this.producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
        this.topic = topic;
        this.clock = clock;
    }

    /**
     * Stores one entry and returns it once the broker has acknowledged it.
     *
     * @throws AuditUnavailableException when the broker does not take it in time: the request must then fail
     */
    public AuditEntry write(String actor, AuditEntry.Action action, String caseId, String address, Map<String, String> details) {
        AuditEntry e = new AuditEntry(UUID.randomUUID().toString(), clock.instant(), actor, action, caseId, address, details);
        try {
            producer.send(new ProducerRecord<>(topic.name(), actor, e)).get(WAIT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return e;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while writing to " + topic.name(), ex);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException ex) {
            throw new AuditUnavailableException("cannot write to " + topic.name() + ": " + ex.getMessage(), ex);
        }
    }

    public String topic() {
        return topic.name();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** The audit log cannot be written: the action it would record is refused. */
    public static final class AuditUnavailableException extends RuntimeException {
        AuditUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
