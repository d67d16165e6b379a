package id.netra.app;

import com.fasterxml.jackson.databind.ObjectWriter;
import id.netra.classifier.OfflineClassifier;
import id.netra.model.Json;
import id.netra.model.Severity;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the classifier's matching on files, without Kafka: one alert JSON object per line on stdout. */
@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classifies posts from files, without Kafka, with the same code as the streaming classifier.",
                       "Prints one alert JSON object per line on stdout; bad registry rows and post lines go to stderr",
                       "with their line numbers and the rest is processed. Formats: shared/data/FORMATS.md."})
final class ClassifyCommand implements Callable<Integer> {
    @Mixin
    ClassifierInputs inputs;

    @Option(names = "--min-severity", paramLabel = "LEVEL", defaultValue = "MEDIUM",
            description = "The lowest severity printed: LOW, MEDIUM or HIGH (default: ${DEFAULT-VALUE}).")
    Severity minSeverity;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectWriter writer = Json.mapper().writer();
        OfflineClassifier.Summary summary;
        try (Reader reader = open(inputs.posts)) {
            summary = OfflineClassifier.run(inputs.registry, inputs.watchlist, reader, inputs.postsName(), minSeverity, inputs.lexiconVersion(),
                    alert -> {
                        try {
                            out.println(writer.writeValueAsString(alert));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    err::println);
        }
        out.flush();
        err.printf("netra classify: %d post(s), %d alert(s) at %s or above, %d bad post line(s), %d bad registry row(s)%n",
                summary.posts(), summary.alerts(), minSeverity, summary.badPosts(), summary.badRegistryRows());
        return 0;
    }

    static Reader open(String posts) throws IOException {
        if ("-".equals(posts)) {
            return new InputStreamReader(System.in, StandardCharsets.UTF_8);
        }
        Path p = Path.of(posts);
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException(posts + ": no such file or not readable");
        }
        return Files.newBufferedReader(p, StandardCharsets.UTF_8);
    }
}
