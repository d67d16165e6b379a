package id.netra.alerts;

import id.netra.alerts.auth.Jurisdiction;
import id.netra.alerts.auth.PasswordHash;
import id.netra.alerts.auth.Role;
import id.netra.alerts.auth.Session;
import id.netra.alerts.auth.Sessions;
import id.netra.alerts.auth.User;
import id.netra.alerts.auth.UsersFile;
import id.netra.model.Regions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Fictional users for the tests, all with {@link #PASSWORD}, hashed cheaply: {@code nasional} (analyst, national),
 * {@code lampung} (analyst, province 18), {@code metro} (analyst, Kota Metro 18.72), {@code audit} (auditor, national),
 * {@code admin} (admin, national).
 */
public final class TestUsers {
    public static final String PASSWORD = "kata-sandi-uji";
    private static final int CHEAP = 1000;

    private TestUsers() {
    }

    public static User user(String name, Role role, String jurisdiction) {
        return new User(name, role, Jurisdiction.parse(jurisdiction, Regions.bundled()), PasswordHash.hash(PASSWORD.toCharArray(), CHEAP), null);
    }

    /** Writes the users file into {@code dir} and returns its path. */
    static Path write(Path dir) throws IOException {
        Path file = dir.resolve("users.yml");
        UsersFile.write(file, List.of(user("nasional", Role.ANALYST, "national"), user("lampung", Role.ANALYST, "18"),
                user("metro", Role.ANALYST, "18.72"), user("audit", Role.AUDITOR, "national"), user("admin", Role.ADMIN, "national")));
        return file;
    }

    /** A session as the pages get it. */
    static Session session(Role role, String jurisdiction) {
        return new Sessions(Duration.ofHours(1), Clock.systemUTC()).open(user("uji", role, jurisdiction));
    }
}
