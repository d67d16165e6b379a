package id.netra.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Author;
import id.netra.model.Json;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
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
 * Exports of the X API v2: one response object ({@code {"data": [...], "includes": {"users": [...]}}}) or JSONL with
 * one such object, or one tweet with an embedded {@code author}, per line. A retweet is a share, a reply a reply;
 * long tweets read from {@code note_tweet}. A tweet whose author is unknown, or a bad line, is rejected with its line.
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
                tweet(node, users, where, posts, rejected);
            } else {
                rejected.add(new ParseResult.Rejected(where, line, "neither an X API response (data) nor a tweet (id, text)"));
            }
        }
        return new ParseResult(posts, rejected, null);
    }

    private static void response(JsonNode response, String where, List<Post> posts, List<ParseResult.Rejected> rejected) {
        Map<String, JsonNode> users = new HashMap<>();
        for (JsonNode u : response.path("includes").path("users")) {
            users.put(u.path("id").asText(), u);
        }
        JsonNode data = response.path("data");
        if (data.isObject()) {
            tweet(data, users, where, posts, rejected);
        } else {
            int n = 0;
            for (JsonNode t : data) {
                tweet(t, users, where + " tweet " + (++n), posts, rejected);
            }
        }
    }

    private static void tweet(JsonNode t, Map<String, JsonNode> users, String where, List<Post> posts, List<ParseResult.Rejected> rejected) {
        String authorId = t.path("author_id").asText("");
        JsonNode user = users.get(authorId);
        if (user == null) {
            rejected.add(new ParseResult.Rejected(where, t.toString(), "author_id " + authorId + " not in includes.users"));
            return;
        }
        try {
            String id = t.path("id").asText();
            String username = user.path("username").asText();
            String text = t.path("note_tweet").path("text").asText(t.path("text").asText(""));
            PostKind kind = PostKind.POST;
            for (JsonNode ref : t.path("referenced_tweets")) {
                switch (ref.path("type").asText()) {
                    case "retweeted" -> kind = PostKind.SHARE;
                    case "replied_to" -> kind = kind == PostKind.SHARE ? kind : PostKind.REPLY;
                    default -> {
                    }
                }
            }
            String name = user.path("name").asText("");
            posts.add(new Post(Platform.X, id, URI.create("https://x.com/" + username + "/status/" + id),
                    new Author(username, name.isBlank() ? null : name), text, OffsetDateTime.parse(t.path("created_at").asText("")), kind));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            rejected.add(new ParseResult.Rejected(where, t.toString(), e.getMessage()));
        }
    }
}
