package id.netra.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportSourceTest {

    private static Source csvFolder(Path dir) {
        SourceSpec spec = SourceSpec.of(new java.util.HashMap<>(Map.of("id", "mitra", "type", "csv-import", "path", dir.toString(),
                "platform", "facebook", "columns", Map.of("postId", "id", "url", "url", "author.handle", "akun", "text", "isi", "publishedAt", "waktu"))));
        return SourceFactory.create(spec, null, Clock.systemUTC(), id.netra.ingest.http.HttpPolicy.defaults());
    }

    @Test
    void importsEachFileOnceAndAgainOnlyWhenItsContentChanges(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.csv"), "id,url,akun,isi,waktu\n1,https://facebook.com/1,budi,Ayo coblos,2024-11-12T19:05:00+07:00\n2,https://facebook.com/2,budi,,2024-11-12T19:06:00+07:00\n");
        Files.writeString(dir.resolve("notes.txt"), "not an export");
        JsonlSourceTest.Runs runs = new JsonlSourceTest.Runs(csvFolder(dir));

        Harvest first = runs.run(1000);
        Harvest again = runs.run(1000);
        Files.writeString(dir.resolve("a.csv"), "3,https://facebook.com/3,budi,Salam dua jari,2024-11-12T19:07:00+07:00\n", java.nio.file.StandardOpenOption.APPEND);
        Harvest changed = runs.run(1000);

        assertThat(first.items()).extracting(i -> i.post().postId()).containsExactly("1");
        assertThat(first.rejects()).singleElement().satisfies(r -> assertThat(r.origin()).isEqualTo("a.csv:3"));
        assertThat(again.size()).isZero();
        assertThat(changed.items()).extracting(i -> i.post().postId()).containsExactly("1", "3");
        assertThat(first.items().getFirst().evidence().requestUrl().toString()).endsWith("/a.csv");
    }
}
