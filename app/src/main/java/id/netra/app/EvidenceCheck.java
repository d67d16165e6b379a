package id.netra.app;

import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.Capture;
import id.netra.model.JsonSerde;
import id.netra.model.Provenance;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Checks an alert's evidence: finds the capture of the alert's post on {@code captures} (following {@code storedWith}
 * to the post whose capture holds a shared payload), gunzips it, computes its SHA-256 and compares it with the hash
 * the post's provenance recorded at collection.
 *
 * <p>Records are looked up by key in the partition Kafka's default partitioner puts the key in (see
 * {@link TopicScan#partitionOf}); only a key not found there makes the other partitions be read, with a note on
 * stderr, so a producer with another partitioner cannot turn into a false "no capture".
 */
final class EvidenceCheck {
    /** The result of one check, with its exit code. */
    enum Outcome {
        MATCH(0), MISMATCH(1), NO_CAPTURE(2), CANNOT_CHECK(3);

        final int exitCode;

        Outcome(int exitCode) {
            this.exitCode = exitCode;
        }

        String label() {
            return name().replace('_', ' ');
        }
    }

    /**
     * What was found for one alert.
     *
     * @param recordedSha256 the hash the post's provenance recorded (what the alert relies on)
     * @param computedSha256 the hash of the stored capture, gunzipped; {@code null} without one
     * @param capturedAt     when the payload was fetched
     * @param sourceUrl      the address the payload was fetched from
     * @param storedWith     the post whose capture holds the shared payload, if another
     * @param note           why, when not a plain match
     * @param pictures       the check of each picture whose text the alert read (its capture on {@code captures}, source
     *                       {@code media}); empty for an alert that read none
     */
    record Report(String alertId, String caseId, Outcome outcome, String postKey, Integer postVersion, String recordedSha256,
                  String computedSha256, Instant capturedAt, URI sourceUrl, Integer httpStatus, String sourceId, String storedWith,
                  String note, @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                  List<PictureReport> pictures) {
        Report(String alertId, String caseId, Outcome outcome, String postKey, Integer postVersion, String recordedSha256,
               String computedSha256, Instant capturedAt, URI sourceUrl, Integer httpStatus, String sourceId, String storedWith, String note) {
            this(alertId, caseId, outcome, postKey, postVersion, recordedSha256, computedSha256, capturedAt, sourceUrl, httpStatus, sourceId,
                    storedWith, note, List.of());
        }

        Report withPictures(List<PictureReport> checked) {
            Outcome worst = outcome;
            for (PictureReport p : checked) {
                if (rank(p.outcome()) > rank(worst)) {
                    worst = p.outcome();
                }
            }
            return new Report(alertId, caseId, worst, postKey, postVersion, recordedSha256, computedSha256, capturedAt, sourceUrl,
                    httpStatus, sourceId, storedWith, note, checked);
        }
    }

    /**
     * The check of one picture of an alert: the SHA-256 the media text recorded and that of its stored capture.
     *
     * @param field the picture, {@code media[N]}
     */
    record PictureReport(String field, URI url, Outcome outcome, String recordedSha256, String computedSha256, Instant capturedAt, String note) {
    }

    /** Which outcome is worse: a mismatch, then a missing capture, then one not checkable. */
    static int rank(Outcome o) {
        return switch (o) {
            case MATCH -> 0;
            case CANNOT_CHECK -> 1;
            case NO_CAPTURE -> 2;
            case MISMATCH -> 3;
        };
    }

    private static final JsonSerde<Alert> ALERTS = new JsonSerde<>(Alert.class);
    private static final JsonSerde<Capture> CAPTURES = new JsonSerde<>(Capture.class);
    private static final JsonSerde<AlertEvent> EVENTS = new JsonSerde<>(AlertEvent.class);

    private final TopicScan scan;
    private final PrintWriter err;
    private final String alertsTopic;
    private final String capturesTopic;
    private final String eventsTopic;

    EvidenceCheck(TopicScan scan, PrintWriter err, String alertsTopic, String capturesTopic, String eventsTopic) {
        this.scan = scan;
        this.err = err;
        this.alertsTopic = alertsTopic;
        this.capturesTopic = capturesTopic;
        this.eventsTopic = eventsTopic;
    }

    /** The alerts of a case, in the order they joined it (from its opened and alert-added events); empty for no such case. */
    List<String> alertsOfCase(String caseId) {
        int partitions = scan.partitions(eventsTopic).orElseThrow(() ->
                new IllegalStateException("topic " + eventsTopic + " does not exist, so no case can be found; give an alert id"));
        Set<String> alertIds = new LinkedHashSet<>();
        scan.scan(eventsTopic, TopicScan.all(partitions), r -> {
            if (!caseId.equals(r.key()) || r.value() == null) {
                return;
            }
            try {
                AlertEvent e = EVENTS.deserialize(r.topic(), r.value());
                if (caseId.equals(e.caseId()) && e.alertId() != null
                        && (e.type() == AlertEvent.Type.OPENED || e.type() == AlertEvent.Type.ALERT_ADDED)) {
                    alertIds.add(e.alertId());
                }
            } catch (SerializationException bad) {
                err.printf("netra verify: skipped an unreadable case event at %s-%d@%d (key %s): %s%n", r.topic(), r.partition(),
                        r.offset(), r.key(), bad.getMessage());
            }
        });
        return List.copyOf(alertIds);
    }

    /** The latest record of each of {@code ids} on the alerts topic; ids without one (or deleted) are absent. */
    Map<String, Alert> alerts(Collection<String> ids) {
        Map<String, Alert> out = new HashMap<>();
        latest(alertsTopic, ids).forEach((id, bytes) -> {
            if (bytes != null) {
                out.put(id, ALERTS.deserialize(alertsTopic, bytes));
            }
        });
        return out;
    }

    /** Checks the evidence of each alert, looking every capture up in one read per partition. */
    List<Report> check(List<Alert> alerts, Map<String, String> caseOf) {
        Set<String> keys = new LinkedHashSet<>();
        alerts.forEach(a -> keys.add(a.post().key()));
        Map<String, List<Capture>> captures = captures(keys);
        Set<String> shared = new LinkedHashSet<>();
        captures.values().forEach(list -> list.forEach(c -> {
            if (c.payload() == null && c.storedWith() != null && !captures.containsKey(c.storedWith())) {
                shared.add(c.storedWith());
            }
        }));
        captures.putAll(captures(shared));
        List<Report> reports = new ArrayList<>();
        for (Alert a : alerts) {
            Report r = check(a, caseOf.get(a.id()), captures);
            reports.add(a.mediaText() == null ? r : r.withPictures(pictures(a, captures.getOrDefault(a.post().key(), List.of()))));
        }
        return reports;
    }

    private Report check(Alert alert, String caseId, Map<String, List<Capture>> captures) {
        String key = alert.post().key();
        Provenance p = alert.post().provenance();
        if (p == null) {
            return new Report(alert.id(), caseId, Outcome.CANNOT_CHECK, key, null, null, null, null, alert.post().url(), null, null, null,
                    "the alert's post has no provenance (collected before payload hashes were recorded or written to posts by hand): "
                            + "nothing to compare its page with");
        }
        List<Capture> ofKey = captures.getOrDefault(key, List.of());
        Optional<Capture> own = ofVersion(ofKey, p);
        if (own.isEmpty()) {
            String note = ofKey.isEmpty() ? "no capture of " + key + " on " + capturesTopic
                    : ofKey.size() + " capture(s) of " + key + " on " + capturesTopic + ", none of the payload fetched at " + p.fetchedAt();
            return report(alert, caseId, Outcome.NO_CAPTURE, null, null, null, note);
        }
        Capture c = own.get();
        Capture holder = c;
        if (c.payload() == null) {
            holder = ofVersion(captures.getOrDefault(c.storedWith(), List.of()), p).filter(h -> h.payload() != null).orElse(null);
            if (holder == null) {
                return report(alert, caseId, Outcome.NO_CAPTURE, null, c, c.storedWith(),
                        "the payload is stored with " + c.storedWith() + ", but no capture of it with the payload fetched at "
                                + p.fetchedAt() + " is on " + capturesTopic);
            }
        }
        if (!"gzip".equalsIgnoreCase(holder.encoding())) {
            return report(alert, caseId, Outcome.CANNOT_CHECK, null, c, c.storedWith(),
                    "the capture's encoding '" + holder.encoding() + "' is not gzip");
        }
        String computed;
        try {
            computed = gunzipSha256(holder.payload());
        } catch (IOException damaged) {
            return report(alert, caseId, Outcome.MISMATCH, null, c, c.storedWith(),
                    "the stored payload is not valid gzip (" + damaged.getMessage() + "): the capture is damaged");
        }
        boolean match = computed.equalsIgnoreCase(p.payloadSha256());
        String note = match ? null : "the stored payload is not the one the alert recorded";
        if (match && !holder.sha256().equalsIgnoreCase(p.payloadSha256())) {
            note = "the payload matches, but the capture record names another hash (" + holder.sha256() + ")";
        }
        return report(alert, caseId, match ? Outcome.MATCH : Outcome.MISMATCH, computed, c, c.storedWith(), note);
    }

    /** Checks each picture the alert's media text read against its capture (source {@code media}, same hash and fetch time). */
    private static List<PictureReport> pictures(Alert alert, List<Capture> ofKey) {
        List<PictureReport> out = new ArrayList<>();
        for (id.netra.model.MediaText.Item item : alert.mediaText().items()) {
            if (item.sha256() == null) {
                continue;
            }
            String field = "media[" + item.index() + "]";
            List<Capture> sameFetch = ofKey.stream().filter(c -> "media".equals(c.sourceId()) && c.fetchedAt().equals(item.fetchedAt())
                    && c.requestUrl().equals(item.url())).toList();
            if (sameFetch.isEmpty()) {
                out.add(new PictureReport(field, item.url(), Outcome.NO_CAPTURE, item.sha256(), null, item.fetchedAt(),
                        "no capture of the picture fetched at " + item.fetchedAt()));
                continue;
            }
            Capture c = sameFetch.stream().filter(x -> x.sha256().equalsIgnoreCase(item.sha256())).reduce((a, b) -> b).orElse(sameFetch.getLast());
            try {
                String computed = gunzipSha256(c.payload());
                boolean match = computed.equalsIgnoreCase(item.sha256());
                out.add(new PictureReport(field, item.url(), match ? Outcome.MATCH : Outcome.MISMATCH, item.sha256(), computed, c.fetchedAt(),
                        match ? null : "the stored picture is not the one the alert's text was read in"));
            } catch (IOException | RuntimeException damaged) {
                out.add(new PictureReport(field, item.url(), Outcome.MISMATCH, item.sha256(), null, c.fetchedAt(),
                        "the stored picture is not valid gzip: the capture is damaged"));
            }
        }
        return out;
    }

    private static Report report(Alert alert, String caseId, Outcome outcome, String computed, Capture c, String storedWith, String note) {
        Provenance p = alert.post().provenance();
        return new Report(alert.id(), caseId, outcome, alert.post().key(), p.version(), p.payloadSha256(), computed,
                c == null ? p.fetchedAt() : c.fetchedAt(), c == null ? p.requestUrl() : c.requestUrl(),
                c == null ? p.httpStatus() : c.httpStatus(), p.sourceId(), storedWith, note);
    }

    /**
     * The capture of the payload the provenance names: the one fetched at the same time from the same source (there is
     * one per fetch); a record whose hash field was altered is still found, and then checked by its payload.
     */
    private static Optional<Capture> ofVersion(List<Capture> captures, Provenance p) {
        List<Capture> sameFetch = captures.stream()
                .filter(c -> c.fetchedAt().equals(p.fetchedAt()) && c.sourceId().equals(p.sourceId())).toList();
        return sameFetch.stream().filter(c -> c.sha256().equalsIgnoreCase(p.payloadSha256())).reduce((a, b) -> b)
                .or(() -> sameFetch.stream().reduce((a, b) -> b));
    }

    private Map<String, List<Capture>> captures(Set<String> keys) {
        Map<String, List<Capture>> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        records(capturesTopic, keys).forEach((key, values) -> {
            for (byte[] v : values) {
                if (v == null) {
                    continue;
                }
                try {
                    out.computeIfAbsent(key, k -> new ArrayList<>()).add(CAPTURES.deserialize(capturesTopic, v));
                } catch (SerializationException bad) {
                    err.printf("netra verify: an unreadable capture of %s on %s: %s%n", key, capturesTopic, bad.getMessage());
                }
            }
        });
        return out;
    }

    private Map<String, byte[]> latest(String topic, Collection<String> keys) {
        Map<String, byte[]> out = new HashMap<>();
        records(topic, new LinkedHashSet<>(keys)).forEach((k, values) -> out.put(k, values.getLast()));
        return out;
    }

    /** Every value of each key, in offset order: first from the keys' own partitions, then, for keys not found, the rest. */
    private Map<String, List<byte[]>> records(String topic, Set<String> keys) {
        int partitions = scan.partitions(topic).orElseThrow(() -> new IllegalStateException("topic " + topic + " does not exist"));
        Set<Integer> own = new java.util.TreeSet<>();
        keys.forEach(k -> own.add(TopicScan.partitionOf(k, partitions)));
        Map<String, List<byte[]>> out = new HashMap<>();
        read(topic, List.copyOf(own), keys, out);
        Set<String> notFound = new HashSet<>(keys);
        notFound.removeAll(out.keySet());
        if (!notFound.isEmpty() && own.size() < partitions) {
            List<Integer> rest = TopicScan.all(partitions).stream().filter(p -> !own.contains(p)).toList();
            err.printf("netra verify: %s not in the partition of %s the default partitioner gives; reading the other partitions%n",
                    String.join(", ", notFound.stream().map(ConsoleText::inert).sorted().toList()), topic);
            read(topic, rest, notFound, out);
        }
        return out;
    }

    private void read(String topic, List<Integer> partitions, Set<String> keys, Map<String, List<byte[]>> out) {
        scan.scan(topic, partitions, r -> {
            if (r.key() != null && keys.contains(r.key())) {
                out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
            }
        });
    }

    static String gunzipSha256(byte[] gzip) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        try (InputStream in = new DigestInputStream(new GZIPInputStream(new ByteArrayInputStream(gzip)), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
