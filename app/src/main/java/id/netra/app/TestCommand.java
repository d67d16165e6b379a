package id.netra.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Runs the whole test suite: {@code ./mvnw verify} in the source tree (unit tests, then the *IT tests). */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Runs every test: ./mvnw verify (unit tests with Surefire, *IT tests on a real embedded broker with Failsafe).",
                       "Extra arguments go to Maven, e.g. netra test -pl classifier."})
final class TestCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "MAVEN_ARG", description = "Extra Maven arguments.")
    List<String> mavenArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("netra.home", "."));
        Path mvnw = home.resolve("mvnw");
        if (!Files.isExecutable(mvnw)) {
            throw new IllegalArgumentException("no Maven Wrapper at " + mvnw + ": run netra test from the source tree");
        }
        List<String> command = new ArrayList<>(List.of(mvnw.toString(), "-B", "verify"));
        command.addAll(mavenArgs);
        return new ProcessBuilder(command).directory(home.toFile()).inheritIO().start().waitFor();
    }
}
