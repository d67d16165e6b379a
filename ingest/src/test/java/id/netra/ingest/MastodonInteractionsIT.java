package id.netra.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.ingest.http.HttpPolicy;
import id.netra.ingest.http.PoliteFetcher;
import id.netra.model.Media;
import id.netra.model.Post;
import id.netra.model.PostKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Mastodon interactions source against a fake instance serving the documented endpoints: the replies of a watched
 * account's statuses (context), who boosted them and who favourited them (paged by Link headers), each once with its
 * kind and target, across runs, limits and a crashed run.
 */
class MastodonInteractionsIT {
    private static final String CAMPAIGN = "wahyuanisa03@warga.example";

    private FakeMastodon mastodon;
    private PoliteFetcher fetcher;
    private final Commits commits = new Commits();

    @BeforeEach
    void start() {
        mastodon = new FakeMastodon();
        mastodon.reblog("110001", 0).reblog("110001", 1);
        mastodon.favourite("110001", 0);
        IntStream.rangeClosed(3, 85).forEach(i -> mastodon.favourite("110001", i));
        fetcher = new PoliteFetcher(Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        mastodon.close();
        fetcher.close();
    }

    private MastodonInteractionsSource source(List<String> accounts) {
        HttpPolicy policy = HttpPolicy.defaults().withAllowPrivate(true).withMinDelay(Duration.ofMillis(5));
        return new MastodonInteractionsSource("interaksi", mastodon.uri(), null, accounts, null, 20, 5, fetcher, policy, commits.context());
    }

    @Test
    void collectsEveryReplyShareAndLikeOfAWatchedAccountOnceWithItsKindAndTarget() throws Exception {
        MastodonInteractionsSource source = source(List.of("wahyuanisa03"));

        commits.run(source);
        int asked = mastodon.requests().size();
        Harvest again = commits.run(source);

        Map<String, Post> byId = commits.emitted().stream().collect(Collectors.toMap(Post::postId, p -> p));
        assertThat(commits.emitted()).hasSize(5 + 2 + 84);
        assertThat(byId.keySet()).contains("110101", "110102", "110103", "110104", "110201").doesNotContain("110105", "110106");

        Post cheer = byId.get("110101");
        assertThat(cheer.kind()).isEqualTo(PostKind.REPLY);
        assertThat(cheer.author().handle()).isEqualTo("andipras@warga.example");
        assertThat(cheer.text()).isEqualTo("@wahyuanisa03 Siap menangkan Mas Wahyu! Metro Timur kompak 🔥");
        assertThat(cheer.target().postId()).isEqualTo("110001");
        assertThat(cheer.target().ownerKey()).isEqualTo("mastodon:" + CAMPAIGN);
        assertThat(cheer.target().url()).hasToString("https://warga.example/@wahyuanisa03/110001");
        assertThat(cheer.media()).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(Media.Type.IMAGE);
            assertThat(m.alt()).isEqualTo("Kaos bertuliskan Mas Wahyu WANI nomor 3");
        });
        assertThat(byId.get("110103").target().ownerKey()).as("the campaign answering Rina").isEqualTo("mastodon:rina@other.example");
        assertThat(byId.get("110104").target()).satisfies(t -> {
            assertThat(t.postId()).isEqualTo("110103");
            assertThat(t.ownerKey()).isEqualTo("mastodon:" + CAMPAIGN);
        });

        Post share = byId.get("110001_reblog_2002");
        assertThat(share.kind()).isEqualTo(PostKind.SHARE);
        assertThat(share.author().handle()).isEqualTo("rina@other.example");
        assertThat(share.text()).startsWith("\n\nBersama membangun Metro! Coblos nomor 3");
        assertThat(share.target().ownerKey()).isEqualTo("mastodon:" + CAMPAIGN);
        Post like = byId.get("110001_like_2001");
        assertThat(like.kind()).isEqualTo(PostKind.REACTION);
        assertThat(like.text()).isEqualTo("like");
        assertThat(like.target().postId()).isEqualTo("110001");
        assertThat(commits.emitted()).filteredOn(p -> p.kind() == PostKind.REACTION).hasSize(84);

