package id.netra.alerts.auth;

import java.util.Objects;

/**
 * A user of the analysts' web app, from the users file.
 *
 * @param passwordHash a {@link PasswordHash} string, never the password
 * @param email        where notifications go, or {@code null}
 */
public record User(String name, Role role, Jurisdiction jurisdiction, String passwordHash, String email) {
    public User {
        if (name == null || !name.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("user name '" + name + "' must be 1 to 64 letters, digits or . _ @ -");
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        PasswordHash.check(passwordHash);
    }

    @Override
    public String toString() {
        return "User[" + name + ", " + role.id() + ", " + jurisdiction + "]";
    }
}
