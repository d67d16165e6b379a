package id.netra.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Locale;

/**
 * A public account of a person on one platform.
 *
 * @param platform the platform
 * @param handle   the handle as given (the registry's or the post's spelling)
 */
public record Account(Platform platform, String handle) {
    public Account {
        Validate.notNull(platform, "account platform");
        Validate.notBlank(handle, "account handle");
    }

    /**
     * Parses {@code platform:handle}, as in the registry's {@code accounts} column.
     *
     * @throws IllegalArgumentException when the text has no platform, an unknown one, or no handle
     */
    public static Account parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("account '" + text + "' is not of the form platform:handle");
        }
        return new Account(Platform.of(text.substring(0, colon)), text.substring(colon + 1).strip());
    }

    /**
     * The key under which this account is looked up: platform, then the handle without a leading {@code @},
     * lower-cased. Facebook ignores dots in usernames, so they are dropped there too.
     */
    @JsonIgnore
    public String lookupKey() {
        return lookupKey(platform, handle);
    }

    public static String lookupKey(Platform platform, String handle) {
        String h = handle.strip();
        while (h.startsWith("@")) {
            h = h.substring(1);
        }
        h = h.toLowerCase(Locale.ROOT);
        if (platform == Platform.FACEBOOK) {
            h = h.replace(".", "");
        }
        return platform.id() + ":" + h;
    }

    @Override
    public String toString() {
        return platform.id() + ":" + handle;
    }
}
