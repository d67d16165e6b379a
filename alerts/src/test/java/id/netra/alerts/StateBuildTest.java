package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.alerts.auth.Jurisdiction;
import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.Severity;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state built from the topics' beginnings links its alerts and cases in one pass once caught up
 * ({@link CaseBook#linkBuilt}); a state that is not being built links them as each alert and case event comes. Both
 * must hold the same cases, whatever order the two topics were read in.
 */
class StateBuildTest {
    private static final Map<String, String> TOPICS = Map.of("alerts-topic", "alerts", "events-topic", "alert-events");
    private static final String[] REGIONS = {"18.72", "18.71", "14.71"};
    private static final Instant NOW = Instant.parse("2024-11-20T00:00:00Z");
    /** What a campaign's topics hold: the alerts, and the case events a leader wrote for them and analysts added. */
    private static final List<Alert> ALERTS = new ArrayList<>();
    private static final List<AlertEvent> EVENTS = new ArrayList<>();
    /**
     * An alert read again with other content under the same id (its post edited: the id is the post's and the versions'):
     * stored as the latest copy, its words too.
     */
    private static Alert again;

    @BeforeAll
    static void campaign() {
        try (StateStore leader = StateStore.inMemory()) {
            AlertFeed feed = new AlertFeed(leader);
            CaseBook book = new CaseBook(leader);
            for (int i = 0; i < 30; i++) {
                // Every fifth a copy of an earlier message of the same person: it joins that one's case.
                int message = i % 5 == 4 ? i - 4 : i;
                // A party named otherwise in a later case (a watchlist renamed it): listed under the name it was first seen with.
                Alert a = CaseSearchTest.alert(message, REGIONS[i % 3], i % 2 == 0 ? Severity.HIGH : Severity.MEDIUM,
                        i % 4 == 0 ? new Alert.PartyMatch("pdip", i < 20 ? "Partai Demokrasi Indonesia Perjuangan" : "PDI Perjuangan") : null);
                if (message != i) {
                    a = copy(a, i);
                } else {
                    a = withText(a, a.post().text() + " pémilu jujur \uA9A5\uA9B6\uA9AD\uA9C0\uA98F\uA9A2 \uD83D\uDD25");
                }
                ALERTS.add(a);
                feed.add(a);
                book.place(a, NOW.plusSeconds(i)).ifPresent(p -> {
                    book.apply(p.event());
                    EVENTS.add(p.event());
                });
            }
            List<String> cases = EVENTS.stream().filter(e -> e.type() == AlertEvent.Type.OPENED).map(AlertEvent::caseId).toList();
            EVENTS.add(CaseBook.event(cases.get(0), AlertEvent.Type.ASSIGNED, "ani", NOW.plusSeconds(60), null, "ani", null));
            EVENTS.add(CaseBook.event(cases.get(1), AlertEvent.Type.DISMISSED, "ani", NOW.plusSeconds(61), null, null, "bukan kampanye"));
            EVENTS.add(CaseBook.event(cases.get(2), AlertEvent.Type.CONFIRMED, "budi", NOW.plusSeconds(62), null, null, "terbukti"));
            EVENTS.add(CaseBook.event(cases.get(3), AlertEvent.Type.ESCALATED, "budi", NOW.plusSeconds(63), null, null, "ke BKN"));
            // A case opened by a LOW alert (none is, but the state must not depend on it), and one whose alert never came.
            Alert low = CaseSearchTest.alert(40, REGIONS[0], Severity.LOW, null);
            ALERTS.add(low);
            EVENTS.add(CaseBook.event("NTR-2024-000900", AlertEvent.Type.OPENED, "system", NOW.plusSeconds(64), low.id(), null, null));
            EVENTS.add(CaseBook.event("NTR-2024-000901", AlertEvent.Type.OPENED, "system", NOW.plusSeconds(65), "never-read", null, null));
            // A HIGH alert added to a MEDIUM case later: the case's severity rises.
            Alert later = CaseSearchTest.alert(41, REGIONS[1], Severity.HIGH, null);
            ALERTS.add(later);
            EVENTS.add(CaseBook.event(cases.get(1), AlertEvent.Type.ALERT_ADDED, "system", NOW.plusSeconds(66), later.id(), null, null));
            // Triage after a case was closed: reopened without an assignee (open), assigned while confirmed (stays
            // confirmed), then reopened (assigned), assigned while escalated (stays escalated); a comment changes nothing.
            EVENTS.add(CaseBook.event(cases.get(1), AlertEvent.Type.REOPENED, "ani", NOW.plusSeconds(67), null, null, "salah tutup"));
            EVENTS.add(CaseBook.event(cases.get(2), AlertEvent.Type.ASSIGNED, "budi", NOW.plusSeconds(68), null, "ani", null));
            EVENTS.add(CaseBook.event(cases.get(2), AlertEvent.Type.REOPENED, "budi", NOW.plusSeconds(69), null, null, "bukti baru"));
            EVENTS.add(CaseBook.event(cases.get(3), AlertEvent.Type.ASSIGNED, "budi", NOW.plusSeconds(70), null, "budi", null));
            EVENTS.add(CaseBook.event(cases.get(0), AlertEvent.Type.COMMENTED, "ani", NOW.plusSeconds(71), null, null, "dicek"));
            // A case whose first event is not its opening; an event and an alert's addition delivered twice (the second
            // of each is the same event, known by id); an alert added to a second case (its case is now that one).
            EVENTS.add(CaseBook.event("NTR-2024-000902", AlertEvent.Type.ASSIGNED, "ani", NOW.plusSeconds(72), null, "ani", null));
            EVENTS.add(CaseBook.event("NTR-2024-000902", AlertEvent.Type.OPENED, "system", NOW.plusSeconds(73), "never-read-2", null, null));
            EVENTS.add(EVENTS.get(1));
            EVENTS.add(EVENTS.stream().filter(e -> e.type() == AlertEvent.Type.ALERT_ADDED).findFirst().orElseThrow());
            EVENTS.add(CaseBook.event("NTR-2024-000902", AlertEvent.Type.ALERT_ADDED, "system", NOW.plusSeconds(74), ALERTS.get(5).id(), null, null));
            // Not a case's first alert (a copy that joined a case): a case takes its list columns from its first alert as
            // first read, whatever comes later.
            again = withText(ALERTS.get(4), ALERTS.get(4).post().text() + " istimewa sekali");
        }
    }

    /**
     * {@code a} with its post's text {@code text} (the same alert otherwise). The campaign's first messages have letters
     * outside ASCII (Latin-1, Javanese script, an emoji): a build binds a case's text and words as their UTF-8 bytes.
     */
    private static Alert withText(Alert a, String text) {
        id.netra.model.Post p = a.post();
        id.netra.model.Post post = new id.netra.model.Post(p.platform(), p.postId(), p.url(), p.author(), text, p.publishedAt(), p.kind());
        return new Alert(a.id(), a.platform(), a.postId(), a.nip(), a.severity(), a.rule(), a.explanation(), a.violation(), post, a.asn(),
                a.candidates(), a.parties(), a.evidence(), a.watchlistVersion(), a.registryVersion(), a.lexiconVersion());
    }

    private static Alert copy(Alert a, int i) {
        id.netra.model.Post p = a.post();
        id.netra.model.Post post = new id.netra.model.Post(p.platform(), "p" + i, java.net.URI.create(p.url() + "-" + i), p.author(),
                "RT " + p.text(), p.publishedAt().plusMinutes(i), p.kind());
        return new Alert(Alert.idFor(post.key(), "w1", "r1"), a.platform(), post.postId(), a.nip(), a.severity(), a.rule(), a.explanation(),
                a.violation(), post, a.asn(), a.candidates(), a.parties(), a.evidence(), a.watchlistVersion(), a.registryVersion(),
                a.lexiconVersion());
    }

    @Test
    void holdsTheSameCasesAsStoringOneAtATimeWhateverTheOrderOfTheTopics(@TempDir Path one, @TempDir Path events, @TempDir Path alerts,
                                                                          @TempDir Path mixed, @TempDir Path placed) {
        Map<String, List<List<Object>>> expected;
        try (StateStore store = StateStore.open(one, TOPICS)) {
            // Not built: loaded at once, then every record linked as it comes, alerts and events interleaved.
            store.loaded();
            assertThat(store.building()).isFalse();
            for (int i = 0; i < Math.max(ALERTS.size(), EVENTS.size()); i++) {
                if (i < EVENTS.size()) {
                    new CaseBook(store).apply(EVENTS.get(i), 0, i);
                }
                if (i < ALERTS.size()) {
                    new AlertFeed(store).addAll(List.of(new AlertFeed.Read(ALERTS.get(i), 0, i)));
                }
            }
            new AlertFeed(store).addAll(List.of(new AlertFeed.Read(again, 0, ALERTS.size())));
            expected = contents(store);
            List<String> cases = EVENTS.stream().filter(e -> e.type() == AlertEvent.Type.OPENED).map(AlertEvent::caseId).toList();
            assertThat(rows(store, "SELECT id, status, assignee FROM cases WHERE id IN ('" + cases.get(1) + "', '" + cases.get(2) + "', '"
                    + cases.get(3) + "', 'NTR-2024-000902') ORDER BY id")).containsExactly(
                    java.util.Arrays.asList(cases.get(1), "OPEN", null), List.of(cases.get(2), "ASSIGNED", "ani"),
                    List.of(cases.get(3), "ESCALATED", "budi"), List.of("NTR-2024-000902", "ASSIGNED", "ani"));
            assertThat(rows(store, "SELECT case_id FROM case_alerts WHERE alert_id = '" + ALERTS.get(5).id() + "' ORDER BY rowid DESC LIMIT 1"))
                    .containsExactly(List.of("NTR-2024-000902"));
            assertThat(rows(store, "SELECT name FROM subjects WHERE kind = 'party' AND subject = 'pdip'"))
                    .containsExactly(List.of("Partai Demokrasi Indonesia Perjuangan"));
            assertThat(rows(store, "SELECT DISTINCT name FROM case_subjects WHERE kind = 'party' AND subject = 'pdip' ORDER BY name"))
                    .containsExactly(List.of("PDI Perjuangan"), List.of("Partai Demokrasi Indonesia Perjuangan"));
        }
        assertThat(expected.get("cases")).hasSize(EVENTS.stream().map(AlertEvent::caseId).distinct().toList().size());
        // The copies joined their messages' cases.
        assertThat(EVENTS).filteredOn(e -> e.type() == AlertEvent.Type.ALERT_ADDED).hasSizeGreaterThanOrEqualTo(6);

        assertThat(built(events, true, false, false)).isEqualTo(expected);
        assertThat(built(alerts, false, false, false)).isEqualTo(expected);
        assertThat(built(mixed, false, true, false)).isEqualTo(expected);
        assertThat(built(placed, true, false, true)).isEqualTo(expected);
    }

    /**
     * A state built from the beginning: the events read before the alerts or after them, or half the alerts before; or
     * with the first event placed by this service while building (a case row before the passes: they run on one
     * connection, see StateStore.loaded), then read from the topic with the others.
     */
    private static Map<String, List<List<Object>>> built(Path dir, boolean eventsFirst, boolean halfFirst, boolean placedFirst) {
        try (StateStore store = StateStore.open(dir, TOPICS)) {
            assertThat(store.building()).isTrue();
            AlertFeed feed = new AlertFeed(store);
            CaseBook book = new CaseBook(store);
            if (placedFirst) {
                book.applyPlaced(EVENTS.getFirst());
            }
            List<AlertFeed.Read> reads = new ArrayList<>();
            // Half-first also as the consumers read: with each record's own JSON, and what a case takes from each alert
            // worked out ahead of storing it.
            for (int i = 0; i < ALERTS.size(); i++) {
                Alert a = ALERTS.get(i);
                reads.add(halfFirst ? new AlertFeed.Read(a, 0, i, json(a).getBytes(java.nio.charset.StandardCharsets.UTF_8), CaseBook.Facts.of(a)) : new AlertFeed.Read(a, 0, i));
            }
            List<CaseBook.Read> events = new ArrayList<>();
            for (int i = 0; i < EVENTS.size(); i++) {
                events.add(new CaseBook.Read(EVENTS.get(i), 0, i, halfFirst ? json(EVENTS.get(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8) : null));
            }
            int half = halfFirst ? reads.size() / 2 : eventsFirst ? 0 : reads.size();
            feed.addAll(reads.subList(0, half));
            book.applyAll(events);
            feed.addAll(reads.subList(half, reads.size()));
            // The same alerts delivered twice, and one read again with other content.
            feed.addAll(reads.subList(0, 3));
            feed.addAll(List.of(halfFirst ? new AlertFeed.Read(again, 0, ALERTS.size(), json(again).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    CaseBook.Facts.of(again)) : new AlertFeed.Read(again, 0, ALERTS.size())));
            store.loaded();
            assertThat(store.building()).isFalse();
            // The passes on two connections, the cases built in a file beside, unless a case was stored before them.
            assertThat(store.builtApart()).isEqualTo(!placedFirst);
            assertThat(dir.resolve(StateStore.CASES_BUILD_NAME)).doesNotExist();
            CaseSearchTest.assertCountsAsCountingTheCases(new CaseSearch(store));
            Map<String, List<List<Object>>> contents = contents(store);
            assertThat(contents.get("automerge")).containsExactly(List.of(StateStore.AUTOMERGE, StateStore.AUTOMERGE));
            // Built apart, the feed's indexes come after the state is ready (the feed read without them meanwhile); once
            // settled every index is there, the alerts' facts gone and the building mark too, and the views read the same.
            try {
                store.awaitSettled(java.time.Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            List<List<Object>> indexes = rows(store, "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL");
            for (String sql : StateSchema.DEFERRED) {
                assertThat(indexes).as(sql).contains(List.of(sql.replaceAll(".*INDEX IF NOT EXISTS (\\w+) ON.*", "$1")));
            }
            assertThat(rows(store, "SELECT (SELECT count(*) FROM alert_facts) + (SELECT count(*) FROM building)")).containsExactly(List.of(0));
            assertThat(contents(store)).isEqualTo(contents);
            return contents;
        }
    }

    /** What the views read: the cases' rows, texts, candidates and parties, counts, and what searching by words finds. */
    private static Map<String, List<List<Object>>> contents(StateStore store) {
        Map<String, List<List<Object>>> out = new java.util.LinkedHashMap<>();
        out.put("cases", rows(store, "SELECT * FROM cases ORDER BY id"));
        // The JSON as read (bytes may differ where the record is the same: an escaped emoji), so its text by SQL's JSON.
        out.put("alerts", rows(store, "SELECT id, nip, severity, region, province, published_at, json ->> '$.post.text' FROM alerts ORDER BY id"));
        out.put("case_texts", rows(store, "SELECT case_id, text FROM case_texts ORDER BY case_id"));
        out.put("case_subjects", rows(store, "SELECT * FROM case_subjects ORDER BY case_id, kind, subject"));
        out.put("subjects", rows(store, "SELECT * FROM subjects ORDER BY kind, subject"));
        out.put("case_counts", rows(store, "SELECT * FROM case_counts WHERE n > 0 ORDER BY region, status, severity, agency"));
        out.put("case_subject_counts", rows(store, "SELECT * FROM case_subject_counts WHERE n > 0 ORDER BY region, status, severity, kind, name"));
        out.put("case_alerts", rows(store, "SELECT rowid, case_id, alert_id, ord FROM case_alerts ORDER BY rowid"));
        // In the order stored (seq itself may differ: a build appends an event read twice, then takes the copy out).
        out.put("events", rows(store, "SELECT id, case_id, at, json, placed FROM events ORDER BY seq"));
        // A build indexes its words without merging as it goes (automerge 0), then sets FTS5's default back.
        out.put("automerge", rows(store, "SELECT coalesce((SELECT v FROM alert_search_config WHERE k = 'automerge'), " + StateStore.AUTOMERGE + "),"
                + " coalesce((SELECT v FROM case_search_config WHERE k = 'automerge'), " + StateStore.AUTOMERGE + ")"));
        CaseSearch search = new CaseSearch(store);
        for (String words : List.of("istimewa", "coblos", "ntr-2024-000900", "asn 7")) {
            List<Object> found = new ArrayList<>();
            search.each(CaseQuery.of(Map.of("q", words)::get), Jurisdiction.NATIONAL, "ani", c -> found.add(c.id()));
            out.put("search " + words, List.of(found));
        }
        List<Object> alerts = new ArrayList<>();
        new AlertFeed(store).search(Severity.LOW, Jurisdiction.NATIONAL, null, "istimewa", 100).forEach(a -> alerts.add(a.id()));
        out.put("alert search", List.of(alerts));
        List<Object> feed = new ArrayList<>();
        new AlertFeed(store).list(Severity.LOW, 100).forEach(a -> feed.add(a.id()));
        out.put("feed", List.of(feed));
        return out;
    }

    private static String json(Object record) {
        try {
            return id.netra.model.Json.mapper().writeValueAsString(record);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<List<Object>> rows(StateStore store, String sql) {
        return store.read(c -> {
            List<List<Object>> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                ResultSetMetaData m = r.getMetaData();
                while (r.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= m.getColumnCount(); i++) {
                        row.add(r.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        });
    }
}
