package id.netra.app;

import id.netra.alerts.auth.PasswordHash;
import id.netra.alerts.auth.Users;
import id.netra.alerts.auth.UsersFile;
import id.netra.model.Regions;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Manages the users file of the alerts web app ({@code alerts.users}). */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manages the users of the alerts web app (alerts.users).",
        subcommands = {UsersCommand.HashPassword.class, UsersCommand.Check.class, UsersCommand.Demo.class})
final class UsersCommand extends CommandGroup {

    /** Prints a password hash line for the users file; the password is never an argument, so it stays out of shell history. */
    @Command(name = "hash-password", mixinStandardHelpOptions = true,
            description = {"Reads a password from the console (asked twice) or, without a console, the first line of stdin,",
                           "and prints its hash for the 'password:' field of the users file."})
    static final class HashPassword implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--iterations", description = "PBKDF2 iterations (default ${DEFAULT-VALUE}; below 210000 is refused).")
        int iterations = PasswordHash.DEFAULT_ITERATIONS;

        @Override
        public Integer call() throws Exception {
            if (iterations < PasswordHash.MIN_PRODUCTION_ITERATIONS) {
                throw new IllegalArgumentException("--iterations must be at least " + PasswordHash.MIN_PRODUCTION_ITERATIONS + ", not " + iterations);
            }
            char[] password = read();
            try {
                if (password.length < 8) {
                    throw new IllegalArgumentException("the password must have at least 8 characters");
                }
                spec.commandLine().getOut().println(PasswordHash.hash(password, iterations));
                return 0;
            } finally {
                Arrays.fill(password, ' ');
            }
        }

        private char[] read() throws java.io.IOException {
            Console console = System.console();
            if (console != null && isTerminal(console)) {
                char[] first = console.readPassword("Kata sandi: ");
                char[] second = console.readPassword("Ulangi kata sandi: ");
                if (first == null || second == null || !Arrays.equals(first, second)) {
                    throw new IllegalArgumentException("the two passwords differ");
                }
                Arrays.fill(second, ' ');
                return first;
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalArgumentException("no password on stdin");
            }
            return line.toCharArray();
        }

        /** From Java 22 a console exists even when stdin is a pipe; {@code isTerminal} (22+) tells them apart. */
        private static boolean isTerminal(Console console) {
            try {
                return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
            } catch (ReflectiveOperationException e) {
                return true;
            }
        }
    }

    /** Reads a users file and reports every problem with its line. */
    @Command(name = "check", mixinStandardHelpOptions = true, description = "Checks a users file; prints each problem with its line.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the users file")
        Path file;

        @Override
        public Integer call() throws Exception {
            Users users = UsersFile.read(file, Regions.bundled());
            spec.commandLine().getOut().println(file + ": " + users.size() + " user(s), no problems");
            return 0;
        }
    }

    /** Writes a users file with one demo user per role and prints their passwords. */
    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Writes a users file with a national demo user per role (analis, auditor, admin) and prints their random passwords.")
    static final class Demo implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the users file to write (replaced if it exists)")
        Path file;

        @Override
        public Integer call() throws Exception {
            Map<String, String> passwords = UsersFile.writeDemo(file);
            spec.commandLine().getOut().println("Wrote " + file + ":");
            passwords.forEach((name, password) -> spec.commandLine().getOut().println("  " + name + " / " + password));
            return 0;
        }
    }
}