        assertThat(commits.rejected()).singleElement().satisfies(r -> {
            assertThat(r.origin()).contains("/api/v1/statuses/110001/context").contains("reply 110106");
            assertThat(r.reason()).contains("invalid created_at 'kemarin'");
        });
        assertThat(mastodon.requests()).filteredOn(r -> r.contains("/favourited_by")).first().asString()
                .endsWith("/api/v1/statuses/110001/favourited_by?limit=80");
        assertThat(mastodon.requests()).anyMatch(r -> r.matches(".*/110001/favourited_by\\?limit=80&max_id=\\d+"));
        assertThat(mastodon.requests()).noneMatch(r -> r.contains("110003"));
        assertThat(again.items()).as("nothing new on the second run").isEmpty();
        assertThat(mastodon.requests().subList(asked, mastodon.requests().size()))
                .anyMatch(r -> r.matches(".*/110001/favourited_by\\?limit=80&since_id=\\d+"));
    }

    @Test
    void aNewLikeOrShareIsCollectedOnceAtTheNextRun() throws Exception {
        MastodonInteractionsSource source = source(List.of("wahyuanisa03"));
        commits.run(source);
        int before = commits.emitted().size();

        mastodon.favourite("110001", 90).reblog("110002", 2);
        commits.run(source);
        commits.run(source);

        assertThat(commits.emitted().subList(before, commits.emitted().size())).extracting(Post::postId)
                .containsExactlyInAnyOrder("110001_like_3088", "110002_reblog_2003");
    }

    @Test
    void runsStoppedByTheirLimitOrACrashRepeatAndSkipNothing() throws Exception {
        MastodonInteractionsSource source = source(List.of("wahyuanisa03"));

        commits.run(source, 30, false);
        mastodon.favourite("110001", 95).favourite("110001", 96);
        commits.run(source, 30, true);
        IntStream.rangeClosed(97, 100).forEach(i -> mastodon.favourite("110001", i));
        int runs = 0;
        while (runs++ < 20) {
            Harvest h = commits.run(source, 30, false);
            if (h.items().isEmpty()) {
                break;
            }
        }

        List<String> keys = commits.emitted().stream().map(Post::key).toList();
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(keys).hasSize(5 + 2 + 84 + 6);
        assertThat(runs).as("runs needed").isGreaterThan(2);
    }

    @Test
    void stopsWhenTheRateLimitRunsLowAndWaitsForTheReset() throws Exception {
        mastodon.remaining("2");

        Harvest h = commits.run(source(List.of("wahyuanisa03")));

        assertThat(h.deferUntil()).isAfter(Instant.now().plus(Duration.ofMinutes(4)));
        assertThat(h.problems()).anyMatch(p -> p.contains("rate limit"));
        assertThat(mastodon.requests()).hasSize(1);
    }

    @Test
    void aFailingStatusOrAccountDoesNotStopTheOthersAndAMalformedAnswerIsDeadLettered() throws Exception {
        mastodon.failing("/api/v1/statuses/110001/context", 403).failing("/api/v1/statuses/110002/favourited_by", 410);
        mastodon.reblog("110002", 2);
        mastodon.favourite("110002", 4);

        Harvest h = commits.run(source(List.of("hilang", "wahyuanisa03")));

        assertThat(commits.emitted()).extracting(Post::postId).contains("110201", "110001_reblog_2001", "110002_reblog_2003")
                .doesNotContain("110101");
        assertThat(commits.emitted()).filteredOn(p -> p.postId().startsWith("110001_like_")).hasSize(84);
        assertThat(h.problems()).anyMatch(p -> p.contains("/api/v1/accounts/lookup?acct=hilang") && p.contains("404"))
                .anyMatch(p -> p.contains("110001/context") && p.contains("403"));

        mastodon.healthy("/api/v1/statuses/110002/favourited_by").healthy("/api/v1/statuses/110001/context");
        commits.run(source(List.of("hilang", "wahyuanisa03")));
        assertThat(commits.emitted()).extracting(Post::postId).contains("110101", "110002_like_3002").doesNotHaveDuplicates();
    }

    @Test
    void sendsAnAnswerThatIsNoContextToTheDeadLetterTopicWithTheReason() throws Exception {
        mastodon.statuses("""
                [{"id":"110002","created_at":"2024-11-13T09:00:00.000Z","visibility":"public","url":"https://warga.example/@wahyuanisa03/110002",
                  "account":{"id":"1001","acct":"wahyuanisa03"},"content":"<p>halo</p>"},
                 {"id":"../../admin","created_at":"2024-11-13T09:00:00.000Z","visibility":"public","account":{"acct":"wahyuanisa03"}}]
                """.getBytes());
        mastodon.failing("/api/v1/statuses/110002/reblogged_by", 403);

        commits.run(source(List.of("wahyuanisa03")));

        assertThat(commits.emitted()).extracting(Post::postId).containsExactly("110201");
        assertThat(commits.rejected()).singleElement().satisfies(r -> {
            assertThat(r.origin()).endsWith("/api/v1/accounts/1001/statuses?limit=20&exclude_reblogs=true status ../../admin");
            assertThat(r.reason()).isEqualTo("status without a valid id");
        });
        assertThat(mastodon.requests()).noneMatch(r -> r.contains("admin"));
    }
}
