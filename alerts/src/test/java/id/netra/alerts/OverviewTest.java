package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.Regions;
import id.netra.model.Severity;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverviewTest {
    private static final Instant NOW = Instant.parse("2024-11-20T05:00:00Z");

    @Test
    void countsAlertsPerDayInWibAndLeavesLowOut() {
        List<Alert> alerts = List.of(
                TestAlerts.alert("1", "2024-11-18T10:00:00+07:00", Severity.HIGH),
                TestAlerts.alert("2", "2024-11-18T23:30:00+07:00", Severity.MEDIUM),
                // 17:30 UTC on the 18th is already the 19th in WIB
                TestAlerts.alert("3", "2024-11-18T17:30:00Z", Severity.MEDIUM),
                TestAlerts.alert("4", "2024-11-19T08:00:00+07:00", Severity.LOW));

        Overview o = Overview.of(alerts, List.of(), NOW, Regions.bundled());

        assertThat(o.perDay()).hasSize(Overview.DAYS);
        assertThat(o.perDay().keySet()).first().isEqualTo(LocalDate.parse("2024-11-06"));
        assertThat(o.perDay().keySet()).last().isEqualTo(LocalDate.parse("2024-11-19"));
        assertThat(o.perDay()).containsEntry(LocalDate.parse("2024-11-18"), 2L).containsEntry(LocalDate.parse("2024-11-19"), 1L)
                .containsEntry(LocalDate.parse("2024-11-10"), 0L);
        assertThat(o.perDay().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
    }

    @Test
    void countsAlertsPerProvinceOfTheAsnsRegionMostFirst() {
        AsnRecord other = new AsnRecord("198601012011012002", "Sari Dewi", "Pemerintah Provinsi Lampung", "Dinas Kesehatan", "Perawat",
                "18.71", "Dr. Budi", "budi@example.go.id", List.of(id.netra.model.Account.parse("x:sari_d")));
        List<Alert> alerts = List.of(
                TestAlerts.alert("1", "2024-11-18T10:00:00+07:00", Severity.HIGH),
                TestAlerts.alert("2", "2024-11-18T11:00:00+07:00", Severity.HIGH, "Coblos nomor 3", URI.create("https://x.com/sari_d/status/2"),
                        other, List.of()),
                TestAlerts.alert("3", "2024-11-18T12:00:00+07:00", Severity.HIGH, "Coblos nomor 3", URI.create("https://x.com/sari_d/status/3"),
                        other, List.of()));

        Overview o = Overview.of(alerts, List.of(), NOW, Regions.bundled());

        String lampung = Regions.bundled().name("18").orElseThrow();
        assertThat(o.perProvince().entrySet()).first().satisfies(e -> {
            assertThat(e.getKey()).isEqualTo(lampung);
            assertThat(e.getValue()).isEqualTo(2L);
        });
        assertThat(o.perProvince()).hasSize(2);
    }

    @Test
    void agesOnlyOpenCases() {
        List<CaseView> cases = List.of(
                view("NTR-2024-000001", CaseFile.Status.OPEN, NOW.minus(Duration.ofHours(3))),
                view("NTR-2024-000002", CaseFile.Status.ASSIGNED, NOW.minus(Duration.ofDays(2))),
                view("NTR-2024-000003", CaseFile.Status.ESCALATED, NOW.minus(Duration.ofDays(10))),
                view("NTR-2024-000004", CaseFile.Status.CONFIRMED, NOW.minus(Duration.ofDays(10))),
                view("NTR-2024-000005", CaseFile.Status.DISMISSED, NOW.minus(Duration.ofHours(1))));

        Overview o = Overview.of(List.of(), cases, NOW, Regions.bundled());

        assertThat(o.openByAge()).containsExactly(
                java.util.Map.entry("< 1 hari", 1L), java.util.Map.entry("1–3 hari", 1L),
                java.util.Map.entry("3–7 hari", 0L), java.util.Map.entry("> 7 hari", 1L));
    }

    @Test
    void theChartHasABarPerDayWithItsCount() {
        Overview o = Overview.of(List.of(TestAlerts.alert("1", "2024-11-18T10:00:00+07:00", Severity.HIGH)), List.of(), NOW, Regions.bundled());

        String html = CasesPage.overview(o, TestUsers.session(id.netra.alerts.auth.Role.ANALYST, "18"));

        assertThat(html).contains("<svg").contains("Peringatan per hari").contains("<title>18/11: 1</title>")
                .contains("<title>17/11: 0</title>").doesNotContain("<script");
    }

    private static CaseView view(String id, CaseFile.Status status, Instant opened) {
        return new CaseView(id, status, null, 1, Severity.HIGH, "call-to-vote", TestAlerts.ASN.nip(), "Rudi", "Dinas", "99.01", "Kota Lestari",
                "99", List.of("lestari-03"), List.of(), "x", "https://x.com/rudi_h/status/1", "teks",
                OffsetDateTime.parse("2024-11-18T10:00:00+07:00"), opened, opened);
    }
}
