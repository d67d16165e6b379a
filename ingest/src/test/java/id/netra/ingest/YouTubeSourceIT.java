package id.netra.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.netra.ingest.http.HttpPolicy;
import id.netra.ingest.http.PoliteFetcher;
import id.netra.model.Post;
import id.netra.model.PostKind;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The YouTube source against a fake Data API v3 with documented responses and error bodies: comment threads paged by
 * nextPageToken, replies by comments.list, errors per video, the quota counted and honoured, the key kept secret.
 */
class YouTubeSourceIT {
    /** 10:00 UTC on 15 November 2024 is 02:00 in Pacific time (PST): the quota resets at 08:00 UTC on the 16th. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-11-15T10:00:00Z"), ZoneOffset.UTC);
    private static final Instant RESET = Instant.parse("2024-11-16T08:00:00Z");

    private FakeYouTube youtube;
    private PoliteFetcher fetcher;
    private final Commits commits = new Commits();

    @BeforeEach
    void start() {
        youtube = new FakeYouTube();
        fetcher = new PoliteFetcher(Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        youtube.close();
        fetcher.close();
    }

    private YouTubeSource source(String key, int dailyQuota) {
        HttpPolicy policy = HttpPolicy.defaults().withAllowPrivate(true).withMinDelay(Duration.ofMillis(5));
        return new YouTubeSource("yt", youtube.api(), () -> key, List.of("@wahyuanisa03"), null, 10, 10, dailyQuota, fetcher, policy,
                commits.context(), CLOCK);
    }

    private YouTubeSource source() {
        return source(FakeYouTube.KEY, 10_000);
    }

    @Test
    void collectsTheCommentsAndRepliesOfTheLatestUploadsWithTheirTargets() throws Exception {
        YouTubeSource source = source();

        Harvest first = commits.run(source);

        Map<String, Post> byId = commits.emitted().stream().collect(Collectors.toMap(Post::postId, p -> p));
        assertThat(byId.keySet()).containsExactlyInAnyOrder("UgzA1", "UgzB2", "UgzB2.r1", "UgzB2.r2", "UgzD4", "UgzE5",
                "UgzE5.r1", "UgzE5.r2", "UgzE5.r3", "UgzE5.r4", "UgzE5.r5", "UgzE5.r6", "UgzE5.r7");
        Post cheer = byId.get("UgzA1");
        assertThat(cheer.kind()).isEqualTo(PostKind.COMMENT);
        assertThat(cheer.author().handle()).isEqualTo("@andipras_mtr");
        assertThat(cheer.text()).isEqualTo("Siap menangkan Mas Wahyu! Metro Timur kompak 🔥");
        assertThat(cheer.url()).hasToString("https://www.youtube.com/watch?v=kMp1aNy3A01&lc=UgzA1");
        assertThat(cheer.target().postId()).isEqualTo("kMp1aNy3A01");
        assertThat(cheer.target().url()).hasToString("https://www.youtube.com/watch?v=kMp1aNy3A01");
        assertThat(cheer.target().ownerKey()).isEqualTo("youtube:wahyuanisa03");
        assertThat(cheer.target().author().displayName()).isEqualTo("Wahyu - Anisa Official");
        assertThat(byId.get("UgzB2").author()).satisfies(a -> {
            assertThat(a.handle()).isEqualTo("UCrinaWulandari000000000");
            assertThat(a.displayName()).isEqualTo("Rina Wulandari");
        });
        assertThat(byId.get("UgzB2.r2")).satisfies(r -> {
            assertThat(r.kind()).isEqualTo(PostKind.REPLY);
            assertThat(r.target().postId()).isEqualTo("UgzB2");
            assertThat(r.target().ownerKey()).isEqualTo("youtube:ucrinawulandari000000000");
        });
        assertThat(byId.get("UgzE5.r7").target().postId()).as("a reply fetched by comments.list").isEqualTo("UgzE5");
        assertThat(byId.get("UgzE5.r7").url()).hasToString("https://www.youtube.com/watch?v=kMp1aNy3A04&lc=UgzE5.r7");

        assertThat(commits.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).contains("invalid publishedAt 'kemarin'");
            assertThat(r.origin()).contains("comment thread UgzC3").contains("key=REDACTED").doesNotContain(FakeYouTube.KEY);
        });
        assertThat(first.items()).allSatisfy(i -> assertThat(i.evidence().requestUrl().toString())
                .contains("key=REDACTED").doesNotContain(FakeYouTube.KEY));
        assertThat(youtube.requests()).filteredOn(r -> r.startsWith("/commentThreads")).extracting(r -> r.replaceAll("&key=.*", ""))
                .containsExactly(
                        "/commentThreads?part=snippet,replies&videoId=kMp1aNy3A01&maxResults=100&order=time&textFormat=plainText",
                        "/commentThreads?part=snippet,replies&videoId=kMp1aNy3A01&maxResults=100&order=time&textFormat=plainText&pageToken=QURTSl9pM2ZpcnN0",
                        "/commentThreads?part=snippet,replies&videoId=kMp1aNy3A02&maxResults=100&order=time&textFormat=plainText",
                        "/commentThreads?part=snippet,replies&videoId=kMp1aNy3A03&maxResults=100&order=time&textFormat=plainText",
                        "/commentThreads?part=snippet,replies&videoId=kMp1aNy3A04&maxResults=100&order=time&textFormat=plainText");
        assertThat(youtube.requests()).filteredOn(r -> r.startsWith("/comments?")).hasSize(2);
    }

    @Test
    void handlesEachVideosErrorOnItsOwnAndCountsTheQuotaInTheHealth() throws Exception {
        YouTubeSource source = source();

        Harvest first = commits.run(source);
        Map<String, String> afterFirst = source.details();
        int calls = youtube.requests().size();
        commits.run(source);

        assertThat(first.problems()).singleElement().asString().contains("video kMp1aNy3A03 not found");
        assertThat(afterFirst).containsEntry("commentsDisabled", "kMp1aNy3A02").containsEntry("quotaUnitsUsed", "9")
                .containsEntry("quotaDailyBudget", "10000").containsEntry("quotaDay", "2024-11-15 (Pacific)");
        assertThat(youtube.requests().subList(calls, youtube.requests().size()))
                .as("the second run: no channel lookup, the video with comments off skipped, replies already complete not asked")
                .noneMatch(r -> r.startsWith("/channels") || r.contains("kMp1aNy3A02") || r.startsWith("/comments?"))
                .hasSize(5);
        assertThat(source.details()).containsEntry("quotaUnitsUsed", "14");
        assertThat(commits.emitted()).hasSize(13);
    }

    @Test
    void stopsAtQuotaExceededUntilMidnightPacificKeepingWhatItCollected() throws Exception {
        youtube.quota(3);
        YouTubeSource source = source();

        Harvest h = commits.run(source);
        int calls = youtube.requests().size();
        Harvest later = commits.run(source);

        assertThat(h.deferUntil()).isEqualTo(RESET);
        assertThat(h.problems()).anyMatch(p -> p.contains("quotaExceeded") && p.contains(RESET.toString()));
        assertThat(commits.emitted()).extracting(Post::postId).containsExactlyInAnyOrder("UgzA1", "UgzB2", "UgzB2.r1", "UgzB2.r2");
        assertThat(calls).as("channels, playlistItems, page 1, page 2 refused").isEqualTo(4);
        assertThat(later.deferUntil()).isEqualTo(RESET);
        assertThat(youtube.requests()).as("nothing asked before the reset").hasSize(calls);
        assertThat(source.details()).containsEntry("waitingUntil", RESET.toString());
    }

    @Test
    void neverSpendsMoreThanItsDailyBudget() throws Exception {
        Harvest h = commits.run(source(FakeYouTube.KEY, 4));

        assertThat(youtube.requests()).hasSize(4);
        assertThat(h.deferUntil()).isEqualTo(RESET);
        assertThat(h.problems()).anyMatch(p -> p.contains("budget of 4 units"));
    }

    @Test
    void runsStoppedByTheirLimitOrACrashRepeatAndSkipNothing() throws Exception {
        YouTubeSource source = source();

        commits.run(source, 3, false);
        commits.run(source, 3, true);
        for (int i = 0; i < 10; i++) {
            commits.run(source, 3, false);
        }

        assertThat(commits.emitted()).extracting(Post::key).doesNotHaveDuplicates().hasSize(13);
        assertThat(commits.rejected()).hasSize(1);
    }

    @Test
    void refusesToRunWithoutAKeyAndNeverShowsAWrongOne() throws Exception {
        assertThatThrownBy(() -> commits.run(source(null, 100))).isInstanceOf(IOException.class).hasMessageContaining("NETRA_YOUTUBE_API_KEY");

        String wrong = "AIzaWrongKey42";
        assertThatThrownBy(() -> commits.run(source(wrong, 100))).isInstanceOf(IOException.class)
                .hasMessageContaining("badRequest").hasMessageNotContaining(wrong);
    }
}
