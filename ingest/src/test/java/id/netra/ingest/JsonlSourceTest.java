package id.netra.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.netra.model.Post;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlSourceTest {
    static String line(String id) {
        return "{\"platform\":\"x\",\"postId\":\"" + id + "\",\"url\":\"https://x.com/a/status/" + id + "\","
                + "\"author\":{\"handle\":\"a\"},\"text\":\"halo " + id + "\",\"publishedAt\":\"2024-11-12T19:05:00+07:00\",\"kind\":\"post\"}\n";
    }

    static final class Collecting implements Source.Sink {
        final List<String> posts = new ArrayList<>();
        final List<String> rejects = new ArrayList<>();

        @Override
        public void post(Post post, String origin) {
            posts.add(post.postId() + "@" + origin);
        }

        @Override
        public void reject(String origin, String payload, String reason) {
            rejects.add(origin + " " + reason);
        }
    }

    @Test
    void readsExistingLinesThenOnlyTheAppendedOnes(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.jsonl"), line("1") + line("2"));
        JsonlSource source = new JsonlSource(file);
        Collecting sink = new Collecting();

        source.poll(sink, 100);
        Files.writeString(file, line("3"), StandardOpenOption.APPEND);
        source.poll(sink, 100);

        assertThat(sink.posts).containsExactly("1@p.jsonl:1", "2@p.jsonl:2", "3@p.jsonl:3");
    }

    @Test
    void leavesAPartialLastLineUntilItsNewlineArrives(@TempDir Path dir) throws IOException {
        String full = line("7");
        Path file = Files.writeString(dir.resolve("p.jsonl"), full.substring(0, 40));
        JsonlSource source = new JsonlSource(file);
        Collecting sink = new Collecting();

        assertThat(source.poll(sink, 100)).isZero();
        Files.writeString(file, full.substring(40), StandardOpenOption.APPEND);
        source.poll(sink, 100);

        assertThat(sink.posts).containsExactly("7@p.jsonl:1");
        assertThat(sink.rejects).isEmpty();
    }

    @Test
    void reportsABadLineWithItsNumberAndReadsOn(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.jsonl"), line("1") + "{\"platform\":\"x\",\n" + line("3"));
        Collecting sink = new Collecting();

        new JsonlSource(file).poll(sink, 100);

        assertThat(sink.posts).containsExactly("1@p.jsonl:1", "3@p.jsonl:3");
        assertThat(sink.rejects).singleElement().asString().startsWith("p.jsonl:2 not a valid post");
    }

    @Test
    void followsNewFilesInAFolderAndIgnoresOtherFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.jsonl"), line("1"));
        Files.writeString(dir.resolve("notes.txt"), "not posts\n");
        JsonlSource source = new JsonlSource(dir);
        Collecting sink = new Collecting();

        source.poll(sink, 100);
        Files.writeString(dir.resolve("b.jsonl"), line("2"));
        source.poll(sink, 100);

        assertThat(sink.posts).containsExactly("1@a.jsonl:1", "2@b.jsonl:1");
    }

    @Test
    void handsAtMostTheLimitPerPollAndKeepsTheRest(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.jsonl"), line("1") + line("2") + line("3"));
        JsonlSource source = new JsonlSource(file);
        Collecting sink = new Collecting();

        assertThat(source.poll(sink, 2)).isEqualTo(2);
        assertThat(sink.posts).containsExactly("1@p.jsonl:1", "2@p.jsonl:2");
        assertThat(source.poll(sink, 2)).isEqualTo(1);
        assertThat(sink.posts).endsWith("3@p.jsonl:3");
    }

    @Test
    void readsATruncatedFileAgainFromItsStart(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.jsonl"), line("1") + line("2"));
        JsonlSource source = new JsonlSource(file);
        Collecting sink = new Collecting();
        source.poll(sink, 100);

        Files.writeString(file, line("9"));
        source.poll(sink, 100);

        assertThat(sink.posts).endsWith("9@p.jsonl:1");
    }

    @Test
    void failsClearlyWhenThePathDoesNotExist(@TempDir Path dir) {
        JsonlSource source = new JsonlSource(dir.resolve("missing.jsonl"));

        assertThatThrownBy(() -> source.poll(new Collecting(), 10)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void resumesAfterTheLastCheckpointWhenGivenACursorFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.jsonl"), line("1") + line("2"));
        Path cursor = dir.resolve("cursor.tsv");
        JsonlSource first = new JsonlSource(file, cursor);
        first.poll(new Collecting(), 100);
        first.checkpoint();
        Files.writeString(file, line("3"), StandardOpenOption.APPEND);

        Collecting sink = new Collecting();
        new JsonlSource(file, cursor).poll(sink, 100);

        assertThat(sink.posts).containsExactly("3@p.jsonl:3");
    }

    @Test
    void readsAgainWhatWasReadAfterTheLastCheckpoint(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.jsonl"), line("1") + line("2"));
        Path cursor = dir.resolve("cursor.tsv");
        JsonlSource first = new JsonlSource(file, cursor);
        first.poll(new Collecting(), 1);
        first.checkpoint();
        first.poll(new Collecting(), 1);

        Collecting sink = new Collecting();
        new JsonlSource(file, cursor).poll(sink, 100);

        assertThat(sink.posts).containsExactly("2@p.jsonl:2");
    }
}
