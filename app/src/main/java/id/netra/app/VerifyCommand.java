package id.netra.app;

import id.netra.model.Alert;
import id.netra.model.Json;
import id.netra.model.Topics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netra verify}: the evidence check of an alert, or of every alert of a case. Reads {@code alerts},
 * {@code captures} and (for a case id) {@code alert-events}; prints, per alert, both hashes, the capture time, the
 * source URL and MATCH, MISMATCH or NO CAPTURE (see {@link EvidenceCheck}).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks that the stored capture of an alert's post is the payload the alert recorded,",
                       "and that the stored capture of each picture whose text it read is the picture it recorded.",
                       "Recomputes the SHA-256 of the capture on the captures topic (gunzipped) and compares it with the post's provenance.",
                       "For a case id, checks every alert of the case."},
        exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3,
        exitCodeListHeading = "Exit codes (for a case, the worst of its alerts: 1, then 2, then 3):%n",
        exitCodeList = {"0:MATCH: the capture is the payload the alert recorded",
                        "1:MISMATCH: the capture differs (or is damaged)",
                        "2:NO CAPTURE: no capture of the payload is stored",
                        "3:cannot check: unknown id, bad options, a topic missing, no recorded hash, Kafka not reachable"})
final class VerifyCommand implements Callable<Integer> {
    /** Alert ids are the first 32 hex digits of a SHA-256 ({@link Alert#idFor}); anything else is taken as a case id. */
    private static final Pattern ALERT_ID = Pattern.compile("[0-9a-f]{32}");

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(paramLabel = "ID", description = "An alert id (32 hex digits) or a case id (NTR-2024-000123).")
    String id;

    @Option(names = "--json", description = "One JSON object per alert instead of the text report.")
    boolean json;

    @Option(names = "--topic", paramLabel = "CATALOG=NAME",
            description = "Read another topic in place of a catalog one (alerts, captures, alert-events), e.g. --topic alerts=alerts-replay.")
    Map<String, String> topicNames = Map.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<EvidenceCheck.Report> reports = verify(err);
            for (EvidenceCheck.Report r : reports) {
                if (json) {
                    out.println(Json.mapper().writeValueAsString(r));
                } else {
                    print(r, out);
                }
            }
            out.flush();
            return reports.stream().map(EvidenceCheck.Report::outcome).max(Comparator.comparingInt(VerifyCommand::severity))
                    .orElseThrow().exitCode;
        } catch (IllegalArgumentException | IllegalStateException | org.apache.kafka.common.KafkaException
                 | com.fasterxml.jackson.core.JsonProcessingException e) {
            err.println("netra verify: " + e.getMessage());
            return EvidenceCheck.Outcome.CANNOT_CHECK.exitCode;
        }
    }

    private List<EvidenceCheck.Report> verify(PrintWriter err) {
        String target = id.strip();
        String alertsTopic = topic(Topics.ALERTS.name());
        String capturesTopic = topic(Topics.CAPTURES.name());
        String eventsTopic = topic(Topics.ALERT_EVENTS.name());
        topicNames.keySet().forEach(k -> {
            if (!List.of(Topics.ALERTS.name(), Topics.CAPTURES.name(), Topics.ALERT_EVENTS.name()).contains(k)) {
                throw new IllegalArgumentException("--topic " + k + "=...: verify reads alerts, captures and alert-events");
            }
        });
        try (TopicScan scan = new TopicScan(kafka.kafka(), err, "verify")) {
            EvidenceCheck check = new EvidenceCheck(scan, err, alertsTopic, capturesTopic, eventsTopic);
            List<String> alertIds;
            Map<String, String> caseOf = new LinkedHashMap<>();
            if (ALERT_ID.matcher(target).matches()) {
                alertIds = List.of(target);
            } else {
                alertIds = check.alertsOfCase(target);
                if (alertIds.isEmpty()) {
                    throw new IllegalArgumentException("no case " + ConsoleText.inert(target) + " on " + eventsTopic
                            + " (an alert id is 32 hex digits)");
                }
                alertIds.forEach(a -> caseOf.put(a, target));
            }
            Map<String, Alert> found = check.alerts(alertIds);
            List<Alert> alerts = new ArrayList<>();
            for (String a : alertIds) {
                Alert alert = found.get(a);
                if (alert == null) {
                    throw new IllegalArgumentException("no alert " + ConsoleText.inert(a) + " on " + alertsTopic
                            + (caseOf.isEmpty() ? "" : " (it is in case " + ConsoleText.inert(target) + ")"));
                }
                alerts.add(alert);
            }
            return check.check(alerts, caseOf);
        }
    }

    private String topic(String catalog) {
        String name = topicNames.getOrDefault(catalog, catalog);
        if (name.isBlank()) {
            throw new IllegalArgumentException("--topic " + catalog + "=: a topic name is needed");
        }
        return name;
    }

    /** Which outcome decides a case's exit code: a mismatch first, then a missing capture, then one not checkable. */
    private static int severity(EvidenceCheck.Outcome o) {
        return EvidenceCheck.rank(o);
    }

    private static void print(EvidenceCheck.Report r, PrintWriter out) {
        out.printf("alert     %s%s%n", ConsoleText.inert(r.alertId()), r.caseId() == null ? "" : " (case " + ConsoleText.inert(r.caseId()) + ")");
        out.printf("post      %s%s%n", ConsoleText.inert(r.postKey()), r.postVersion() == null ? "" : ", version " + r.postVersion());
        out.printf("source    %s%s%s%n", ConsoleText.inert(r.sourceUrl()), r.httpStatus() == null ? "" : " (HTTP " + r.httpStatus() + ")",
                r.sourceId() == null ? "" : ", source " + ConsoleText.inert(r.sourceId()));
        out.printf("captured  %s%n", ConsoleText.inert(r.capturedAt()));
        if (r.storedWith() != null) {
            out.printf("stored    with %s (one payload, several posts)%n", ConsoleText.inert(r.storedWith()));
        }
        out.printf("recorded  %s  (SHA-256 in the alert's provenance)%n", ConsoleText.inert(r.recordedSha256()));
        out.printf("computed  %s  (SHA-256 of the stored capture, gunzipped)%n", ConsoleText.inert(r.computedSha256()));
        if (r.note() != null) {
            out.printf("note      %s%n", ConsoleText.inert(r.note()));
        }
        for (EvidenceCheck.PictureReport p : r.pictures()) {
            out.printf("picture   %s %s, captured %s%n", p.field(), ConsoleText.inert(String.valueOf(p.url())), ConsoleText.inert(String.valueOf(p.capturedAt())));
            out.printf("  recorded  %s  (SHA-256 in the alert's media text)%n", ConsoleText.inert(p.recordedSha256()));
            out.printf("  computed  %s  (SHA-256 of the stored picture, gunzipped)%n", ConsoleText.inert(String.valueOf(p.computedSha256())));
            out.printf("  %s%s%n", p.outcome().label(), p.note() == null ? "" : " (" + ConsoleText.inert(p.note()) + ")");
        }
        out.printf("%s%n%n", r.outcome().label());
    }
}
