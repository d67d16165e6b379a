package id.netra.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code netra} command: runs the whole system locally ({@code up}), each service alone against any
 * broker ({@code ingest}, {@code classifier}, {@code alerts}), the classifier offline on files
 * ({@code classify}, {@code eval}), and the data publishing steps. Results go to stdout, diagnostics to stderr.
 */
@Command(name = "netra", mixinStandardHelpOptions = true, versionProvider = Netra.Version.class,
        description = "Flags partisan social-media posts by Indonesian civil servants (ASN) during Pilkada.",
        subcommands = {
            UpCommand.class,
            TestCommand.class,
            ClassifyCommand.class,
            EvalCommand.class,
            IngestCommand.class,
            MediaCommand.class,
            ClassifierCommand.class,
            AlertsCommand.class,
            TopicsCommand.class,
            RegistryCommand.class,
            WatchlistCommand.class,
            AuditCommand.class,
            VerifyCommand.class,
            UsersCommand.class,
            ReplayCommand.class,
            id.netra.app.bench.BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Netra implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Lucene logs through java.util.logging that the Vector API is not enabled; that is a speed hint for Lucene's
     * vector search, which Netra does not use, so it is kept off the analysts' console. Held here so the setting
     * is not garbage collected.
     */
    private static final java.util.logging.Logger LUCENE_VECTORIZATION =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    public static void main(String[] args) {
        LUCENE_VECTORIZATION.setLevel(java.util.logging.Level.SEVERE);
        System.exit(commandLine().execute(args));
    }

    /** The command line with Netra's error handling: a bad argument or a refused input is one clear line, exit 2. */
    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Netra());
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException
                    || ex instanceof java.nio.file.NoSuchFileException) {
                commandLine.getErr().println("netra " + commandLine.getCommandSpec().qualifiedName().replaceFirst("^netra ", "") + ": " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cmd;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Netra.class.getPackage().getImplementationVersion();
            return new String[] {"netra " + (v == null ? "development build" : v)};
        }
    }
}
