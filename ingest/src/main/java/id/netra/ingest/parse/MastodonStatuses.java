package id.netra.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Author;
import id.netra.model.Json;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Mastodon API status list (account statuses, tag and public timelines). Handles are always {@code user@host}
 * (a local account gets the instance's host); a boost is a share with the boosted text; a reply is a reply; content
 * warnings come before the text; statuses that are not public are skipped.
 */
public final class MastodonStatuses {
    private MastodonStatuses() {
    }

    /** @throws IllegalArgumentException when the payload is not a JSON array of statuses */
    public static ParseResult parse(byte[] json, URI instance) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of statuses");
        }
        List<Post> posts = new ArrayList<>();
        List<ParseResult.Rejected> rejected = new ArrayList<>();
        for (JsonNode s : root) {
            String visibility = s.path("visibility").asText("public");
            if (!visibility.equals("public") && !visibility.equals("unlisted")) {
                continue;
            }
            try {
                posts.add(status(s, instance));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                rejected.add(new ParseResult.Rejected("status " + s.path("id").asText("?"), s.toString(), e.getMessage()));
            }
        }
        return new ParseResult(posts, rejected, null);
    }

    private static Post status(JsonNode s, URI instance) {
        String id = s.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("status without id");
        }
        JsonNode reblog = s.path("reblog");
        boolean share = reblog.isObject();
        JsonNode shown = share ? reblog : s;
        String text = HtmlText.of(shown.path("content").asText(""));
        String warning = shown.path("spoiler_text").asText("");
        if (!warning.isBlank()) {
            text = warning.strip() + "\n\n" + text;
        }
        if (share) {
            text = "RT @" + handle(reblog.path("account"), instance) + ": " + text;
        }
        String url = s.path("url").asText(null);
        if (url == null || url.isBlank() || share) {
            url = share ? reblog.path("url").asText(reblog.path("uri").asText(null)) : s.path("uri").asText(null);
        }
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("status " + id + " has no url");
        }
        String created = s.path("created_at").asText("");
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(created);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("status " + id + ": invalid created_at '" + created + "'");
        }
        PostKind kind = share ? PostKind.SHARE : s.path("in_reply_to_id").isTextual() ? PostKind.REPLY : PostKind.POST;
        JsonNode account = s.path("account");
        String name = account.path("display_name").asText("");
        return new Post(Platform.MASTODON, id, URI.create(url), new Author(handle(account, instance), name.isBlank() ? null : name),
                text, at, kind);
    }

    private static String handle(JsonNode account, URI instance) {
        String acct = account.path("acct").asText("");
        if (acct.isBlank()) {
            throw new IllegalArgumentException("status without account.acct");
        }
        return acct.contains("@") ? acct : acct + "@" + instance.getHost().toLowerCase(Locale.ROOT);
    }
}
