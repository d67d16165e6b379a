package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.alerts.auth.Jurisdiction;
import id.netra.model.Account;
import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.AsnRecord;
import id.netra.model.Author;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.Severity;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The case list in SQL: keyset pages in every order, filters by names, counts, queues and jurisdiction. */
class CaseSearchTest {
    private static final String[] REGIONS = {"18.72", "18.71", "14.71"};
    private static final Instant NOW = Instant.parse("2024-11-20T00:00:00Z");

    private StateStore store;
    private AlertFeed feed;
    private CaseBook book;
    private CaseSearch search;
    private final List<String> caseIds = new ArrayList<>();

    @BeforeEach
    void fill() {
        store = StateStore.inMemory();
        feed = new AlertFeed(store);
        book = new CaseBook(store);
        search = new CaseSearch(store);
        for (int i = 0; i < 23; i++) {
            Alert a = alert(i, REGIONS[i % 3], i % 2 == 0 ? Severity.HIGH : Severity.MEDIUM,
                    i % 4 == 0 ? new Alert.PartyMatch("pdip", "Partai Demokrasi Indonesia Perjuangan") : null);
            feed.add(a);
            AlertEvent opened = book.place(a, NOW.plusSeconds(i % 5)).orElseThrow().event();
            book.apply(opened);
            caseIds.add(opened.caseId());
        }
        book.apply(CaseBook.event(caseIds.get(0), AlertEvent.Type.ASSIGNED, "ani", NOW.plusSeconds(60), null, "ani", null));
        book.apply(CaseBook.event(caseIds.get(3), AlertEvent.Type.ASSIGNED, "budi", NOW.plusSeconds(61), null, "budi", null));
        book.apply(CaseBook.event(caseIds.get(5), AlertEvent.Type.CONFIRMED, "ani", NOW.plusSeconds(62), null, null, "terbukti"));
    }

    @Test
    void keepsTheCountsOfTheUsualViewsAsCountingTheCasesWouldGiveThem() {
        // Changes of every counted column after the cases were listed: status, and severity by a later alert.
        book.apply(CaseBook.event(caseIds.get(1), AlertEvent.Type.DISMISSED, "ani", NOW.plusSeconds(70), null, null, "bukan kampanye"));
        book.apply(CaseBook.event(caseIds.get(2), AlertEvent.Type.ESCALATED, "ani", NOW.plusSeconds(71), null, null, "ke BKN"));
        book.apply(CaseBook.event(caseIds.get(5), AlertEvent.Type.REOPENED, "budi", NOW.plusSeconds(72), null, null, "bukti baru"));
        // Case 1 (MEDIUM) gets a HIGH alert: its severity rises.
        Alert later = alert(91, REGIONS[1], Severity.HIGH, null);
        feed.add(later);
        book.apply(CaseBook.event(caseIds.get(1), AlertEvent.Type.ALERT_ADDED, "system", NOW.plusSeconds(73), later.id(), null, null));

        assertCountsAsCountingTheCases(search);
    }

