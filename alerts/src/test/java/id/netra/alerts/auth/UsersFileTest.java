package id.netra.alerts.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.netra.model.Regions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {
    private static final String HASH = PasswordHash.hash("kata-sandi".toCharArray(), 1000);

    private static Users parse(String yaml) {
        return UsersFile.parse(yaml, "users.yml", Regions.bundled());
    }

    @Test
    void readsUsersWithRoleJurisdictionAndEmail() {
        Users users = parse("""
                users:
                  - name: ana
                    role: analyst
                    jurisdiction: "18"
                    password: "%s"
                    email: ana@example.go.id
                  - name: budi
                    role: auditor
                    jurisdiction: national
                    password: "%s"
                  - name: citra
                    role: admin
                    jurisdiction: "18.72"
                    password: "%s"
                """.formatted(HASH, HASH, HASH));

        assertThat(users.size()).isEqualTo(3);
        User ana = users.find("ana").orElseThrow();
        assertThat(ana.role()).isEqualTo(Role.ANALYST);
        assertThat(ana.jurisdiction().code()).isEqualTo("18");
        assertThat(ana.email()).isEqualTo("ana@example.go.id");
        assertThat(users.find("budi").orElseThrow().jurisdiction().national()).isTrue();
        assertThat(users.find("citra").orElseThrow().jurisdiction().code()).isEqualTo("18.72");
        assertThat(users.find("dedi")).isEmpty();
    }

    @Test
    void reportsEveryProblemWithItsLine() {
        String yaml = """
                users:
                  - name: ana
                    role: boss
                    jurisdiction: "18"
                    password: "%s"
                  - name: budi
                    role: analyst
                    jurisdiction: "77.01"
                    password: "%s"
                  - name: citra
                    role: analyst
                    jurisdiction: national
                    password: "rahasia123"
                  - name: ana
                    role: analyst
                    jurisdiction: national
                    password: "%s"
                  - name: dedi
                    role: analyst
                    jurisdiction: 18.70
                    pasword: "%s"
                """.formatted(HASH, HASH, HASH, HASH);

        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users.yml has 5 problem(s)")
                .hasMessageContaining("users.yml:2: user 'ana': unknown role 'boss'")
                .hasMessageContaining("users.yml:6: user 'budi': jurisdiction '77.01' is neither 'national' nor a Kemendagri province or regency code")
                .hasMessageContaining("users.yml:10: user 'citra': password hash must look like pbkdf2-sha256$")
                .hasMessageContaining("users.yml:14: user 'ana' is already defined on line 2")
                .hasMessageContaining("users.yml:18: user 'dedi': unknown key 'pasword'; write the jurisdiction in quotes")
                .hasMessageNotContaining("rahasia123");
    }

    @Test
    void refusesAFileWithoutAUsersList() {
        assertThatThrownBy(() -> parse("pengguna: []\n")).hasMessageContaining("expected a top-level 'users:' list");
        assertThatThrownBy(() -> parse("users: [\n")).hasMessageContaining("users.yml").hasMessageContaining("not valid YAML");
    }

    @Test
    void writesADemoFileWithOneUserPerRoleWhosePasswordsWork(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.yml");

        Map<String, String> passwords = UsersFile.writeDemo(file);

        Users users = UsersFile.read(file, Regions.bundled());
        assertThat(users.all()).extracting(User::role).containsExactlyInAnyOrder(Role.ANALYST, Role.AUDITOR, Role.ADMIN);
        assertThat(passwords).hasSize(3);
        passwords.forEach((name, password) -> {
            User u = users.find(name).orElseThrow();
            assertThat(PasswordHash.verify(password.toCharArray(), u.passwordHash())).isTrue();
            assertThat(PasswordHash.iterations(u.passwordHash())).isGreaterThanOrEqualTo(PasswordHash.MIN_PRODUCTION_ITERATIONS);
        });
        assertThat(Files.readString(file)).doesNotContain(passwords.values().toArray(String[]::new));
    }
}
