package id.netra.alerts.auth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import id.netra.model.Regions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the users file ({@code alerts.users}):
 * <pre>
 * users:
 *   - name: ana                 # letters, digits, . _ @ -; unique
 *     role: analyst             # analyst, auditor or admin
 *     jurisdiction: "18"        # national, a province code or a regency code ("18.72"); quote codes
 *     password: "pbkdf2-sha256$600000$...$..."   # from 'netra users hash-password', never the password itself
 *     email: ana@example.go.id  # optional
 * </pre>
 * Every problem is reported at once, each with its line: unknown role, unknown region, bad hash, duplicate name,
 * unknown key.
 */
public final class UsersFile {
    private static final Logger log = LoggerFactory.getLogger(UsersFile.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KEYS = Set.of("name", "role", "jurisdiction", "password", "email");

    private UsersFile() {
    }

    /** @throws IllegalArgumentException listing every problem, one per line, each naming file and line */
    public static Users read(Path file, Regions regions) throws IOException {
        return parse(Files.readString(file), file.toString(), regions);
    }

    static Users parse(String text, String name, Regions regions) {
        List<String> problems = new ArrayList<>();
        List<User> users = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(name + ": expected a top-level 'users:' list");
            }
            boolean found = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("users")) {
                    problems.add(name + ":" + p.currentTokenLocation().getLineNr() + ": unknown key '" + field + "' (only 'users')");
                    p.skipChildren();
                    continue;
                }
                found = true;
                if (value != JsonToken.START_ARRAY) {
                    throw new IllegalArgumentException(name + ":" + p.currentTokenLocation().getLineNr() + ": 'users' must be a list");
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    int line = p.currentTokenLocation().getLineNr();
                    JsonNode entry = p.readValueAsTree();
                    try {
                        String userName = entry == null ? "" : entry.path("name").asText("");
                        Integer first = userName.isBlank() ? null : seen.putIfAbsent(userName, line);
                        if (first != null) {
                            throw new IllegalArgumentException("user '" + userName + "' is already defined on line " + first);
                        }
                        User u = user(entry, regions);
                        if (PasswordHash.iterations(u.passwordHash()) < PasswordHash.MIN_PRODUCTION_ITERATIONS) {
                            log.warn("{}:{}: the password hash of user '{}' has only {} iterations; make a new one with 'netra users hash-password'.",
                                    name, line, u.name(), PasswordHash.iterations(u.passwordHash()));
                        }
                        users.add(u);
                    } catch (IllegalArgumentException e) {
                        problems.add(name + ":" + line + ": " + e.getMessage());
                    }
                }
            }
            if (!found) {
                throw new IllegalArgumentException(name + ": expected a top-level 'users:' list");
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException(name + (e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr())
                    + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot be read: " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(name + " has " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        }
        return new Users(users);
    }

    private static User user(JsonNode entry, Regions regions) {
        if (entry == null || !entry.isObject()) {
            throw new IllegalArgumentException("each user must be a map with name, role, jurisdiction and password");
        }
        String who = entry.path("name").asText("");
        String prefix = who.isBlank() ? "" : "user '" + who + "': ";
        List<String> wrong = new ArrayList<>();
        for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                wrong.add("unknown key '" + key + "'");
            }
        }
        Role role = null;
        Jurisdiction jurisdiction = null;
        try {
            role = Role.of(text(entry, "role"));
        } catch (IllegalArgumentException e) {
            wrong.add(e.getMessage());
        }
        try {
            if (entry.path("jurisdiction").isFloatingPointNumber()) {
                throw new IllegalArgumentException("write the jurisdiction in quotes: YAML reads it as the number "
                        + entry.get("jurisdiction").asText());
            }
            jurisdiction = Jurisdiction.parse(text(entry, "jurisdiction"), regions);
        } catch (IllegalArgumentException e) {
            wrong.add(e.getMessage());
        }
        User user = null;
        if (wrong.isEmpty()) {
            try {
                user = new User(text(entry, "name"), role, jurisdiction, text(entry, "password"), entry.path("email").isMissingNode() ? null : text(entry, "email"));
            } catch (IllegalArgumentException e) {
                wrong.add(e.getMessage());
            }
        } else {
            try {
                PasswordHash.check(text(entry, "password"));
            } catch (IllegalArgumentException e) {
                wrong.add(e.getMessage());
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException(prefix + String.join("; ", wrong));
        }
        return user;
    }

    private static String text(JsonNode entry, String key) {
        JsonNode v = entry.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * Writes a users file with one national user per role, named {@code analis}, {@code auditor} and {@code admin}, each
     * with a fresh random password; readable by the owner only where the file system allows.
     *
     * @return the user names and their passwords, to be shown once to whoever started the demo
     */
    public static Map<String, String> writeDemo(Path file) throws IOException {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put("analis", PasswordHash.randomPassword());
        passwords.put("auditor", PasswordHash.randomPassword());
        passwords.put("admin", PasswordHash.randomPassword());
        Map<String, Role> roles = Map.of("analis", Role.ANALYST, "auditor", Role.AUDITOR, "admin", Role.ADMIN);
        List<User> users = new ArrayList<>();
        passwords.forEach((n, pw) -> users.add(new User(n, roles.get(n), Jurisdiction.NATIONAL, PasswordHash.hash(pw.toCharArray()), null)));
        write(file, users);
        return passwords;
    }

    /** Writes {@code users} in the format {@link #read} reads. */
    public static void write(Path file, List<User> users) throws IOException {
        StringBuilder y = new StringBuilder("# Netra users: role analyst|auditor|admin; jurisdiction national, a province (\"18\") or a regency (\"18.72\").\n")
                .append("# Make a password hash with: netra users hash-password\nusers:\n");
        for (User u : users) {
            y.append("  - name: ").append(u.name()).append('\n')
                    .append("    role: ").append(u.role().id()).append('\n')
                    .append("    jurisdiction: \"").append(u.jurisdiction()).append("\"\n")
                    .append("    password: \"").append(u.passwordHash()).append("\"\n");
            if (u.email() != null) {
                y.append("    email: \"").append(u.email().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
            }
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, y, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
