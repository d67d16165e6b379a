package id.netra.app;

import id.netra.classifier.ClassifierApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A classifier in a child JVM ({@link ClassifierApp} from this build's classpath), so that a SIGKILL is real: no
 * shutdown hook, no flush, no leaving the group, a transaction left open. Its output goes to a log file.
 */
final class ClassifierProcess implements AutoCloseable {
    private final Path props;
    private final Path log;
    private Process process;

    private ClassifierProcess(Path props, Path log) {
        this.props = props;
        this.log = log;
    }

    /** Writes {@code settings} to a properties file next to {@code log} and starts the classifier with it. */
    static ClassifierProcess start(Map<String, String> settings, Path log) {
        try {
            Path props = Files.writeString(log.resolveSibling(log.getFileName() + ".properties"), settings.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
            ClassifierProcess p = new ClassifierProcess(props, log);
            p.restart();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the process again with the same settings and state directory, as a supervisor would. */
    void restart() {
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            process = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    ClassifierApp.class.getName(), props.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
