package id.netra.alerts.auth;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The users who may log in, by name (names compare case-sensitively). Immutable. */
public final class Users {
    /** Nobody: what the app has when no users file is configured; every login fails. */
    public static final Users NONE = new Users(List.of());

    private final Map<String, User> byName;

    /** @throws IllegalArgumentException when a name occurs twice */
    public Users(Collection<User> users) {
        Map<String, User> map = new LinkedHashMap<>();
        for (User u : users) {
            if (map.putIfAbsent(u.name(), u) != null) {
                throw new IllegalArgumentException("user '" + u.name() + "' is defined twice");
            }
        }
        this.byName = java.util.Collections.unmodifiableMap(map);
    }

    public Optional<User> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public Collection<User> all() {
        return byName.values();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public int size() {
        return byName.size();
    }
}
