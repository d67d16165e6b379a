package id.netra.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Author;
import id.netra.model.Json;
import id.netra.model.Media;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.PostTarget;
import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Mastodon API status list (account statuses, tag and public timelines). Handles are always {@code user@domain}
 * (a local account gets the instance's domain); a boost is a share with the boosted text and the boosted status as its
 * target; a reply is a reply whose target is the status it answers; content warnings come before the text; pictures
 * and videos are kept with their descriptions (alt text); statuses that are not public are skipped.
 */
public final class MastodonStatuses {
    private MastodonStatuses() {
    }

    /** @throws IllegalArgumentException when the payload is not a JSON array of statuses */
    public static ParseResult parse(byte[] json, URI instance) {
        return parse(json, domainOf(instance));
    }

    /**
     * @param domain the instance's own domain, given to local accounts' handles (Mastodon's {@code LOCAL_DOMAIN}, which
     *               may differ from the host that serves the API)
     * @throws IllegalArgumentException when the payload is not a JSON array of statuses
     */
    public static ParseResult parse(byte[] json, String domain) {
        JsonNode root = json(json);
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of statuses");
        }
        List<Post> posts = new ArrayList<>();
        List<ParseResult.Rejected> rejected = new ArrayList<>();
        for (JsonNode s : root) {
            if (!isPublic(s)) {
                continue;
            }
            try {
                posts.add(status(s, domain));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                rejected.add(new ParseResult.Rejected("status " + s.path("id").asText("?"), s.toString(), e.getMessage()));
            }
        }
        return new ParseResult(posts, rejected, null);
    }

    static JsonNode json(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Public and unlisted statuses are public; private (followers-only) and direct ones are not collected. */
    public static boolean isPublic(JsonNode status) {
        String visibility = status.path("visibility").asText("public");
        return visibility.equals("public") || visibility.equals("unlisted");
    }

    /**
     * One status as a post: a boost is a share of the boosted status, a reply a reply to the status it answers (its
     * author's handle taken from the status's mentions, where the API puts it).
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static Post status(JsonNode s, String domain) {
        String id = s.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("status without id");
        }
        JsonNode reblog = s.path("reblog");
        boolean share = reblog.isObject();
        JsonNode shown = share ? reblog : s;
        String text = text(shown);
        if (share) {
            text = "RT @" + handle(reblog.path("account"), domain) + ": " + text;
        }
        String url = s.path("url").asText(null);
        if (url == null || url.isBlank() || share) {
            url = share ? reblog.path("url").asText(reblog.path("uri").asText(null)) : s.path("uri").asText(null);
        }
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("status " + id + " has no url");
        }
        OffsetDateTime at = createdAt(s);
        PostKind kind = share ? PostKind.SHARE : s.path("in_reply_to_id").isTextual() ? PostKind.REPLY : PostKind.POST;
        PostTarget target = share ? target(reblog, domain) : kind == PostKind.REPLY ? repliedTo(s, domain) : null;
        return new Post(Platform.MASTODON, id, URI.create(url), author(s.path("account"), domain), text, at, kind, null, target,
                media(shown));
    }

    /** The status as the target of an interaction: its id, address and owner. */
    public static PostTarget target(JsonNode status, String domain) {
        String url = status.path("url").asText(status.path("uri").asText(null));
        return new PostTarget(Platform.MASTODON, status.path("id").asText(null), url == null || url.isBlank() ? null : URI.create(url),
                author(status.path("account"), domain));
    }

    /** The text a reader sees: the content warning, a blank line, the content. */
    public static String text(JsonNode status) {
        String text = HtmlText.of(status.path("content").asText(""));
        String warning = status.path("spoiler_text").asText("");
        return warning.isBlank() ? text : warning.strip() + "\n\n" + text;
    }

    /** @throws IllegalArgumentException when {@code created_at} is missing or not an ISO-8601 time */
    public static OffsetDateTime createdAt(JsonNode status) {
        String created = status.path("created_at").asText("");
        try {
            return OffsetDateTime.parse(created);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("status " + status.path("id").asText("?") + ": invalid created_at '" + created + "'");
        }
    }

    /** @throws IllegalArgumentException when the account has no {@code acct} */
    public static Author author(JsonNode account, String domain) {
        String name = account.path("display_name").asText("");
        return new Author(handle(account, domain), name.isBlank() ? null : name);
    }

    /**
     * Pictures and videos ({@code media_attachments}) with their description, and for a video its preview picture as
     * the cover; a GIF (Mastodon's {@code gifv}) is a video; audio and unknown attachments are not pictures or videos
     * and are left out.
     */
    public static List<Media> media(JsonNode status) {
        List<Media> out = new ArrayList<>();
        for (JsonNode m : status.path("media_attachments")) {
            Media.Type type = switch (m.path("type").asText("")) {
                case "image" -> Media.Type.IMAGE;
                case "video", "gifv" -> Media.Type.VIDEO;
                default -> null;
            };
            if (type == null) {
                continue;
            }
            String url = m.path("url").asText(m.path("remote_url").asText(null));
            String alt = m.path("description").asText(null);
            // A video's still picture (Mastodon's preview), for the media stage to read.
            String preview = type == Media.Type.VIDEO ? m.path("preview_url").asText(null) : null;
            out.add(new Media(type, url == null || url.isBlank() ? null : URI.create(url), alt == null || alt.isBlank() ? null : alt,
                    preview == null || preview.isBlank() ? null : URI.create(preview)));
        }
        return out;
    }

    /** What a reply answers: the status {@code in_reply_to_id}, its owner found among the mentions when it is there. */
    private static PostTarget repliedTo(JsonNode s, String domain) {
        String accountId = s.path("in_reply_to_account_id").asText("");
        Author owner = null;
        for (JsonNode mention : s.path("mentions")) {
            if (!accountId.isEmpty() && accountId.equals(mention.path("id").asText())) {
                owner = new Author(handle(mention, domain), null);
            }
        }
        return new PostTarget(Platform.MASTODON, s.path("in_reply_to_id").asText(), null, owner);
    }

    private static String handle(JsonNode account, String domain) {
        String acct = account.path("acct").asText("");
        if (acct.isBlank()) {
            throw new IllegalArgumentException("account without acct");
        }
        return acct.contains("@") ? acct : acct + "@" + domain;
    }

    /** The domain local accounts of an instance are known by, when nothing else says: the host serving its API. */
    public static String domainOf(URI instance) {
        return instance.getHost().toLowerCase(Locale.ROOT);
    }
}
