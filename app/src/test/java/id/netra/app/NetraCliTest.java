package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NetraCliTest {
    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Netra.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path fixture(Path dir, String name) throws IOException {
        try (InputStream in = NetraCliTest.class.getResourceAsStream("/pipeline/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    @Test
    void listsEveryCommandInItsHelp() {
        Run r = run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("up", "test", "classify", "eval", "ingest", "classifier", "alerts", "topics", "registry", "watchlist");
    }

    @Test
    void givesEverySubcommandItsOwnHelp() {
        CommandLine root = Netra.commandLine();
        List<String> missing = new ArrayList<>();
        root.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help") && run(name, "--help").exitCode() != 0) {
                missing.add(name);
            }
        });

        assertThat(root.getSubcommands()).hasSizeGreaterThan(8);
        assertThat(missing).isEmpty();
    }

    @Test
    void classifyPrintsOneAlertPerLineWithTheRequiredFields(@TempDir Path dir) throws IOException {
        Run r = run("classify", "--registry", fixture(dir, "registry.csv").toString(),
                "--watchlist", fixture(dir, "watchlist.json").toString(), "--posts", fixture(dir, "posts.jsonl").toString());

        assertThat(r.exitCode()).isZero();
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            alerts.add(Json.mapper().readTree(line));
        }
        assertThat(alerts).extracting(a -> a.get("platform").asText() + ":" + a.get("postId").asText() + " " + a.get("nip").asText())
                .containsExactlyInAnyOrder("x:1850000000000000101 198203152006041002", "facebook:5100000000000102 199006242015022001");
        assertThat(alerts).allSatisfy(a -> assertThat(a.get("severity").asText()).isIn("MEDIUM", "HIGH"));
        assertThat(r.err()).contains("posts.jsonl:5").contains("1 bad post line");
    }

    @Test
    void classifyReportsBadRegistryRowsWithTheirLineAndGoesOn(@TempDir Path dir) throws IOException {
        Path registry = fixture(dir, "registry.csv");
        Files.writeString(registry, "123,Broken Row,A,U,P,35.77,S,s@example.go.id,x:broken\n", java.nio.file.StandardOpenOption.APPEND);

        Run r = run("classify", "--registry", registry.toString(), "--watchlist", fixture(dir, "watchlist.json").toString(),
                "--posts", fixture(dir, "posts.jsonl").toString(), "--min-severity", "HIGH");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("registry.csv:5").contains("not 18 digits");
        assertThat(r.out().strip().split("\n")).hasSize(2);
    }

    @Test
    void evalPrintsPrecisionRecallAndTheMisses(@TempDir Path dir) throws IOException {
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, """
                platform,post_id,author_is_asn,partisan,expect_alert,note
                x,1850000000000000101,true,true,true,ajakan coblos
                facebook,5100000000000102,true,true,true,siap menangkan
                tiktok,7420000000000000103,true,false,false,info debat netral
                x,1850000000000000104,false,true,false,bukan ASN
                instagram,C8xYzAbCdEf,true,true,true,label sengaja salah untuk uji
                """);

        Run r = run("eval", "--registry", fixture(dir, "registry.csv").toString(), "--watchlist", fixture(dir, "watchlist.json").toString(),
                "--posts", fixture(dir, "posts.jsonl").toString(), "--labels", labels.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("precision 1.000", "recall 0.667", "false negatives (1)", "instagram:C8xYzAbCdEf");
    }

    @Test
    void namesAMissingInputFileInOneLine(@TempDir Path dir) {
        Run r = run("classify", "--registry", dir.resolve("none.csv").toString(), "--watchlist", dir.resolve("w.json").toString(),
                "--posts", dir.resolve("p.jsonl").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("p.jsonl");
    }
}
