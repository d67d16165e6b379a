package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts recorded with earlier classifier data are derived again byte for byte when the same versions are chosen: the
 * golden file is what {@code netra classify --min-severity LOW} printed for the samples bundled then ({@code compat/samples-2024.11/}) before the decisions
 * became a data table, the evasion handling and the interaction rules were added ({@code cues-v2+slang-v1+rules-v1}).
 * {@code netra replay --lexicon-version} decides with the same code.
 */
class LexiconCompatibilityTest {
    static final String RECORDED = "cues-v2+slang-v1+rules-v1";

    @Test
    void theRecordedVersionsGiveTheRecordedAlertsByteForByte(@TempDir Path dir) throws IOException {
        Path registry = sample(dir, "registry.csv");
        Path watchlist = sample(dir, "watchlist.json");
        Path posts = sample(dir, "posts.jsonl");

        NetraCliTest.Run run = NetraCliTest.run("classify", "--registry", registry.toString(), "--watchlist", watchlist.toString(),
                "--posts", posts.toString(), "--min-severity", "LOW", "--lexicon-version", RECORDED);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(golden());
    }

    @Test
    void theCurrentVersionsDecideDifferentlyAndSaySo(@TempDir Path dir) throws IOException {
        NetraCliTest.Run run = NetraCliTest.run("classify", "--registry", sample(dir, "registry.csv").toString(),
                "--watchlist", sample(dir, "watchlist.json").toString(), "--posts", sample(dir, "posts.jsonl").toString(),
                "--min-severity", "LOW");

        assertThat(run.out()).isNotEqualTo(golden()).contains("\"lexiconVersion\":\"cues-v3+slang-v2+rules-v3\"");
    }

    private static String golden() throws IOException {
        try (InputStream in = LexiconCompatibilityTest.class.getResourceAsStream("/compat/samples-alerts-" + RECORDED + ".jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path sample(Path dir, String name) throws IOException {
        try (InputStream in = LexiconCompatibilityTest.class.getResourceAsStream("/compat/samples-2024.11/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }
}
