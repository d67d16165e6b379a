package id.netra.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The social-media platforms Netra knows; serialised as the lower-case names of FORMATS.md. */
public enum Platform {
    X, FACEBOOK, INSTAGRAM, TIKTOK, YOUTUBE, MASTODON, WEB;

    /** The ids, computed once: platforms are read and written for every post and alert. */
    private static final Platform[] ALL = values();
    private final String id = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String id() {
        return id;
    }

    /**
     * Parses a platform id such as {@code x} or {@code Facebook}.
     *
     * @throws IllegalArgumentException naming the known ids when {@code id} is not one of them
     */
    @JsonCreator
    public static Platform of(String id) {
        if (id != null) {
            for (Platform p : ALL) {
                if (p.id.equals(id)) {
                    return p;
                }
            }
            for (Platform p : ALL) {
                if (p.id().equalsIgnoreCase(id.strip())) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("unknown platform '" + id + "' (expected one of x, facebook, instagram, tiktok, youtube, mastodon, web)");
    }
}
