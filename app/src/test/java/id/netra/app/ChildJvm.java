package id.netra.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A service's main class run in a JVM of its own, so that a SIGTERM or a failure is real (hooks, exit codes). */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildJvm start(Class<?> main, Path log, String... args) throws IOException {
        return withHeap("384m", main, log, args);
    }

    /** With at most {@code heap} of heap ({@code -Xmx}), e.g. {@code 96m}. */
    static ChildJvm withHeap(String heap, Class<?> main, Path log, String... args) throws IOException {
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(javaCommand, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }

    /** The ports {@link #freePort} handed out in this JVM. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A TCP port that was free a moment ago, and not handed out before in this JVM: the system may give a port just
     * closed again (UpStopIT once got the same port for the broker and a service, which then could not start).
     */
    static int freePort() throws IOException {
        for (int i = 0; i < 1000; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
        throw new IOException("No free port that was not handed out before");
    }

    Process process() {
        return process;
    }

    /** Waits for the process to end by itself; its exit code, or -1 if it still runs after {@code atMost}. */
    int awaitExit(Duration atMost) throws InterruptedException {
        return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** Sends SIGTERM and waits (at most {@code atMost}) for the process to end; how long it took. */
    Duration sigterm(Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
