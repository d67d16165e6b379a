package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code netra bench} at a tiny scale: every figure is printed, so the benchmark does not rot between runs. */
class BenchCommandIT {
    @Test
    void printsTheMatcherPipelineAndRegistryFigures() {
        NetraCliTest.Run r = NetraCliTest.run("bench", "--registry-size", "300", "--posts", "200", "--matcher-posts", "200");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("545 elections")
                .containsPattern("\\(a\\) matcher, AUTOMATON, everyday mix .* posts/s per thread")
                .containsPattern("\\(a\\) matcher, MONITOR, election posts only .* posts/s per thread")
                .containsPattern("\\(c\\) registry ready in the classifier: [0-9.]+ s for 300 ASN")
                .containsPattern("\\(b\\) classifier end to end: 200 posts")
                .containsPattern("\\(b\\) exactly-once copy .* posts/s")
                .containsPattern("\\(b\\) ratio to the pass-through ceiling: [0-9.]+")
                .containsPattern("\\(b\\) ratio to the exactly-once copy: [0-9.]+");
    }

    @Test
    void replaysWhatTheLiveClassifierRecordedAndFindsItIdentical() {
        NetraCliTest.Run r = NetraCliTest.run("bench", "--only", "replay", "--registry-size", "300", "--posts", "300");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("\\(r\\) replay of 300 posts .* posts/s")
                .containsPattern("\\(r\\) report: ([0-9,]+) alerts replayed, \\1 recorded; identical \\1, changed 0, missing 0, new 0");
    }

    @Test
    void measuresTheLatencyFromArrivalAtIngestToTheAlertOnTheLiveStream() {
        NetraCliTest.Run r = NetraCliTest.run("bench", "--only", "latency", "--rate", "200", "--duration", "PT8S", "--warmup", "PT2S",
                "--registry-size", "400");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("\\(l\\) fed 1,600 posts in [0-9.]+ s")
                .containsPattern("\\(l\\) latency from arrival at ingest to the alert served on the live stream, [0-9,]+ alerts: "
                        + "p50 [0-9.]+ s, p95 [0-9.]+ s, p99 [0-9.]+ s, max [0-9.]+ s")
                .containsPattern("0 with an unexpected id")
                .containsPattern("\\(l\\) alerts expected \\(offline classifier\\): ([0-9,]+); served: \\1; missing: 0");
    }

    @Test
    void measuresTheIntakeOfADroppedFile() {
        NetraCliTest.Run r = NetraCliTest.run("bench", "--only", "intake", "--posts", "3000");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("\\(i\\) intake of a dropped JSONL file: 3,000 posts in [0-9.]+ s = [0-9,]+ posts/s \\(1 transactions");
    }

    @Test
    void readsPicturesAndMeasuresTheFeedsLatencyWithAndWithoutTheMediaStage() {
        NetraCliTest.Run r = NetraCliTest.run("bench", "--only", "media", "--pictures", "2", "--media-posts", "4");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("\\(m\\) tesseract .* 2 posters of 1080x1350 read on 1 thread in [0-9.]+ s = [0-9.]+ pictures/s per core")
                .containsPattern("\\(ml\\) words, no media stage: 4 alerts, latency p50 [0-9]+ ms")
                .containsPattern("\\(ml\\) words, media stage reading every other post's picture: 2 alerts")
                .containsPattern("\\(ml\\) bland caption \\+ poster, through the media stage: 4 alerts, latency p50 [0-9]+ ms");
    }

    @Test
    void loadsCasesIntoTheAlertsServiceAndMeasuresAnalystsAtWork() {
        NetraCliTest.Run r = NetraCliTest.run("bench", "--only", "alerts-app", "--alerts", "2000", "--analysts", "5", "--duration", "PT6S",
                "--warmup", "PT1S", "--think", "PT0.05S", "--heap", "256m");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("(aa) 2,000 alerts (200 LOW, without a case) in 600 cases; 5 analysts")
                .containsPattern("\\(aa\\) published 2,000 alerts and [0-9,]+ case events")
                .containsPattern("\\(aa\\) ready: /health at [0-9.]+ s, /ready UP at [0-9.]+ s, every case listed \\(/api/cases total 600\\)")
                .containsPattern("\\(aa\\) heap used after a full GC once ready: [0-9,]+ MiB of -Xmx256m; RSS [0-9,]+ MiB")
                .containsPattern("\\(aa\\) 5 analysts logged in")
                .contains("(aa) errors: none")
                .containsPattern("\\(aa\\) export of every case: HTTP 200, [0-9,]+ bytes, 600 rows \\(600 cases\\)")
                .containsPattern("\\(aa\\) export heap: before [0-9,]+ MiB \\(after a full GC\\), in use at most [0-9,]+ MiB, live at most [0-9,]+ MiB during it \\(growth [0-9,]+ MiB")
                .contains("(aa) the alerts service stopped (SIGTERM); started again on its stored state")
                .containsPattern("\\(aa\\) heap used after a full GC once ready again: [0-9,]+ MiB")
                .containsPattern("ready within 60 s of a restart \\(state on disk\\)")
                .contains("(aa) goals of issue 17:");
        for (String kind : java.util.List.of("/kasus first page", "/api/cases filtered", "/api/cases ?severity", "/api/cases ?region",
                "/api/cases ?status", "/api/cases ?candidate", "/kasus/{id}")) {
            assertThat(r.out()).as(kind).containsPattern("\\(aa\\) " + java.util.regex.Pattern.quote(kind) + " +[1-9][0-9]* +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+");
        }
    }

    @Test
    void refusesAnUnknownPart() {
        NetraCliTest.Run r = NetraCliTest.run("bench", "--only", "everything");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--only must be 'matcher', 'pipeline', 'replay', 'intake', 'latency', 'media' or 'alerts-app'");
    }
}
