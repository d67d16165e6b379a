package id.netra.app;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.netra.model.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netra audit export}: the audit trail of a period as JSONL, in time order, from the topics {@code alert-events}
 * (case events and analysts' actions), {@code audit-log} (logins, case views, exports), {@code notifications} and
 * {@code silences}. See {@link AuditTrail} for the lines and {@link AuditPeriod} for the period.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit trail of analysts' work.",
        subcommands = AuditCommand.Export.class)
final class AuditCommand extends CommandGroup {

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes every analyst action, login, case view, export, notification and silence of [--from, --to) as JSONL, in time order.",
                           "One object per line: {\"kind\", \"at\", \"topic\", \"partition\", \"offset\", \"key\", \"record\"}, record being the value as stored.",
                           "Dates are whole days in WIB (Asia/Jakarta): --from 2024-11-01 --to 2024-11-30 is November.",
                           "A topic that does not exist (feature not deployed) is reported and skipped."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeOnExecutionException = 3,
            exitCodeList = {"0:the trail was written", "1:written, but some records could not be read (listed on stderr)",
                            "2:bad options or times, or the output could not be written", "3:Kafka could not be read; nothing written"})
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOptions kafka;

        @Option(names = "--from", required = true, paramLabel = "TIME",
                description = "Start, included: a date (a WIB day) or an ISO time (2024-11-01T08:00:00+07:00; without an offset, WIB).")
        String from;

        @Option(names = "--to", required = true, paramLabel = "TIME",
                description = "End: a date (that WIB day included) or an ISO time (excluded).")
        String to;

        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE (replaced whole, only once complete) instead of stdout.")
        Path out;

        @Option(names = "--topic", paramLabel = "CATALOG=NAME",
                description = "Read another topic in place of a catalog one, e.g. --topic audit-log=audit-log-dr (repeatable).")
        Map<String, String> topicNames = Map.of();

        @Override
        public Integer call() {
            AuditPeriod period = AuditPeriod.parse(from, to);
            Map<AuditTrail.Source, String> topics = topics();
            PrintWriter err = spec.commandLine().getErr();
            AuditTrail.Result result;
            try (TopicScan scan = new TopicScan(kafka.kafka(), err, "audit export")) {
                result = AuditTrail.read(scan, topics, period, err, "audit export");
            } catch (IllegalStateException | org.apache.kafka.common.KafkaException e) {
                err.println("netra audit export: cannot read the trail, nothing written: " + e.getMessage());
                return 3;
            }
            if (out == null) {
                PrintWriter stdout = spec.commandLine().getOut();
                write(result, stdout);
                stdout.flush();
            } else {
                writeFile(result);
            }
            err.printf("netra audit export: %d record(s) from %s to %s (%s)%s%s%n", result.lines().size(), period.from(), period.to(),
                    result.perTopic().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
                    result.missingTopics().isEmpty() ? "" : "; absent: " + String.join(", ", result.missingTopics()),
                    result.unreadable() == 0 ? "" : "; " + result.unreadable() + " unreadable record(s) left out");
            return result.unreadable() == 0 ? 0 : 1;
        }

        private Map<AuditTrail.Source, String> topics() {
            Map<AuditTrail.Source, String> topics = new EnumMap<>(AuditTrail.Source.class);
            for (AuditTrail.Source s : AuditTrail.Source.values()) {
                topics.put(s, s.defaultTopic);
            }
            topicNames.forEach((catalog, name) -> {
                AuditTrail.Source s = java.util.Arrays.stream(AuditTrail.Source.values()).filter(x -> x.defaultTopic.equals(catalog))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("--topic " + catalog + "=" + name + ": the trail reads "
                                + java.util.Arrays.stream(AuditTrail.Source.values()).map(x -> x.defaultTopic).collect(Collectors.joining(", "))));
                if (name.isBlank()) {
                    throw new IllegalArgumentException("--topic " + catalog + "=: a topic name is needed");
                }
                topics.put(s, name);
            });
            return topics;
        }

        private void writeFile(AuditTrail.Result result) {
            Path target = out.toAbsolutePath();
            try {
                Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
                try {
                    try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                        write(result, w);
                    }
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
        }

        private static void write(AuditTrail.Result result, Writer w) {
            ObjectWriter json = Json.mapper().writer();
            try {
                for (ObjectNode line : result.lines()) {
                    w.write(json.writeValueAsString(line));
                    w.write('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the trail: " + e.getMessage(), e);
            }
        }
    }
}
