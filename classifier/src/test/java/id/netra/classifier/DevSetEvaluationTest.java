package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import id.netra.model.Alert;
import id.netra.model.LineError;
import id.netra.model.Severity;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Measures the classifier on the labelled development set in {@code ../shared/data/dev} (next to the checkout) and
 * prints the figures. The quality gate (precision 0.95 / recall 0.90) belongs to the classifier issue; this first
 * version only checks the run is complete and prints what it measured.
 */
class DevSetEvaluationTest {
    static final Path DEV = Path.of("..", "..", "shared", "data", "dev");

    @Test
    void classifiesTheWholeDevelopmentSetAndPrintsItsFigures() throws IOException {
        assumeTrue(Files.isDirectory(DEV), "no development set at " + DEV.toAbsolutePath());
        List<Alert> alerts = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        OfflineClassifier.Summary summary;
        try (Reader posts = Files.newBufferedReader(DEV.resolve("posts.jsonl"))) {
            summary = OfflineClassifier.run(DEV.resolve("registry.csv"), DEV.resolve("watchlist.json"), posts, "posts.jsonl",
                    Severity.MEDIUM, alerts::add, errors::add);
        }
        Evaluation.Report r = Evaluation.evaluate(DEV.resolve("labels.csv"), alerts);
        System.out.printf("dev set: precision %.3f recall %.3f F1 %.3f (tp %d, fp %d, fn %d)%n",
                r.precision(), r.recall(), r.f1(), r.truePositives(), r.falsePositives(), r.falseNegatives());
        r.falsePositiveList().forEach(m -> System.out.println("  FP " + m.postKey() + "  " + m.reason()));
        r.falseNegativeList().forEach(m -> System.out.println("  FN " + m.postKey() + "  " + m.reason()));

        assertThat(errors).isEmpty();
        assertThat(summary.posts()).isEqualTo(222);
        assertThat(r.truePositives() + r.falseNegatives()).isEqualTo(88);
    }
}
