package id.netra.classifier.replay;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.classifier.ClassifierTopology;
import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.Author;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.ReplayReport;
import id.netra.model.Severity;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {
    private static final ReplayOptions OPTIONS = new ReplayOptions("t1", Instant.parse("2024-11-01T00:00:00Z"),
            Instant.parse("2024-11-08T00:00:00Z"), null, null, null, ClassifierTopology.TopicNames.defaults(), Map.of());
    private static final AsnRecord ASN = new AsnRecord("198203152006041002", "Dimas", "Pemkot", null, null, "35.77", null, null, List.of());

    private static Alert alert(String postId, String watchlist, Severity severity) {
        Post post = new Post(Platform.X, postId, URI.create("https://x.com/a/" + postId), new Author("a", null), "teks",
                OffsetDateTime.parse("2024-11-02T09:00:00+07:00"), PostKind.POST);
        return new Alert(Alert.idFor(post.versionKey(), watchlist, "r1"), Platform.X, postId, ASN.nip(), severity, "support",
                "Dukungan.", null, post, ASN, List.of(), List.of(), List.of(), watchlist, "r1", "cues-v2+slang-v1+rules-v1");
    }

    @Test
    void sortsEachPostIntoIdenticalChangedMissingOrNewWithTheFieldsThatDiffer() {
        List<Alert> recorded = List.of(alert("1", "w1", Severity.HIGH), alert("2", "w1", Severity.HIGH), alert("3", "w1", Severity.HIGH));
        List<Alert> replayed = List.of(alert("1", "w1", Severity.HIGH), alert("2", "w2", Severity.MEDIUM), alert("4", "w2", Severity.LOW));

        ReplayReport report = ReportBuilder.build(OPTIONS, Instant.EPOCH, 1.0, 10, 4, recorded, replayed, "cues-v2+slang-v1+rules-v1");

        assertThat(report.entries()).extracting(ReplayReport.Entry::kind, ReplayReport.Entry::postKey).containsExactly(
                org.assertj.core.api.Assertions.tuple(ReplayReport.Kind.IDENTICAL, "x:1"),
                org.assertj.core.api.Assertions.tuple(ReplayReport.Kind.CHANGED, "x:2"),
                org.assertj.core.api.Assertions.tuple(ReplayReport.Kind.MISSING, "x:3"),
                org.assertj.core.api.Assertions.tuple(ReplayReport.Kind.NEW, "x:4"));
        ReplayReport.Entry changed = report.entries().get(1);
        assertThat(changed.changes()).extracting(ReplayReport.Change::field).containsExactly("id", "severity", "watchlistVersion");
        assertThat(changed.changes().get(1)).isEqualTo(new ReplayReport.Change("severity", "HIGH", "MEDIUM"));
        assertThat(changed.recorded().watchlist()).isEqualTo("w1");
        assertThat(changed.replayed().watchlist()).isEqualTo("w2");
        assertThat(report.counts()).isEqualTo(new ReplayReport.Counts(1, 1, 1, 1, 3, 3));
        assertThat(report.versions()).isEqualTo(new ReplayReport.Versions(null, null, null));
    }

    @Test
    void comparesWithTheRecordedAlertOfTheSameIdWhenAPostWasRecordedTwice() {
        List<Alert> recorded = List.of(alert("1", "w1", Severity.HIGH), alert("1", "w2", Severity.HIGH));

        ReplayReport report = ReportBuilder.build(OPTIONS, Instant.EPOCH, 1.0, 1, 1, recorded, List.of(alert("1", "w1", Severity.HIGH)), "x");

        assertThat(report.entries()).singleElement().extracting(ReplayReport.Entry::kind).isEqualTo(ReplayReport.Kind.IDENTICAL);
    }
}
