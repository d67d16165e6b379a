package id.netra.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Author;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.PostTarget;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers of the YouTube Data API v3 (https://developers.google.com/youtube/v3/docs): a channel's uploads playlist
 * ({@code channels.list}), its latest videos ({@code playlistItems.list}), comment threads ({@code commentThreads.list}
 * with {@code part=snippet,replies}) and replies ({@code comments.list} with {@code parentId}), and the API's error
 * document. A top-level comment is a {@code comment} whose target is the video (owned by the watched channel); a reply
 * is a {@code reply} whose target is the comment it answers.
 */
public final class YouTubeData {
    private YouTubeData() {
    }

    /** A channel: its id, title and the playlist of its uploads. */
    public record Channel(String id, String title, String uploadsPlaylist) {
    }

    /** A video of a channel's uploads. */
    public record Video(String id, String title) {
    }

    /** One comment thread: its top-level comment as a post, and how many replies it has and came with it. */
    public record Thread(String id, Post top, int totalReplies, int includedReplies) {
    }

    /** A page of comment threads. */
    public record ThreadPage(List<Thread> threads, List<Post> posts, List<ParseResult.Rejected> rejected, String nextPageToken) {
    }

    /** A page of replies. */
    public record ReplyPage(List<Post> posts, List<ParseResult.Rejected> rejected, String nextPageToken) {
    }

    /**
     * An error the API answered with ({@code {"error": {"code", "message", "errors": [{"reason", "domain"}]}}}).
     *
     * @param reason the first error's reason: {@code quotaExceeded}, {@code commentsDisabled}, {@code videoNotFound}...
     */
    public record ApiError(int code, String reason, String message) {
    }

    /** The error document of a non-2xx answer, or empty when the body is not one. */
    public static Optional<ApiError> error(byte[] body) {
        JsonNode root;
        try {
            root = MastodonStatuses.json(body);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        JsonNode error = root == null ? null : root.path("error");
        if (error == null || !error.isObject()) {
            return Optional.empty();
        }
        JsonNode first = error.path("errors").path(0);
        String reason = first.path("reason").asText(error.path("status").asText(""));
        String message = HtmlText.of(error.path("message").asText(first.path("message").asText("")));
        return Optional.of(new ApiError(error.path("code").asInt(0), reason, message));
    }

    /**
     * The channel of a {@code channels.list} answer ({@code part=snippet,contentDetails}), or empty when it lists none.
     *
     * @throws IllegalArgumentException when the answer is not a channel list or the channel has no uploads playlist
     */
    public static Optional<Channel> channel(byte[] json) {
        JsonNode root = listResponse(json, "channel");
        JsonNode item = root.path("items").path(0);
        if (item.isMissingNode()) {
            return Optional.empty();
        }
        String uploads = item.path("contentDetails").path("relatedPlaylists").path("uploads").asText("");
        if (uploads.isBlank()) {
            throw new IllegalArgumentException("channel " + item.path("id").asText("?") + " has no contentDetails.relatedPlaylists.uploads");
        }
        return Optional.of(new Channel(item.path("id").asText(""), item.path("snippet").path("title").asText(null), uploads));
    }

    /**
     * The videos of a {@code playlistItems.list} answer, newest first as the uploads playlist lists them.
     *
     * @throws IllegalArgumentException when the answer is not a playlist item list
     */
    public static List<Video> videos(byte[] json) {
        List<Video> out = new ArrayList<>();
        for (JsonNode item : listResponse(json, "playlistItem").path("items")) {
            String id = item.path("contentDetails").path("videoId").asText(item.path("snippet").path("resourceId").path("videoId").asText(""));
            if (!id.isBlank()) {
                out.add(new Video(id, item.path("snippet").path("title").asText(null)));
            }
        }
        return out;
    }

    /**
     * The comment threads of a {@code commentThreads.list} answer on a video of the watched channel.
     *
     * @param video the video, the target of its top-level comments
     * @throws IllegalArgumentException when the answer is not a comment thread list
     */
    public static ThreadPage threads(byte[] json, PostTarget video) {
        JsonNode root = listResponse(json, "commentThread");
        List<Thread> threads = new ArrayList<>();
        List<Post> posts = new ArrayList<>();
        List<ParseResult.Rejected> rejected = new ArrayList<>();
        for (JsonNode t : root.path("items")) {
            String threadId = t.path("id").asText("?");
            Post top;
            try {
                top = comment(t.path("snippet").path("topLevelComment"), PostKind.COMMENT, video);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                rejected.add(new ParseResult.Rejected("comment thread " + threadId, t.toString(), e.getMessage()));
                continue;
            }
            posts.add(top);
            int included = 0;
            for (JsonNode reply : t.path("replies").path("comments")) {
                included++;
                reply(reply, top, posts, rejected);
            }
            threads.add(new Thread(threadId, top, t.path("snippet").path("totalReplyCount").asInt(0), included));
        }
        return new ThreadPage(threads, posts, rejected, nextPageToken(root));
    }

    /**
     * The replies of a {@code comments.list} answer for the thread whose top-level comment is {@code top}.
     *
     * @throws IllegalArgumentException when the answer is not a comment list
     */
    public static ReplyPage replies(byte[] json, Post top) {
        JsonNode root = listResponse(json, "comment");
        List<Post> posts = new ArrayList<>();
        List<ParseResult.Rejected> rejected = new ArrayList<>();
        for (JsonNode reply : root.path("items")) {
            reply(reply, top, posts, rejected);
        }
        return new ReplyPage(posts, rejected, nextPageToken(root));
    }

    /** The address of a video. */
    public static URI videoUrl(String videoId) {
        return URI.create("https://www.youtube.com/watch?v=" + URLEncoder.encode(videoId, StandardCharsets.UTF_8));
    }

    private static void reply(JsonNode reply, Post top, List<Post> posts, List<ParseResult.Rejected> rejected) {
        try {
            PostTarget answered = new PostTarget(Platform.YOUTUBE, top.postId(), top.url(), top.author());
            posts.add(comment(reply, PostKind.REPLY, answered));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            rejected.add(new ParseResult.Rejected("reply " + reply.path("id").asText("?"), reply.toString(), e.getMessage()));
        }
    }

    /** A comment resource as a post; its address opens the video at the comment ({@code &lc=}). */
    private static Post comment(JsonNode c, PostKind kind, PostTarget target) {
        String id = c.path("id").asText("");
        if (id.isBlank()) {
            throw new IllegalArgumentException("comment without id");
        }
        JsonNode s = c.path("snippet");
        String videoId = s.path("videoId").asText(kind == PostKind.COMMENT ? target.postId() : videoOf(target));
        if (videoId == null || videoId.isBlank()) {
            throw new IllegalArgumentException("comment " + id + " names no video");
        }
        String text = s.has("textOriginal") ? s.path("textOriginal").asText("") : HtmlText.of(s.path("textDisplay").asText(""));
        String published = s.path("publishedAt").asText("");
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(published);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("comment " + id + ": invalid publishedAt '" + published + "'");
        }
        URI url = URI.create(videoUrl(videoId) + "&lc=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        return new Post(Platform.YOUTUBE, id, url, author(s, id), text, at, kind, null, target, List.of());
    }

    private static String videoOf(PostTarget target) {
        String q = target.url() == null ? null : target.url().getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                if (pair.startsWith("v=")) {
                    return pair.substring(2);
                }
            }
        }
        return null;
    }

    /**
     * The author as YouTube shows it: the {@code @handle} of the channel address where there is one, else the display
     * name when it is a handle, else the channel id; the display name beside it.
     */
    private static Author author(JsonNode s, String commentId) {
        String name = s.path("authorDisplayName").asText("").strip();
        String channelUrl = s.path("authorChannelUrl").asText("");
        String channelId = s.path("authorChannelId").path("value").asText("");
        String handle = null;
        int at = channelUrl.indexOf("/@");
        if (at >= 0) {
            handle = channelUrl.substring(at + 1).split("[/?#]", 2)[0];
        } else if (name.startsWith("@") && name.length() > 1) {
            handle = name;
        } else if (!channelId.isBlank()) {
            handle = channelId;
        }
        if (handle == null || handle.isBlank()) {
            throw new IllegalArgumentException("comment " + commentId + " has no author (authorChannelUrl, authorDisplayName, authorChannelId)");
        }
        return new Author(handle, name.isEmpty() || name.equals(handle) ? null : name);
    }

    private static JsonNode listResponse(byte[] json, String what) {
        JsonNode root = MastodonStatuses.json(json);
        if (root == null || !root.isObject() || !root.path("items").isArray()) {
            throw new IllegalArgumentException("expected a " + what + " list (an object with items)");
        }
        return root;
    }

    private static String nextPageToken(JsonNode root) {
        String token = root.path("nextPageToken").asText("");
        return token.isBlank() ? null : token;
    }
}