    /** For the usual views in several jurisdictions: the kept counts equal counting the matching cases. */
    static void assertCountsAsCountingTheCases(CaseSearch search) {
        List<Map<String, String>> views = List.of(Map.of(), Map.of("region", "18.72"), Map.of("region", "18"), Map.of("status", "OPEN"),
                Map.of("severity", "HIGH"), Map.of("status", "ASSIGNED", "region", "18"), Map.of("severity", "MEDIUM", "status", "DISMISSED"));
        List<Jurisdiction> jurisdictions = List.of(Jurisdiction.NATIONAL, Jurisdiction.parse("18", id.netra.model.Regions.bundled()),
                Jurisdiction.parse("14.71", id.netra.model.Regions.bundled()));
        for (Jurisdiction j : jurisdictions) {
            for (Map<String, String> view : views) {
                CaseQuery q = query(view);
                assertThat(CaseCounts.covers(q)).isTrue();
                CaseSearch.Page page = search.page(q, j, "ani", 5);
                assertThat(page.counts()).as("counts of %s in %s", view, j).isEqualTo(search.countedOverCases(q, j, "ani"));
                assertThat(page.total()).as("total of %s in %s", view, j).isEqualTo(search.countOverCases(q, j, "ani"));
            }
        }
        assertThat(search.count(CaseQuery.all(), Jurisdiction.NATIONAL, null)).isPositive();
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Alert alert(int i, String region, Severity severity, Alert.PartyMatch party) {
        AsnRecord asn = new AsnRecord(String.format("1985010120100110%02d", i), "ASN " + i, i % 2 == 0 ? "Dinas Pendidikan" : "Dinas Kesehatan",
                "Unit", "Guru", region, "Atasan", "atasan@example.go.id", List.of(Account.parse("x:asn" + i)));
        Post post = new Post(Platform.X, "p" + i, URI.create("https://x.com/asn" + i + "/status/" + i), new Author("asn" + i, asn.name()),
                "Ayo coblos nomor " + (i % 3 + 1) + " pesan nomor " + i + (i == 17 ? " istimewa" : ""), OffsetDateTime.parse("2024-11-12T19:05:00+07:00").plusHours(i * 5L),
                PostKind.POST);
        Alert.CandidateMatch candidate = i % 3 == 0
                ? new Alert.CandidateMatch("pilwalkot-metro", "metro-02", 2, List.of("Bambang Iman", "Rahmad"), "18.72", true)
                : new Alert.CandidateMatch("pilgub-riau", "riau-01", 1, List.of("Abdul Wahid", "SF Hariyanto"), "14", true);
        return new Alert(Alert.idFor(post.key(), "w1", "r1"), Platform.X, post.postId(), asn.nip(), severity, "call-to-vote", "Ajakan.",
                null, post, asn, List.of(candidate), party == null ? List.of() : List.of(party), List.of(), "w1", "r1", "v1");
    }

    private static CaseQuery query(Map<String, String> params) {
        return CaseQuery.of(params::get);
    }

    @ParameterizedTest
    @EnumSource(CaseSort.class)
    void pagesThroughEveryCaseExactlyOnceInEveryOrder(CaseSort sort) {
        List<String> seen = new ArrayList<>();
        CaseQuery q = CaseQuery.all().sorted(sort);
        int pages = 0;
        CaseSearch.Page page;
        do {
            page = search.page(q, Jurisdiction.NATIONAL, "ani", 4);
            page.cases().forEach(c -> seen.add(c.id()));
            q = q.after(page.next());
            pages++;
        } while (page.next() != null);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(caseIds).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(6);
        List<CaseView> all = new ArrayList<>();
        search.each(CaseQuery.all().sorted(sort), Jurisdiction.NATIONAL, "ani", all::add);
        assertThat(all).extracting(CaseView::id).containsExactlyElementsOf(seen);
    }

    @Test
    void ordersBySeverityThenLatestChange() {
        List<CaseView> cases = search.page(CaseQuery.all().sorted(CaseSort.SEVERITY), Jurisdiction.NATIONAL, "ani", 100).cases();

        assertThat(cases.subList(0, 12)).allMatch(c -> c.severity() == Severity.HIGH);
        assertThat(cases.getFirst().id()).isEqualTo(caseIds.get(0));
    }

    @Test
    void filtersByRegionCandidateAndPartyNames() {
        assertThat(search.page(query(Map.of("region", "Lampung")), Jurisdiction.NATIONAL, "ani", 100).total()).isEqualTo(16);
        assertThat(search.page(query(Map.of("region", "kota metro")), Jurisdiction.NATIONAL, "ani", 100).cases())
                .extracting(CaseView::regionCode).containsOnly("18.72").hasSize(8);
        assertThat(search.page(query(Map.of("subject", "bambang")), Jurisdiction.NATIONAL, "ani", 100).cases())
                .allMatch(c -> c.candidates().contains("metro-02")).hasSize(8);
        assertThat(search.page(query(Map.of("subject", "Demokrasi Indonesia")), Jurisdiction.NATIONAL, "ani", 100).total()).isEqualTo(6);
        assertThat(search.page(query(Map.of("subject", "metro-02")), Jurisdiction.NATIONAL, "ani", 100).total()).isEqualTo(8);
    }

    @Test
    void findsAPairByItsWordsHoweverTheyAreJoined() {
        // The pages write the pair "Bambang Iman – Rahmad" (an en dash); analysts type a hyphen, commas or no dash.
        for (String typed : List.of("Bambang Iman - Rahmad", "bambang rahmad", "Rahmad, Bambang")) {
            assertThat(search.page(query(Map.of("subject", typed)), Jurisdiction.NATIONAL, "ani", 100).cases()).as(typed)
                    .allMatch(c -> c.candidates().contains("metro-02")).hasSize(8);
        }
        // Every word in one name: a word of each of two pairs finds neither.
        assertThat(search.count(query(Map.of("subject", "Bambang Wahid")), Jurisdiction.NATIONAL, "ani")).isZero();
    }

    @Test
    void readsAnAgencyByItsWordsAndTheShortFormsOfLocalGovernments() {
        assertThat(search.count(query(Map.of("agency", "kesehatan dinas")), Jurisdiction.NATIONAL, "ani")).isEqualTo(11);
        assertThat(search.count(query(Map.of("agency", "dinas kota")), Jurisdiction.NATIONAL, "ani")).isZero();
        assertThat(CaseSearch.expandAgency("Pemkot Metro")).isEqualTo("Pemerintah Kota Metro");
        assertThat(CaseSearch.expandAgency("PEMKAB kampar")).isEqualTo("Pemerintah Kabupaten kampar");
        assertThat(CaseSearch.expandAgency("pemprov Riau")).isEqualTo("Pemerintah Provinsi Riau");
        assertThat(CaseSearch.expandAgency("Dinas Kab. Bandung")).isEqualTo("Dinas Kabupaten Bandung");
        assertThat(CaseSearch.expandAgency("Kabupaten Pemkotan")).isEqualTo("Kabupaten Pemkotan");
    }

    @Test
    void filtersBySeverityStatusAgencyWibDaysAndWords() {
        assertThat(search.count(query(Map.of("severity", "high")), Jurisdiction.NATIONAL, "ani")).isEqualTo(12);
        assertThat(search.page(query(Map.of("status", "confirmed")), Jurisdiction.NATIONAL, "ani", 10).cases()).extracting(CaseView::id)
                .containsExactly(caseIds.get(5));
        assertThat(search.count(query(Map.of("agency", "kesehatan")), Jurisdiction.NATIONAL, "ani")).isEqualTo(11);
        // Posts at 19:05, 00:05 (next day) and 05:05 WIB: the 12th of November holds the first only.
        assertThat(search.page(query(Map.of("from", "2024-11-12", "to", "2024-11-12")), Jurisdiction.NATIONAL, "ani", 10).cases())
                .extracting(CaseView::id).containsExactly(caseIds.get(0));
        assertThat(search.page(query(Map.of("q", "ISTIMEWA pesan")), Jurisdiction.NATIONAL, "ani", 10).cases()).extracting(CaseView::id)
                .containsExactly(caseIds.get(17));
    }

    @Test
    void queuesTheViewersCasesAndTheUnassignedOnes() {
        assertThat(search.page(query(Map.of("queue", "mine")), Jurisdiction.NATIONAL, "ani", 10).cases()).extracting(CaseView::id)
                .containsExactly(caseIds.get(0));
        assertThat(search.count(query(Map.of("queue", "unassigned")), Jurisdiction.NATIONAL, "ani")).isEqualTo(21);
    }

    @Test
    void countsEachFacetByNameInSql() {
        Map<String, Map<String, Long>> counts = search.page(CaseQuery.all(), Jurisdiction.NATIONAL, "ani", 1).counts();

        assertThat(counts.get("province")).containsEntry("Lampung", 16L).containsEntry("Riau", 7L);
        assertThat(counts.get("candidate")).containsEntry("Bambang Iman – Rahmad", 8L).containsEntry("Abdul Wahid – SF Hariyanto", 15L);
        assertThat(counts.get("party")).containsEntry("Partai Demokrasi Indonesia Perjuangan", 6L);
        assertThat(counts.get("status")).containsEntry("CONFIRMED", 1L).containsEntry("ASSIGNED", 2L).containsEntry("OPEN", 20L);
        assertThat(counts.get("severity")).containsEntry("HIGH", 12L).containsEntry("MEDIUM", 11L);
    }

    @Test
    void countsTheFiltersCaseCountsDoesNotKeepOverTheMatchingCasesInOneStatement() {
        List<Map<String, String>> views = List.of(Map.of("q", "coblos"), Map.of("q", "nomor 2"), Map.of("q", "istimewa"), Map.of("q", "tidak ada"),
                Map.of("subject", "riau-01"), Map.of("agency", "kesehatan", "status", "OPEN"), Map.of("q", "pesan", "region", "18"));
        for (Jurisdiction j : List.of(Jurisdiction.NATIONAL, new Jurisdiction("18"))) {
            for (Map<String, String> view : views) {
                CaseQuery q = query(view);
                assertThat(CaseCounts.covers(q)).as("%s", view).isFalse();
                List<CaseView> matching = new ArrayList<>();
                search.each(q, j, "ani", matching::add);
                CaseSearch.Page page = search.page(q, j, "ani", 2);

                assertThat(page.total()).as("total of %s in %s", view, j).isEqualTo(matching.size());
                Map<String, Map<String, Long>> expected = new java.util.LinkedHashMap<>();
                expected.put("status", tally(matching.stream().map(c -> c.status().name())));
                expected.put("severity", tally(matching.stream().map(c -> c.severity().name())));
                expected.put("province", tally(matching.stream().map(c -> id.netra.model.Regions.bundled().name(c.province()).orElseThrow())));
                expected.put("candidate", tally(matching.stream().flatMap(c -> c.candidateNames().stream())));
                expected.put("party", tally(matching.stream().flatMap(c -> c.parties().stream())
                        .map(p -> p.equals("pdip") ? "Partai Demokrasi Indonesia Perjuangan" : p)));
                expected.put("agency", tally(matching.stream().map(CaseView::agency)));
                assertThat(page.counts()).as("counts of %s in %s", view, j).isEqualTo(expected);
                // Most first (severity: highest first).
                for (Map<String, Long> facet : page.counts().values()) {
                    if (facet != page.counts().get("severity")) {
                        assertThat(new ArrayList<>(facet.values())).isSortedAccordingTo(java.util.Comparator.reverseOrder());
                    }
                }
                assertThat(new ArrayList<>(page.counts().get("severity").keySet())).isSortedAccordingTo(
                        java.util.Comparator.<String, Severity>comparing(Severity::valueOf).reversed());
            }
        }
        assertThat(search.page(query(Map.of("q", "coblos")), Jurisdiction.NATIONAL, "ani", 1).total()).isEqualTo(23);
        assertThat(search.page(query(Map.of("q", "istimewa")), Jurisdiction.NATIONAL, "ani", 1).total()).isEqualTo(1);
    }

    private static Map<String, Long> tally(java.util.stream.Stream<String> values) {
        return values.collect(java.util.stream.Collectors.groupingBy(v -> v, java.util.stream.Collectors.counting()));
    }

    @Test
    void countsTheOverviewInSql() {
        Map<java.time.LocalDate, Long> days = feed.perDay(Severity.MEDIUM, Jurisdiction.NATIONAL);
        Map<String, Long> ages = search.openByAge(Jurisdiction.NATIONAL, NOW.plus(java.time.Duration.ofDays(2)));

        // Posts every 5 hours from 19:05 WIB on the 12th: the 12th has one, the 13th five (00:05 to 20:05).
        assertThat(days).containsEntry(java.time.LocalDate.parse("2024-11-12"), 1L).containsEntry(java.time.LocalDate.parse("2024-11-13"), 5L);
        assertThat(days.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(23);
        assertThat(feed.perProvince(Severity.HIGH, Jurisdiction.NATIONAL)).isEqualTo(Map.of("18", 8L, "14", 4L));
        assertThat(ages).containsEntry(Overview.AGES.get(1), 22L).containsEntry(Overview.AGES.get(0), 0L);
        assertThat(search.openByAge(new Jurisdiction("14.71"), NOW).get(Overview.AGES.get(0))).isEqualTo(6);
    }

    @Test
    void showsPeopleAndPlacesByNameInARow() {
        String row = CasesPage.row(search.view(caseIds.get(0), Jurisdiction.NATIONAL).orElseThrow());

        assertThat(row).startsWith("<tr id=\"kasus-" + caseIds.get(0) + "\"").contains("Bambang Iman – Rahmad", "Kota Metro")
                .doesNotContain("metro-02");
    }

    @Test
    void showsARegencysAnalystOnlyThatRegency() {
        Jurisdiction metro = new Jurisdiction("18.72");
        Jurisdiction lampung = new Jurisdiction("18");

        assertThat(search.page(CaseQuery.all(), metro, "ani", 100).cases()).extracting(CaseView::regionCode).containsOnly("18.72").hasSize(8);
        assertThat(search.count(query(Map.of("region", "Riau")), metro, "ani")).isZero();
        assertThat(search.count(CaseQuery.all(), lampung, "ani")).isEqualTo(16);
        assertThat(search.view(caseIds.get(2), metro)).isEmpty();
        assertThat(search.view(caseIds.get(0), metro)).isPresent();
        assertThat(feed.search(Severity.LOW, metro, null, null, 100)).extracting(a -> a.asn().regionCode()).containsOnly("18.72");
    }

    @Test
    void listsACaseOnceItsFirstAlertIsReadAfterItsEvents() {
        Alert late = alert(40, "18.72", Severity.HIGH, null);
        book.apply(CaseBook.event("NTR-2024-000900", AlertEvent.Type.OPENED, "system", NOW, late.id(), null, null));
        assertThat(search.view("NTR-2024-000900", Jurisdiction.NATIONAL)).isEmpty();

        feed.add(late);

        CaseView v = search.view("NTR-2024-000900", Jurisdiction.NATIONAL).orElseThrow();
        assertThat(v.nip()).isEqualTo(late.nip());
        assertThat(v.alerts()).isEqualTo(1);
        assertThat(v.severity()).isEqualTo(Severity.HIGH);
        assertThat(book.get("NTR-2024-000900").orElseThrow().groupKey()).startsWith(late.nip());
    }

    @Test
    void findsEveryCaseAndAlertOfANip() {
        Alert again = alert(3, "18.72", Severity.LOW, null);
        String nip = again.nip();

        assertThat(search.casesOfNip(nip, Jurisdiction.NATIONAL)).extracting(CaseView::id).containsExactly(caseIds.get(3));
        assertThat(feed.alertsOfNip(nip)).hasSize(1);
        assertThat(feed.search(Severity.LOW, Jurisdiction.NATIONAL, nip, "pesan", 10)).hasSize(1);
    }

    @Test
    void keepsLowAlertsSearchableWithoutCases() {
        Alert low = alert(50, "18.72", Severity.LOW, null);
        feed.add(low);

        assertThat(feed.search(Severity.LOW, Jurisdiction.NATIONAL, low.nip(), "COBLOS", 10)).containsExactly(low);
        assertThat(feed.search(Severity.MEDIUM, Jurisdiction.NATIONAL, low.nip(), "coblos", 10)).isEmpty();
        assertThat(feed.search(Severity.LOW, Jurisdiction.NATIONAL, null, "istimewa", 10)).extracting(Alert::postId).containsExactly("p17");
        // words are found by their beginnings, not inside them
        assertThat(feed.search(Severity.LOW, Jurisdiction.NATIONAL, null, "istim", 10)).extracting(Alert::postId).containsExactly("p17");
        assertThat(feed.search(Severity.LOW, Jurisdiction.NATIONAL, null, "stimewa", 10)).isEmpty();
        // every word must be there as typed: "istimewa" in p17, but not next to "coblos"
        assertThat(feed.search(Severity.LOW, Jurisdiction.NATIONAL, null, "coblos istimewa", 10)).extracting(Alert::postId).containsExactly("p17");
        assertThat(feed.search(Severity.LOW, Jurisdiction.NATIONAL, null, "coblos-istimewa", 10)).isEmpty();
        assertThat(feed.withoutCase(Severity.MEDIUM, 10)).isEmpty();
        Map<String, Long> byId = new HashMap<>();
        feed.list(Severity.LOW, 100).forEach(a -> byId.merge(a.id(), 1L, Long::sum));
        assertThat(byId).hasSize(24).allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
    }
}
