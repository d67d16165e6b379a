package id.netra.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.netra.model.Json;
import id.netra.model.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The audit trail of a period: every record of the audit topics whose time ({@code at}, a field all four share) falls
 * in it, merged into one time order. The topics are read as generic JSON by name, so a topic whose feature is not
 * deployed is simply absent (reported, not fatal) and a newer writer's fields are kept as written.
 *
 * <p>Each line is {@code {"kind", "at", "topic", "partition", "offset", "key", "record"}}: {@code record} is the value
 * as stored, {@code kind} says what it is. Records with the same time stay in topic order, then partition and offset.
 */
final class AuditTrail {
    /** The topics of the trail, with the kind of record each holds. */
    enum Source {
        /** Case events: opened, alert added, and every analyst action (assigned, confirmed, dismissed, ...). */
        ALERT_EVENTS("alert-event", Topics.ALERT_EVENTS.name()),
        /** Logins, case views, exports, notifications sent, silences (the access-control log). */
        AUDIT_LOG("audit-entry", Topics.AUDIT_LOG.name()),
        /** The notification outbox: planned, suppressed, sending, attempt failed, delivered. */
        NOTIFICATIONS("notification-event", "notifications"),
        /** Silences created and lifted. */
        SILENCES("silence-event", "silences");

        final String kind;
        final String defaultTopic;

        Source(String kind, String defaultTopic) {
            this.kind = kind;
            this.defaultTopic = defaultTopic;
        }
    }

    /** What an export found: the lines in time order, how many per topic, the topics absent, the records not readable. */
    record Result(List<ObjectNode> lines, Map<String, Long> perTopic, List<String> missingTopics, long unreadable) {
    }

    private record Entry(Instant at, int source, int partition, long offset, ObjectNode line) {
    }

    private static final Comparator<Entry> TIME_ORDER = Comparator.comparing(Entry::at).thenComparingInt(Entry::source)
            .thenComparingInt(Entry::partition).thenComparingLong(Entry::offset);

    private AuditTrail() {
    }

    /**
     * Reads the trail of {@code period}.
     *
     * @param topics the topic name of each source (the catalog's unless overridden)
     * @param err    where absent topics and unreadable records are reported, with topic, partition, offset and key
     */
    static Result read(TopicScan scan, Map<Source, String> topics, AuditPeriod period, PrintWriter err, String command) {
        List<Entry> entries = new ArrayList<>();
        Map<String, Long> perTopic = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        long[] unreadable = {0};
        for (Source source : Source.values()) {
            String topic = topics.get(source);
            Optional<Integer> partitions = scan.partitions(topic);
            if (partitions.isEmpty()) {
                err.printf("netra %s: topic %s does not exist (%s records not deployed?); skipped%n", command, topic, source.kind);
                missing.add(topic);
                continue;
            }
            long[] n = {0};
            scan.scan(topic, TopicScan.all(partitions.get()), r -> {
                try {
                    Entry e = entry(source, r);
                    if (period.contains(e.at())) {
                        entries.add(e);
                        n[0]++;
                    }
                } catch (IllegalArgumentException bad) {
                    unreadable[0]++;
                    err.printf("netra %s: skipped an unreadable record at %s-%d@%d (key %s): %s%n", command, r.topic(), r.partition(),
                            r.offset(), r.key(), bad.getMessage());
                }
            });
            perTopic.put(topic, n[0]);
        }
        entries.sort(TIME_ORDER);
        return new Result(entries.stream().map(Entry::line).toList(), perTopic, missing, unreadable[0]);
    }

    private static Entry entry(Source source, ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            throw new IllegalArgumentException("a tombstone (no value) on an audit topic");
        }
        JsonNode record;
        try {
            record = Json.mapper().readTree(r.value());
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (record == null || !record.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode atField = record.get("at");
        if (atField == null || !atField.isTextual()) {
            throw new IllegalArgumentException("no time (field 'at')");
        }
        Instant at;
        try {
            at = Instant.parse(atField.asText());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("field 'at' is not an ISO time: '" + atField.asText() + "'");
        }
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("kind", source.kind);
        line.put("at", at.toString());
        line.put("topic", r.topic());
        line.put("partition", r.partition());
        line.put("offset", r.offset());
        line.put("key", r.key());
        line.set("record", record);
        return new Entry(at, source.ordinal(), r.partition(), r.offset(), line);
    }
}
