package id.netra.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

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
     * Parses an account as the registry gives it: {@code platform:handle}, or a profile address such as
     * {@code https://x.com/budi_s}, {@code facebook.com/profile.php?id=100012345} or
     * {@code tiktok:https://www.tiktok.com/@budi}. An address becomes the handle it names.
     *
     * @throws IllegalArgumentException when the text has no platform, an unknown one, or no handle
     */
    public static Account parse(String text) {
        String t = text == null ? "" : text.strip();
        if (URL_START.matcher(t).find()) {
            return fromAddress(null, t);
        }
        int colon = t.indexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("account '" + text + "' is not of the form platform:handle or a profile address");
        }
        Platform platform = Platform.of(t.substring(0, colon));
        String handle = t.substring(colon + 1).strip();
        if (URL_START.matcher(handle).find() || handle.startsWith("http://") || handle.startsWith("https://")) {
            return fromAddress(platform, handle);
        }
        return new Account(platform, handle);
    }

    private static final Pattern URL_START = Pattern.compile(
            "^(https?://)?(www\\.|m\\.|mobile\\.|web\\.)?(x|twitter|facebook|fb|instagram|tiktok|youtube)\\.com(/|$)", Pattern.CASE_INSENSITIVE);

    private static Account fromAddress(Platform given, String address) {
        String a = address.matches("(?i)^https?://.*") ? address : "https://" + address;
        URI uri;
        try {
            uri = new URI(a);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("account address '" + address + "' is not a valid address");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT).replaceFirst("^(www|m|mobile|web)\\.", "");
        List<String> path = Arrays.stream(uri.getPath() == null ? new String[0] : uri.getPath().split("/")).filter(x -> !x.isBlank()).toList();
        Platform platform = switch (host) {
            case "x.com", "twitter.com" -> Platform.X;
            case "facebook.com", "fb.com" -> Platform.FACEBOOK;
            case "instagram.com" -> Platform.INSTAGRAM;
            case "tiktok.com" -> Platform.TIKTOK;
            case "youtube.com" -> Platform.YOUTUBE;
            default -> given;
        };
        if (platform == null || (given != null && given != platform)) {
            throw new IllegalArgumentException("account address '" + address + "' is not a " + (given == null ? "known platform's" : given.id()) + " profile");
        }
        String handle = null;
        if (platform == Platform.FACEBOOK && !path.isEmpty() && path.get(0).equals("profile.php")) {
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            handle = Arrays.stream(query.split("&")).filter(q -> q.startsWith("id=")).map(q -> q.substring(3)).findFirst().orElse(null);
        } else if (platform == Platform.FACEBOOK && path.size() >= 3 && path.get(0).equals("people")) {
            handle = path.get(2);
        } else if (platform == Platform.MASTODON && !path.isEmpty() && path.get(0).startsWith("@")) {
            handle = path.get(0).substring(1) + "@" + host;
        } else if (platform == Platform.YOUTUBE && path.size() >= 2 && path.get(0).equals("channel")) {
            handle = path.get(1);
        } else if (!path.isEmpty() && platform != Platform.WEB) {
            handle = path.get(0);
        } else if (platform == Platform.WEB) {
            handle = address;
        }
        if (handle == null || handle.isBlank()) {
            throw new IllegalArgumentException("account address '" + address + "' names no profile");
        }
        return new Account(platform, handle);
    }

    /**
     * What is wrong with the handle's spelling on its platform (X: up to 15 letters, digits and underscores; Instagram:
     * 30 with dots; ...), or nothing. A leading {@code @} is allowed.
     */
    public Optional<String> syntaxProblem() {
        String h = handle.startsWith("@") ? handle.substring(1) : handle;
        String rule = switch (platform) {
            case X -> "[A-Za-z0-9_]{1,15}";
            case INSTAGRAM -> "[A-Za-z0-9._]{1,30}";
            case TIKTOK -> "[A-Za-z0-9._]{2,24}";
            case FACEBOOK -> "[A-Za-z0-9.]{5,50}|[0-9]{5,20}";
            case YOUTUBE -> "[A-Za-z0-9._-]{3,30}|UC[A-Za-z0-9_-]{22}";
            case MASTODON -> "[A-Za-z0-9_]{1,30}(@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})?";
            case WEB -> "\\S{1,2000}";
        };
        return h.matches(rule) ? Optional.empty()
                : Optional.of("account '" + this + "' is not a valid " + platform.id() + " handle (expected " + rule + ")");
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
