package id.netra.app;

import id.netra.alerts.ReportsPage;
import id.netra.classifier.ClassifierConfig;
import id.netra.classifier.replay.Replay;
import id.netra.classifier.replay.ReplayOptions;
import id.netra.model.Json;
import id.netra.model.ReplayReport;
import id.netra.model.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netra replay}: derives a period's alerts again from the posts collected and reports how they compare with the
 * alerts recorded. Reads {@code posts}, {@code registry-accounts}, {@code watchlist} and {@code alerts}; writes
 * {@code alerts-replay-<run id>} and {@code replay-reports}, and the report files.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the classifier again over the posts published in [--from, --to), with the versions in force when each",
                       "post was published (or those given), writes the alerts to alerts-replay-<run id> (never to alerts), and",
                       "reports identical, changed, missing and new alerts against those recorded: <report-dir>/<run id>.json and",
                       ".html, and on the replay-reports topic (listed at /laporan in the alerts app). Ends by itself.",
                       "Times: ISO instants (2024-11-10T00:00:00Z), with an offset (2024-11-10T07:00+07:00) or dates (midnight WIB)."})
final class ReplayCommand implements Callable<Integer> {
    /** Dates are midnight in Western Indonesia Time, the zone of most regional elections and of the sample posts. */
    static final ZoneId DATES_IN = ZoneId.of("Asia/Jakarta");

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "Start of the period (inclusive).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "TIME", description = "End of the period (exclusive).")
    String to;

    @Option(names = "--watchlist-version", paramLabel = "V", description = "Judge every post with this watchlist version.")
    String watchlistVersion;

    @Option(names = "--registry-as-of", paramLabel = "TIME", description = "Look every author up in the registry as of this time.")
    String registryAsOf;

    @Option(names = "--lexicon-version", paramLabel = "V",
            description = "The classifier data, e.g. cues-v1+slang-v1+rules-v1 (default: this build's current).")
    String lexiconVersion;

    @Option(names = "--media-wait", paramLabel = "DURATION",
            description = "The live classifier's classifier.media-wait, e.g. PT30S (default: that key of -c / the environment, else PT30S): "
                    + "a post's pictures' text recorded within it after the post is read in its first decision.")
    java.time.Duration mediaWait;

    @Option(names = "--run-id", paramLabel = "ID", description = "The run's id (default: generated from the time).")
    String runId;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "replay-reports",
            description = "Where <run id>.json and .html go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String id = runId != null ? runId : newRunId(Instant.now());
        ClassifierConfig config = ClassifierConfig.from(kafka.settings());
        ReplayOptions options = new ReplayOptions(id, time("--from", from), time("--to", to), watchlistVersion,
                registryAsOf == null ? null : time("--registry-as-of", registryAsOf), lexiconVersion, config.topics(), kafka.kafka(),
                mediaWait != null ? mediaWait : config.mediaWait(), config.mediaKeep());
        err.printf("netra replay %s: posts published from %s to %s -> %s%n", id, options.from(), options.to(), options.outputTopic());
        err.flush();
        Replay.Result result = new Replay(options, Clock.systemUTC(), (phase, read, total) -> {
            err.printf("  %s: posts read %,d of ~%,d%n", phase, read, total);
            err.flush();
        }).run();
        ReplayReport report = result.report();
        Path[] files = write(reportDir, report);
        Replay.publish(kafka.kafka(), Topics.REPLAY_REPORTS.name(), report);
        ReplayReport.Counts c = report.counts();
        out.printf("replay %s: %,d posts read, %,d in the period, %,d alerts (%,d recorded) in %.1f s = %,.0f posts/s%n", id,
                report.postsRead(), report.postsInPeriod(), c.replayed(), c.recorded(), report.seconds(), report.postsPerSecond());
        out.printf("  identical %,d, changed %,d, missing %,d, new %,d%n", c.identical(), c.changed(), c.missing(), c.added());
        out.printf("  alerts: %s; report: %s, %s%n", report.outputTopic(), files[0], files[1]);
        if (result.badPosts() > 0) {
            err.printf("netra replay: %,d record(s) on %s are not valid posts and were skipped (see posts-dlq)%n",
                    result.badPosts(), options.topics().posts());
        }
        return 0;
    }

    /** Writes {@code <dir>/<run id>.json} and {@code .html}. */
    static Path[] write(Path dir, ReplayReport report) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(report.runId() + ".json");
        Path html = dir.resolve(report.runId() + ".html");
        Files.write(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        Files.writeString(html, ReportsPage.render(report), StandardCharsets.UTF_8);
        return new Path[] {json, html};
    }

    /** {@code r20241110-153000-1a2b}: sorts by time, and two runs in the same second still differ. */
    static String newRunId(Instant now) {
        return "r" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(now) + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    }

    /** An ISO instant, a date-time with offset, or a date (midnight WIB). */
    static Instant time(String option, String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(DATES_IN).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not an ISO time (2024-11-10T00:00:00Z, "
                    + "2024-11-10T07:00+07:00) or date (2024-11-10)");
        }
    }
}
