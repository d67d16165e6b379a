package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.ReplayReport;
import id.netra.model.Severity;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReportsPageTest {
    private static final String XSS = "<script>alert(1)</script>";

    private static ReplayReport report() {
        ReplayReport.Versions v1 = new ReplayReport.Versions("w1", "r1", "cues-v2+slang-v1+rules-v1");
        ReplayReport.Versions v2 = new ReplayReport.Versions("w2" + XSS, "r1", "cues-v2+slang-v1+rules-v1");
        return new ReplayReport("run-1", Instant.parse("2024-11-01T00:00:00Z"), Instant.parse("2024-11-08T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), new ReplayReport.Versions("w2" + XSS, null, null), "alerts-replay-run-1",
                10, 8, 2.0, 5.0, new ReplayReport.Counts(0, 1, 0, 0, 1, 1),
                List.of(new ReplayReport.Entry(ReplayReport.Kind.CHANGED, "x:1", "a", "b", Severity.HIGH, Severity.LOW, v1, v2,
                        List.of(new ReplayReport.Change("explanation", "Dukung " + XSS, "Menyebut \"x\" & y")))));
    }

    @Test
    void showsTheChangesFieldByFieldWithEverySideVersionsAndTheCounts() {
        String html = ReportsPage.render(report());

        assertThat(html).contains("run-1", "explanation", "daftar pantau w1", "berubah 1", "alerts-replay-run-1");
    }

    @Test
    void rendersUntrustedTextInert() {
        // jte escapes <, > and & in text (quotes are harmless there) and quotes too in attribute values.
        String html = ReportsPage.render(report()) + ReportsPage.list(List.of(report()));

        assertThat(html).doesNotContain(XSS).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("\"x\" &amp; y");
    }

    @Test
    void linksEachReportFromTheList() {
        assertThat(ReportsPage.list(List.of(report()))).contains("href=\"/laporan/run-1\"");
        assertThat(ReportsPage.list(List.of())).contains("Belum ada laporan");
    }
}
