package id.netra.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Author;
import id.netra.model.Json;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.Media;
import id.netra.model.PostKind;
import id.netra.model.PostTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Exports of the X API v2: one response object ({@code {"data": [...], "includes": {"users": [...], "tweets": [...],
 * "media": [...]}}}) or JSONL with one such object, or one tweet with an embedded {@code author}, per line. A retweet or
 * quote is a share, a reply a reply, each with the referenced tweet as its target ({@code referenced_tweets},
 * {@code in_reply_to_user_id}); long tweets read from {@code note_tweet}; pictures and videos with their alt text. A
 * tweet whose author is unknown, or a bad line, is rejected with its line.
 */
public final class XApiImport {
    private XApiImport() {
    }

    public static ParseResult parse(Reader reader, String fileName) throws IOException {
        String content;
        try (BufferedReader r = new BufferedReader(reader)) {
            content = r.lines().collect(Collectors.joining("\n"));
        }
        List<Post> posts = new ArrayList<>();
        List<ParseResult.Rejected> rejected = new ArrayList<>();
        JsonNode whole = null;
        try {
            whole = Json.mapper().readerFor(JsonNode.class)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(content);
        } catch (IOException notOneDocument) {
            // JSONL: read line by line below
        }
        if (whole != null && whole.isObject() && whole.has("data") && content.strip().lines().count() > 1) {
            response(whole, fileName + ":1", posts, rejected);
            return new ParseResult(posts, rejected, null);
        }
        int lineNo = 0;
        for (String line : content.split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String where = fileName + ":" + lineNo;
            JsonNode node;
            try {
                node = Json.mapper().readTree(line);
            } catch (IOException e) {
                rejected.add(new ParseResult.Rejected(where, line, "not JSON: " + e.getMessage().lines().findFirst().orElse("")));
                continue;
            }
            if (node.has("data")) {
                response(node, where, posts, rejected);
            } else if (node.has("id") && node.has("text")) {
                Map<String, JsonNode> users = new HashMap<>();
                if (node.path("author").isObject()) {
                    users.put(node.path("author_id").asText(node.path("author").path("id").asText()), node.path("author"));
                }
                tweet(node, new Includes(users, Map.of(), Map.of()), where, posts, rejected);
            } else {
                rejected.add(new ParseResult.Rejected(where, line, "neither an X API response (data) nor a tweet (id, text)"));
            }
        }
        return new ParseResult(posts, rejected, null);
    }

    private static void response(JsonNode response, String where, List<Post> posts, List<ParseResult.Rejected> rejected) {
        Includes includes = Includes.of(response.path("includes"));
        JsonNode data = response.path("data");
        if (data.isObject()) {
            tweet(data, includes, where, posts, rejected);
        } else {
            int n = 0;
            for (JsonNode t : data) {
                tweet(t, includes, where + " tweet " + (++n), posts, rejected);
            }
        }
    }

    /** What a response's {@code includes} expand: users, referenced tweets and media by their ids and keys. */
    private record Includes(Map<String, JsonNode> users, Map<String, JsonNode> tweets, Map<String, JsonNode> media) {
        static Includes of(JsonNode includes) {
            return new Includes(index(includes.path("users"), "id"), index(includes.path("tweets"), "id"), index(includes.path("media"), "media_key"));
        }

        private static Map<String, JsonNode> index(JsonNode list, String key) {
            Map<String, JsonNode> out = new HashMap<>();
            for (JsonNode n : list) {
                out.put(n.path(key).asText(), n);
            }
            return out;
        }
    }

