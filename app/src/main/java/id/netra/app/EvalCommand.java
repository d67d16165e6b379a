package id.netra.app;

import id.netra.classifier.Evaluation;
import id.netra.classifier.OfflineClassifier;
import id.netra.model.Alert;
import id.netra.model.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Measures the classifier against a labelled set. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classifies the posts like 'classify' and compares the alerts (MEDIUM and above) with a labels file:",
                       "prints precision, recall and F1, then the false positives and false negatives with a short reason."})
final class EvalCommand implements Callable<Integer> {
    @Mixin
    ClassifierInputs inputs;

    @Option(names = "--labels", required = true, paramLabel = "L.csv",
            description = "The answer key: platform,post_id,author_is_asn,partisan,expect_alert,note.")
    Path labels;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isReadable(labels)) {
            throw new IllegalArgumentException(labels + ": no such file or not readable");
        }
        List<Alert> alerts = new ArrayList<>();
        try (Reader reader = ClassifyCommand.open(inputs.posts)) {
            OfflineClassifier.run(inputs.registry, inputs.watchlist, reader, inputs.postsName(), Severity.MEDIUM, inputs.lexiconVersion(), alerts::add,
                    spec.commandLine().getErr()::println);
        }
        Evaluation.Report r = Evaluation.evaluate(labels, alerts);
        out.printf("precision %.3f  recall %.3f  F1 %.3f  (true positives %d, false positives %d, false negatives %d)%n",
                r.precision(), r.recall(), r.f1(), r.truePositives(), r.falsePositives(), r.falseNegatives());
        out.printf("%nfalse positives (%d):%n", r.falsePositiveList().size());
        r.falsePositiveList().forEach(m -> out.printf("  %s  %s%n", m.postKey(), m.reason()));
        out.printf("%nfalse negatives (%d):%n", r.falseNegativeList().size());
        r.falseNegativeList().forEach(m -> out.printf("  %s  %s%n", m.postKey(), m.reason()));
        out.flush();
        return 0;
    }
}
