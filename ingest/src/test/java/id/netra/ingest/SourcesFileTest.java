package id.netra.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesFileTest {

    @Test
    void readsEverySourceTypeWithItsOptions(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("sources.yml"), """
                sources:
                  - id: inbox
                    type: jsonl
                    path: inbox
                    interval: 2s
                  - id: kabar-daerah
                    type: rss
                    urls: [https://kabar.example/feed.xml]
                    interval: PT15M
                    minDelay: 3s
                  - id: tag-pilkada
                    type: mastodon
                    instance: https://mastodon.example
                    hashtags: [pilkada, PilkadaDamai]
                  - id: mitra
                    type: csv-import
                    path: /var/netra/imports
                    platform: facebook
                    columns: {postId: id, text: pesan, publishedAt: waktu, author.handle: akun, url: tautan}
                """);

        List<SourceSpec> specs = SourcesFile.read(file);

        assertThat(specs).extracting(SourceSpec::id).containsExactly("inbox", "kabar-daerah", "tag-pilkada", "mitra");
        assertThat(specs.get(0).string("path", null)).isEqualTo(dir.resolve("inbox").toString());
        assertThat(specs.get(0).interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(specs.get(1).type()).isEqualTo("feed");
        assertThat(SourceFactory.policy(specs.get(1), id.netra.ingest.http.HttpPolicy.defaults()).minDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(specs.get(2).strings("hashtags")).containsExactly("pilkada", "PilkadaDamai");
        assertThat(specs.get(3).map("columns")).containsEntry("author.handle", "akun");
    }

    @Test
    void listsEveryProblemOfTheFileEachWithItsSource(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("sources.yml"), """
                sources:
                  - id: a
                    type: gopher
                  - id: b
                    type: feed
                  - id: c
                    type: feed
                    urls: [ftp://files.example/feed]
                  - id: d
                    type: jsonl
                    path: x
                    interval: sometimes
                  - id: e
                    type: jsonl
                    path: x
                  - id: e
                    type: jsonl
                    path: y
                """);

        assertThatThrownBy(() -> SourcesFile.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 problem(s)")
                .hasMessageContaining("entry 1: source 'a': type 'gopher' is not one of")
                .hasMessageContaining("entry 2: source 'b': option 'urls' is required for type feed")
                .hasMessageContaining("entry 3: source 'c': option 'urls': 'ftp://files.example/feed' is not an http(s) address")
                .hasMessageContaining("entry 4: source 'd': interval 'sometimes' is not a duration")
                .hasMessageContaining("entry 6: source 'e' is defined twice");
    }

    @Test
    void saysWhereTheYamlIsBroken(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("sources.yml"), "sources:\n  - id: a\n    urls: [unclosed\n");

        assertThatThrownBy(() -> SourcesFile.read(file)).hasMessageContaining("not valid YAML").hasMessageContaining("line");
    }

    @Test
    void theExampleSourcesFileOfTheRepositoryIsValid() throws Exception {
        List<SourceSpec> specs = SourcesFile.read(Path.of("../sources.example.yml"));

        assertThat(specs).extracting(SourceSpec::type).containsExactlyInAnyOrder("feed", "html", "mastodon", "mastodon-interactions",
                "youtube", "jsonl", "x-import", "csv-import", "csv-import");
    }
}
