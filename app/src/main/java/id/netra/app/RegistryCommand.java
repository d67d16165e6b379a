package id.netra.app;

import id.netra.model.LineError;
import id.netra.model.RegistryCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Imports a registry CSV into the {@code registry} topic. */
@Command(name = "registry", mixinStandardHelpOptions = true, description = "Manages the ASN registry.",
        subcommands = {RegistryCommand.Import.class, RegistryCommand.Remove.class})
final class RegistryCommand extends CommandGroup {
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Validates a registry CSV (format: shared/data/FORMATS.md) and publishes it to the registry topic in one transaction.",
                           "By default nothing is imported if any row is bad; every bad row is listed with its line."})
    static final class Import implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Parameters(paramLabel = "FILE.csv", description = "The registry CSV.")
        Path file;

        @Option(names = "--skip-invalid", description = "Import the good rows even if some are bad.")
        boolean skipInvalid;

        @Override
        public Integer call() throws Exception {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException(file + ": no such file or not readable");
            }
            RegistryCsv.Result result = RegistryCsv.read(file);
            for (LineError e : result.errors()) {
                System.err.println(e);
            }
            if (!result.errors().isEmpty() && !skipInvalid) {
                System.err.printf("netra registry import: %d bad row(s); nothing imported (use --skip-invalid to import the %d good rows)%n",
                        result.errors().size(), result.records().size());
                return 1;
            }
            new Publisher(kafka.kafka()).publishRegistry(result.records());
            System.out.printf("imported %d ASN record(s)%s%n", result.records().size(),
                    result.errors().isEmpty() ? "" : ", skipped " + result.errors().size() + " bad row(s)");
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes ASN who left service (a tombstone per NIP); their posts no longer raise alerts from then on.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Parameters(paramLabel = "NIP", arity = "1..*", description = "The 18-digit NIPs.")
        java.util.List<String> nips;

        @Override
        public Integer call() {
            for (String nip : nips) {
                if (nip.length() != 18 || !nip.chars().allMatch(Character::isDigit)) {
                    throw new IllegalArgumentException("'" + nip + "' is not an 18-digit NIP; nothing removed");
                }
            }
            new Publisher(kafka.kafka()).removeFromRegistry(nips);
            System.out.printf("removed %d ASN record(s)%n", nips.size());
            return 0;
        }
    }
}
