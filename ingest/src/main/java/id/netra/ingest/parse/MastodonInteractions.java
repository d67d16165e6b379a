package id.netra.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Author;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.PostTarget;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The interactions around one status of a watched account, from the Mastodon API: the replies of its public context
 * ({@code GET /api/v1/statuses/:id/context}), who boosted it ({@code reblogged_by}) and who favourited it
 * ({@code favourited_by}).
 *
 * <p>A reply's target is the status it answers (the watched status, or a reply in its thread, each with its owner). A
 * boost is a share of the status, a favourite a reaction {@code like}; the API gives neither an id nor a time of its
 * own, so their post id is the status's id, {@code _reblog_} or {@code _like_}, and the account's id, and their time
 * is when ingest first saw them (the response's fetch time; each is collected once, so it stays).
 */
public final class MastodonInteractions {
    private MastodonInteractions() {
    }

    /**
     * The public replies below {@code status}.
     *
     * @throws IllegalArgumentException when the payload is not a context object
     */
    public static ParseResult context(byte[] json, JsonNode status, String domain) {
        JsonNode root = MastodonStatuses.json(json);
        if (root == null || !root.isObject() || !root.path("descendants").isArray()) {
            throw new IllegalArgumentException("expected a context object with a descendants array");
        }
        Map<String, JsonNode> thread = new HashMap<>();
        thread.put(status.path("id").asText(), status);
        for (JsonNode s : root.path("ancestors")) {
            thread.put(s.path("id").asText(), s);
        }
        for (JsonNode s : root.path("descendants")) {
            thread.put(s.path("id").asText(), s);
        }
        List<Post> posts = new ArrayList<>();
        List<ParseResult.Rejected> rejected = new ArrayList<>();
        for (JsonNode s : root.path("descendants")) {
            if (!MastodonStatuses.isPublic(s)) {
                continue;
            }
            try {
                Post p = MastodonStatuses.status(s, domain);
                JsonNode answered = thread.get(s.path("in_reply_to_id").asText(""));
                if (p.kind() == PostKind.REPLY && answered != null) {
                    p = p.withInteraction(MastodonStatuses.target(answered, domain), p.media());
                }
                posts.add(p);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                rejected.add(new ParseResult.Rejected("reply " + s.path("id").asText("?"), s.toString(), e.getMessage()));
            }
        }
        return new ParseResult(posts, rejected, null);
    }

    /**
     * The accounts of a {@code reblogged_by} or {@code favourited_by} page as shares or reactions of {@code status}.
     *
     * @param kind   {@link PostKind#SHARE} for boosts, {@link PostKind#REACTION} for favourites
     * @param seenAt when the page was fetched: the interactions' time
     * @throws IllegalArgumentException when the payload is not an array of accounts
     */
    public static ParseResult accounts(byte[] json, JsonNode status, PostKind kind, OffsetDateTime seenAt, String domain) {
        if (kind != PostKind.SHARE && kind != PostKind.REACTION) {
            throw new IllegalArgumentException("a list of accounts gives shares or reactions, not " + kind.id());
        }
        JsonNode root = MastodonStatuses.json(json);
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of accounts");
        }
        PostTarget target = MastodonStatuses.target(status, domain);
        String statusId = status.path("id").asText();
        String text = kind == PostKind.SHARE ? "\n\n" + MastodonStatuses.text(status) : "like";
        URI url = target.url();
        List<Post> posts = new ArrayList<>();
        List<ParseResult.Rejected> rejected = new ArrayList<>();
        for (JsonNode a : root) {
            String accountId = a.path("id").asText("");
            try {
                if (accountId.isBlank()) {
                    throw new IllegalArgumentException("account without id");
                }
                if (url == null) {
                    throw new IllegalArgumentException("status " + statusId + " has no url");
                }
                Author author = MastodonStatuses.author(a, domain);
                String postId = statusId + (kind == PostKind.SHARE ? "_reblog_" : "_like_") + accountId;
                posts.add(new Post(Platform.MASTODON, postId, url, author, text, seenAt, kind, null, target, List.of()));
            } catch (IllegalArgumentException e) {
                rejected.add(new ParseResult.Rejected("account " + (accountId.isBlank() ? "?" : accountId), a.toString(), e.getMessage()));
            }
        }
        return new ParseResult(posts, rejected, null);
    }
}
