package id.netra.app;

import id.netra.ingest.SourceHealth;
import id.netra.model.Severity;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the whole system locally ({@link LocalStack}) until Ctrl-C, with a status line every ten seconds. */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs Netra locally: embedded Kafka, sample data, classifier and the feed (default http://localhost:8080).",
                       "Data stays under --data-dir between runs. Drop JSONL post files into <data-dir>/inbox to ingest them.",
                       "Ctrl-C (or SIGTERM) stops everything cleanly within seconds; exits 1 if a service fails for good."})
final class UpCommand implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "Where Kafka and the services keep their data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "HTTP port of the feed (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--ingest-port", paramLabel = "PORT", defaultValue = "8081", description = "HTTP port of ingest: source health and reported URLs (default: ${DEFAULT-VALUE}).")
    int ingestPort;

    @Option(names = "--classifier-port", paramLabel = "PORT", defaultValue = "8082", description = "HTTP port of the classifier's /health, /ready and /metrics (default: ${DEFAULT-VALUE}; -1 for none).")
    int classifierPort;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092", description = "Port of the embedded broker (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--pace", paramLabel = "POSTS_PER_SECOND", defaultValue = "4", description = "How fast posts are ingested (default: ${DEFAULT-VALUE}/s).")
    int pace;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--smtp", paramLabel = "HOST:PORT", description = "An SMTP server (no TLS, no login) for the supervisors' e-mails, e.g. a local "
            + "mail catcher; without it notifications are off.")
    String smtp;

    @Option(names = "--no-samples", description = "Do not publish the sample registry and watchlist nor stream the sample posts.")
    boolean noSamples;

    @Override
    public Integer call() throws Exception {
        java.util.Map<String, String> alertsSettings = new java.util.HashMap<>();
        if (smtp != null) {
            int colon = smtp.lastIndexOf(':');
            if (colon <= 0 || !smtp.substring(colon + 1).matches("\\d{1,5}")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--smtp must be HOST:PORT, not '" + smtp + "'");
            }
            alertsSettings.put("alerts.smtp.host", smtp.substring(0, colon));
            alertsSettings.put("alerts.smtp.port", smtp.substring(colon + 1));
            alertsSettings.put("alerts.smtp.starttls", "false");
        }
        LocalStack.Options options = new LocalStack.Options(dataDir, kafkaPort, httpPort, ingestPort, pace, !noSamples, alertsSettings,
                classifierPort);
        LocalStack stack;
        try {
            stack = LocalStack.start(options, UpCommand::status);
        } catch (RuntimeException e) {
            status(e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        ScheduledExecutorService console = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "netra-up-console");
            t.setDaemon(true);
            return t;
        });
        Runnable stop = () -> {
            if (closed.compareAndSet(false, true)) {
                long start = System.nanoTime();
                status("stopping...");
                console.shutdownNow();
                stack.close();
                status("stopped in " + java.time.Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms.");
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, "netra-up-shutdown"));
        int port = stack.alerts().port();
        int ingestPort = stack.ingest().httpPort();
        System.out.printf("%nNetra is up.%n  Cases:   http://localhost:%d/kasus%n  API:     http://localhost:%d/api/alerts%n"
                + "  Ingest:  http://localhost:%d/api/sources (health), POST http://localhost:%d/api/reports (report a post URL; or the form on /kasus)%n"
                + "           with Authorization: Bearer %s (a new API token at every start)%n"
                + "  Health:  /health, /ready and /metrics on each port (classifier: %s)%n"
                + "  Sources: %s (edit to add feeds, pages, Mastodon, imports; re-read on save)%n"
                + "  Kafka:   %s (data in %s)%n  Inbox:   %s (drop JSONL post files here)%n  Ctrl-C stops everything.%n%n",
                port, port, ingestPort, ingestPort, stack.ingestToken(),
                stack.classifierPort() < 0 ? "none" : "http://localhost:" + stack.classifierPort(),
                stack.dataDir().resolve("sources.yml"), stack.kafka().bootstrapServers(),
                stack.kafka().dataDir(), stack.inbox());
        System.out.printf("Demo users (national; new passwords at every start, in %s):%n", stack.dataDir().resolve("users.yml"));
        stack.demoUsers().forEach((name, password) -> System.out.printf("  %-8s password %s%n", name, password));
        System.out.printf("Log in at http://localhost:%d/login, then open the cases at http://localhost:%d/kasus.%n%n", port, port);
        console.scheduleAtFixedRate(() -> {
            System.out.printf("netra up: %d post(s) ingested, %d record(s) rejected or failed, %d alert(s) in the feed (%d HIGH, %d MEDIUM or above)%n",
                    stack.ingest().postsSent(), stack.ingest().linesRejected(), stack.alerts().feed().size(),
                    stack.alerts().feed().count(Severity.HIGH), stack.alerts().feed().count(Severity.MEDIUM));
            for (SourceHealth h : stack.ingest().health()) {
                System.out.printf("  source %-14s %-8s new %d, edited %d, unchanged %d, failed %d%s%n", h.id(), h.state(), h.postsNew(),
                        h.postsEdited(), h.postsUnchanged(), h.failed(), h.lastError() == null ? "" : "; last error: " + h.lastError());
            }
        }, 5, 30, TimeUnit.SECONDS);
        while (!stopped.await(200, TimeUnit.MILLISECONDS)) {
            java.util.Optional<String> failure = stack.failure();
            if (failure.isPresent()) {
                status("a service failed for good: " + failure.get() + "; stopping everything.");
                stop.run();
                return 1;
            }
        }
        return 0;
    }

    private static void status(String message) {
        System.err.println("netra up: " + message);
    }
}
