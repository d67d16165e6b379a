package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Alert;
import id.netra.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
    @Test
    void countsMediumAndHighAlertsAgainstTheLabels(@TempDir Path dir) throws IOException {
        Path labels = Files.writeString(dir.resolve("labels.csv"), """
                platform,post_id,author_is_asn,partisan,expect_alert,note
                x,1,true,true,true,ajakan
                x,2,true,true,true,"tagar, tanpa kata dukung"
                x,3,true,false,false,netral
                x,4,true,false,false,info jadwal
                """);
        NetraAnalyzer analyzer = new NetraAnalyzer();
        PostClassifier classifier = new PostClassifier(analyzer, Lexicon.load(analyzer));
        List<Alert> alerts;
        try (WatchlistIndex index = new WatchlistIndex(Fixtures.WATCHLIST, analyzer)) {
            alerts = List.of(
                    classifier.classify(Fixtures.post("1", "rudi_h", "Dukung Yoga Pratama!"), Fixtures.RUDI, index).orElseThrow(),
                    classifier.classify(Fixtures.post("3", "rudi_h", "Dukung Bagus Wirawan!"), Fixtures.RUDI, index).orElseThrow(),
                    classifier.classify(Fixtures.post("4", "rudi_h", "Jadwal debat Bagus Wirawan"), Fixtures.RUDI, index).orElseThrow());
        }
        assertThat(alerts.get(2).severity()).isEqualTo(Severity.LOW);

        Evaluation.Report r = Evaluation.evaluate(labels, alerts);

        assertThat(r.truePositives()).isEqualTo(1);
        assertThat(r.precision()).isEqualTo(0.5);
        assertThat(r.recall()).isEqualTo(0.5);
        assertThat(r.f1()).isEqualTo(0.5);
        assertThat(r.falsePositiveList()).singleElement().satisfies(m -> {
            assertThat(m.postKey()).isEqualTo("x:3");
            assertThat(m.reason()).contains("HIGH support").contains("[label: netral]");
        });
        assertThat(r.falseNegativeList()).containsExactly(new Evaluation.Miss("x:2", "tagar, tanpa kata dukung"));
    }
}
