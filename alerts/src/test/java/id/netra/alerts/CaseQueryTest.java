package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.netra.model.Severity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaseQueryTest {
    private static CaseView view(String id, String region, Severity severity, CaseFile.Status status, String candidate, String published,
                                 String text) {
        return new CaseView(id, status, null, 1, severity, "support", "198501012010011001", "Rudi Hartono", "Dinas Pendidikan", region,
                region, region.split("\\.")[0], List.of(candidate), List.of("pdip"), "x", "https://x.com/a/status/1", text,
                OffsetDateTime.parse(published), Instant.parse(published.substring(0, 19) + "Z"), Instant.parse(published.substring(0, 19) + "Z"));
    }

    private static final CaseView METRO = view("NTR-2024-000001", "18.72", Severity.HIGH, CaseFile.Status.OPEN, "metro-02",
            "2024-11-12T19:05:00+07:00", "Ayo coblos nomor 2");
    private static final CaseView LAMPUNG = view("NTR-2024-000002", "18", Severity.MEDIUM, CaseFile.Status.CONFIRMED, "lampung-01",
            "2024-11-13T00:30:00+07:00", "#ArmanRini menang");
    private static final CaseView RIAU = view("NTR-2024-000003", "14.71", Severity.HIGH, CaseFile.Status.OPEN, "pekanbaru-03",
            "2024-11-11T23:30:00+07:00", "Salam tiga jari");

    private static CaseQuery query(Map<String, String> params) {
        return CaseQuery.of(params::get);
    }

    @Test
    void readsARegionByNameAsItsCode() {
        assertThat(query(Map.of("region", "lampung")).region()).isEqualTo("18");
        assertThat(query(Map.of("region", "Kota Metro")).region()).isEqualTo("18.72");
        assertThat(query(Map.of("region", "18.72")).region()).isEqualTo("18.72");
    }

    @Test
    void refusesARegionItCannotReadWithTheRegionsItMayMean() {
        assertThatThrownBy(() -> query(Map.of("region", "Bandung"))).isInstanceOfSatisfying(CaseQuery.BadFilter.class, e -> {
            assertThat(e.param()).isEqualTo("region");
            assertThat(e.value()).isEqualTo("Bandung");
            assertThat(e.suggestions()).startsWith("Kabupaten Bandung", "Kota Bandung");
            assertThat(e.getMessage()).contains("region 'Bandung' is not", "it may be: Kabupaten Bandung, Kota Bandung");
        });
        assertThat(query(Map.of("region", "Kab. Bandung")).region()).isEqualTo("32.04");
    }

    @Test
    void readsTheOrderTheQueueAndTheCursor() {
        String cursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("2|1731400000000|NTR-2024-000001".getBytes());
        CaseQuery q = query(Map.of("sort", "severity", "queue", "unassigned", "after", cursor));

        assertThat(q.sort()).isEqualTo(CaseSort.SEVERITY);
        assertThat(q.queue()).isEqualTo(CaseQuery.Queue.UNASSIGNED);
        assertThat(q.after()).isEqualTo(cursor);
        assertThat(query(Map.of()).sort()).isEqualTo(CaseSort.NEWEST);
    }

    @Test
    void refusesBadParametersNamingThem() {
        assertThatThrownBy(() -> query(Map.of("region", "99.99"))).hasMessageContaining("region '99.99'");
        assertThatThrownBy(() -> query(Map.of("from", "kemarin"))).hasMessageContaining("from 'kemarin' is not valid");
        assertThatThrownBy(() -> query(Map.of("from", "2024-11-25", "to", "2024-11-20"))).hasMessageContaining("to '2024-11-20' is before from '2024-11-25'");
        assertThat(query(Map.of("from", "2024-11-20", "to", "2024-11-20")).to()).isEqualTo(java.time.LocalDate.parse("2024-11-20"));
        assertThatThrownBy(() -> query(Map.of("status", "done"))).hasMessageContaining("status 'done'");
        assertThatThrownBy(() -> query(Map.of("sort", "random"))).hasMessageContaining("sort 'random'");
        assertThatThrownBy(() -> query(Map.of("after", "<x>"))).hasMessageContaining("after '<x>'");
        assertThatThrownBy(() -> query(Map.of("after", "bm90LWEtY3Vyc29y"))).hasMessageContaining("after 'bm90LWEtY3Vyc29y'")
                .isInstanceOfSatisfying(CaseQuery.BadFilter.class, e -> assertThat(e.param()).isEqualTo("after"));
        assertThatThrownBy(() -> query(Map.of("sort", "random"))).isInstanceOfSatisfying(CaseQuery.BadFilter.class,
                e -> assertThat(e.param() + "=" + e.value()).isEqualTo("sort=random"));
    }

    @Test
    void exportsCsvThatNoSpreadsheetEvaluates() {
        CaseView evil = view("NTR-2024-000004", "18.72", Severity.HIGH, CaseFile.Status.OPEN, "metro-02", "2024-11-12T19:05:00+07:00",
                "=HYPERLINK(\"http://evil.example\",\"klik\")");

        String csv = CaseExport.csv(List.of(evil));

        assertThat(csv).startsWith("\"case_id\",\"status\"").contains("\"candidates\",\"candidate_names\",\"parties\"")
;
        CaseView named = new CaseView("NTR-2024-000005", CaseFile.Status.OPEN, null, 1, Severity.HIGH, "support", "198501012010011001", "Rudi",
                "Dinas", "18.72", "Kota Metro", "18", List.of("metro-02"), List.of("pdip"), "x", "https://x.com/a/status/1", "teks",
                OffsetDateTime.parse("2024-11-12T19:05:00+07:00"), Instant.EPOCH, Instant.EPOCH, List.of("Bambang Iman – Rahmad"));
        assertThat(CaseExport.csv(List.of(named))).contains("\"metro-02\",\"Bambang Iman – Rahmad\",\"pdip\"");
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klik\"\")\"");
        assertThat(CaseExport.inert("-1+1")).isEqualTo("'-1+1");
        assertThat(CaseExport.inert("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CaseExport.inert("Ayo coblos")).isEqualTo("Ayo coblos");
    }
}