    /**
     * One tweet. A retweet is a share of the retweeted tweet (its text the original's, after a blank line: the sharer
     * added no words), a reply a reply to the tweet it answers, a quote a share whose own words come before the quoted
     * text; the referenced tweet is the target, its author from {@code includes} (for a reply, else from
     * {@code in_reply_to_user_id}). Pictures and videos come from {@code attachments.media_keys} with their alt text.
     */
    private static void tweet(JsonNode t, Includes includes, String where, List<Post> posts, List<ParseResult.Rejected> rejected) {
        String authorId = t.path("author_id").asText("");
        JsonNode user = includes.users().get(authorId);
        if (user == null) {
            rejected.add(new ParseResult.Rejected(where, t.toString(), "author_id " + authorId + " not in includes.users"));
            return;
        }
        try {
            String id = t.path("id").asText();
            String username = user.path("username").asText();
            String text = text(t);
            PostKind kind = PostKind.POST;
            JsonNode referenced = null;
            for (String type : List.of("retweeted", "replied_to", "quoted")) {
                for (JsonNode ref : t.path("referenced_tweets")) {
                    if (referenced == null && type.equals(ref.path("type").asText())) {
                        referenced = ref;
                        kind = type.equals("replied_to") ? PostKind.REPLY : PostKind.SHARE;
                    }
                }
            }
            PostTarget target = null;
            if (referenced != null) {
                String refId = referenced.path("id").asText("");
                JsonNode original = includes.tweets().get(refId);
                String ownerId = original != null ? original.path("author_id").asText("")
                        : kind == PostKind.REPLY ? t.path("in_reply_to_user_id").asText("") : "";
                target = target(refId, includes.users().get(ownerId));
                String type = referenced.path("type").asText();
                if (type.equals("retweeted")) {
                    text = "\n\n" + (original != null ? text(original) : text);
                } else if (type.equals("quoted") && original != null) {
                    text = text + "\n\n" + text(original);
                }
            }
            String name = user.path("name").asText("");
            posts.add(new Post(Platform.X, id, URI.create("https://x.com/" + username + "/status/" + id),
                    new Author(username, name.isBlank() ? null : name), text, OffsetDateTime.parse(t.path("created_at").asText("")), kind,
                    null, target, media(t, includes)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            rejected.add(new ParseResult.Rejected(where, t.toString(), e.getMessage()));
        }
    }

    private static String text(JsonNode tweet) {
        return tweet.path("note_tweet").path("text").asText(tweet.path("text").asText(""));
    }

    private static PostTarget target(String id, JsonNode owner) {
        if (id.isBlank()) {
            throw new IllegalArgumentException("a referenced tweet without id");
        }
        String username = owner == null ? null : owner.path("username").asText(null);
        String name = owner == null ? "" : owner.path("name").asText("");
        Author author = username == null || username.isBlank() ? null : new Author(username, name.isBlank() ? null : name);
        return new PostTarget(Platform.X, id, URI.create("https://x.com/" + (author == null ? "i" : author.handle()) + "/status/" + id), author);
    }

    /** A photo's {@code url}; a video's or GIF's best MP4 variant, else none (its preview is a picture of it, not it). */
    private static List<Media> media(JsonNode t, Includes includes) {
        List<Media> out = new ArrayList<>();
        for (JsonNode key : t.path("attachments").path("media_keys")) {
            JsonNode m = includes.media().get(key.asText());
            if (m == null) {
                continue;
            }
            String type = m.path("type").asText("");
            String url = null;
            Media.Type kind;
            if (type.equals("photo")) {
                kind = Media.Type.IMAGE;
                url = m.path("url").asText(null);
            } else if (type.equals("video") || type.equals("animated_gif")) {
                kind = Media.Type.VIDEO;
                long best = -1;
                for (JsonNode v : m.path("variants")) {
                    if (v.path("content_type").asText("").equals("video/mp4") && v.path("bit_rate").asLong(0) > best) {
                        best = v.path("bit_rate").asLong(0);
                        url = v.path("url").asText(null);
                    }
                }
            } else {
                continue;
            }
            String alt = m.path("alt_text").asText("");
            out.add(new Media(kind, url == null || url.isBlank() ? null : URI.create(url), alt.isBlank() ? null : alt));
        }
        return out;
    }
}
