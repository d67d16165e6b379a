package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.alerts.auth.PasswordHash;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UsersCommandTest {
    private final InputStream stdin = System.in;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    private int run(String input, String... args) {
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        CommandLine cmd = Netra.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void hashesAPasswordReadFromStdin() {
        int code = run("rahasia-sekali\n", "users", "hash-password", "--iterations", "210000");

        assertThat(code).isZero();
        String line = out.toString().strip();
        assertThat(line).startsWith("pbkdf2-sha256$210000$").doesNotContain("rahasia");
        assertThat(PasswordHash.verify("rahasia-sekali".toCharArray(), line)).isTrue();
    }

    @Test
    void neverTakesThePasswordAsAnArgumentAndRefusesWeakSettings() {
        assertThat(run("", "users", "hash-password", "rahasia-sekali")).isEqualTo(2);
        assertThat(run("rahasia-sekali\n", "users", "hash-password", "--iterations", "1000")).isEqualTo(2);
        assertThat(run("pendek\n", "users", "hash-password")).isEqualTo(2);
        assertThat(err.toString()).contains("at least 210000").contains("at least 8 characters");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void checksAUsersFileAndNamesTheLineOfEachProblem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.yml");
        Files.writeString(file, "users:\n  - name: ana\n    role: boss\n    jurisdiction: national\n    password: x\n");

        assertThat(run("", "users", "check", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("users.yml:2: user 'ana': unknown role 'boss'");
    }
}
