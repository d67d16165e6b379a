package id.netra.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlSourceTest {
    static String line(String id) {
        return "{\"platform\":\"x\",\"postId\":\"" + id + "\",\"url\":\"https://x.com/a/status/" + id + "\","
                + "\"author\":{\"handle\":\"a\"},\"text\":\"halo " + id + "\",\"publishedAt\":\"2024-11-12T19:05:00+07:00\",\"kind\":\"post\"}\n";
    }

    /** Runs a source the way the runner does: each run starts from the positions of the last committed one. */
    static final class Runs {
        final Source source;
        Map<String, String> committed = Map.of();
        final List<String> posts = new ArrayList<>();
        final List<String> rejects = new ArrayList<>();

        Runs(Source source) {
            this.source = source;
        }

        /** One run, committed. */
        Harvest run(int limit) throws IOException, InterruptedException {
            Harvest h = uncommitted(limit);
            h.items().forEach(i -> posts.add(i.post().postId() + "@" + i.origin()));
            h.rejects().forEach(r -> rejects.add(r.origin() + " " + r.reason()));
            committed = Map.copyOf(h.positions());
            return h;
        }

        /** One run whose transaction never commits (a crash). */
        Harvest uncommitted(int limit) throws IOException, InterruptedException {
            Harvest h = new Harvest(committed);
            source.collect(committed, h, limit);
            return h;
        }
    }

    private static Runs runs(Path path) {
        return new Runs(new JsonlSource("inbox", path, Clock.systemUTC()));
    }

    @Test
    void readsExistingLinesThenOnlyTheAppendedOnes(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("p.jsonl"), line("1") + line("2"));
        Runs runs = runs(file);

        runs.run(100);
        Files.writeString(file, line("3"), StandardOpenOption.APPEND);
        runs.run(100);

        assertThat(runs.posts).containsExactly("1@p.jsonl:1", "2@p.jsonl:2", "3@p.jsonl:3");
    }

    @Test
    void keepsEachLineAsTheEvidenceOfItsPost(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("p.jsonl"), line("1"));

        Harvest h = runs(file).run(100);

        Evidence e = h.items().getFirst().evidence();
        assertThat(new String(e.payload(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(line("1").strip());
        assertThat(e.sha256()).isEqualTo(Evidence.sha256(e.payload())).hasSize(64);
        assertThat(e.requestUrl().getScheme()).isEqualTo("file");
    }

    @Test
    void leavesAPartialLastLineUntilItsNewlineArrives(@TempDir Path dir) throws Exception {
        String full = line("7");
        Path file = Files.writeString(dir.resolve("p.jsonl"), full.substring(0, 40));
        Runs runs = runs(file);

        assertThat(runs.run(100).size()).isZero();
        Files.writeString(file, full.substring(40), StandardOpenOption.APPEND);
        runs.run(100);

        assertThat(runs.posts).containsExactly("7@p.jsonl:1");
        assertThat(runs.rejects).isEmpty();
    }

    @Test
    void reportsABadLineWithItsNumberAndReadsOn(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("p.jsonl"), line("1") + "{\"platform\":\"x\",\n" + line("3"));
        Runs runs = runs(file);

        runs.run(100);

        assertThat(runs.posts).containsExactly("1@p.jsonl:1", "3@p.jsonl:3");
        assertThat(runs.rejects).singleElement().asString().startsWith("p.jsonl:2 not a valid post");
    }

    @Test
    void followsNewFilesInAFolderAndIgnoresOtherFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), line("1"));
        Files.writeString(dir.resolve("notes.txt"), "not posts\n");
        Runs runs = runs(dir);

        runs.run(100);
        Files.writeString(dir.resolve("b.jsonl"), line("2"));
        runs.run(100);

        assertThat(runs.posts).containsExactly("1@a.jsonl:1", "2@b.jsonl:1");
    }

    @Test
    void handsAtMostTheLimitPerRunAndKeepsTheRest(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("p.jsonl"), line("1") + line("2") + line("3"));
        Runs runs = runs(file);

        assertThat(runs.run(2).size()).isEqualTo(2);
        assertThat(runs.posts).containsExactly("1@p.jsonl:1", "2@p.jsonl:2");
        assertThat(runs.run(2).size()).isEqualTo(1);
        assertThat(runs.posts).endsWith("3@p.jsonl:3");
    }

    @Test
    void readsATruncatedFileAgainFromItsStart(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("p.jsonl"), line("1") + line("2"));
        Runs runs = runs(file);
        runs.run(100);

        Files.writeString(file, line("9"));
        runs.run(100);

        assertThat(runs.posts).endsWith("9@p.jsonl:1");
    }

    @Test
    void failsClearlyWhenThePathDoesNotExist(@TempDir Path dir) {
        Runs runs = runs(dir.resolve("missing.jsonl"));

        assertThatThrownBy(() -> runs.run(10)).isInstanceOf(NoSuchFileException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aRunThatWasNotCommittedIsReadAgain(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("p.jsonl"), line("1") + line("2"));
        Runs runs = runs(file);
        runs.run(1);

        Harvest lost = runs.uncommitted(1);
        runs.run(100);

        assertThat(lost.items()).extracting(i -> i.post().postId()).containsExactly("2");
        assertThat(runs.posts).containsExactly("1@p.jsonl:1", "2@p.jsonl:2");
    }

    @Test
    void rejectsALineLongerThanAPostMayBeByItsHeadSizeAndHashAndReadsOn(@TempDir Path dir) throws Exception {
        byte[] huge = new byte[3 * JsonlSource.MAX_LINE_BYTES];
        java.util.Arrays.fill(huge, (byte) 'z');
        huge[0] = '{';
        Path file = dir.resolve("p.jsonl");
        Files.writeString(file, line("1"));
        Files.write(file, huge, StandardOpenOption.APPEND);
        Files.writeString(file, "\n" + line("3"), StandardOpenOption.APPEND);
        Runs runs = runs(file);

        Harvest h = runs.run(100);

        assertThat(runs.posts).containsExactly("1@p.jsonl:1", "3@p.jsonl:3");
        assertThat(h.rejects()).singleElement().satisfies(r -> {
            assertThat(r.origin()).isEqualTo("p.jsonl:2");
            assertThat(r.reason()).startsWith("line too large: 3,145,728 bytes, more than a line read as a post may have");
            assertThat(r.size()).isEqualTo(huge.length);
            assertThat(r.sha256()).isEqualTo(id.netra.model.Sha256.hex(huge));
            assertThat(r.payload()).hasSize(id.netra.model.DeadLetter.HEAD_BYTES);
            assertThat(r.payload()[0]).isEqualTo((byte) '{');
        });
    }
}
