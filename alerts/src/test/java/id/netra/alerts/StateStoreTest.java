package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.Severity;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    private static final Map<String, String> TOPICS = Map.of("alerts-topic", "alerts", "events-topic", "alert-events");
    private static final Alert A = TestAlerts.alert("1", "2024-11-12T19:05:00+07:00", Severity.HIGH);

    @TempDir
    Path dir;

    @Test
    void keepsRowsAndPositionsAcrossReopening() {
        try (StateStore store = StateStore.open(dir, TOPICS)) {
            assertThat(store.rebuilt()).isTrue();
            store.loaded();
            new AlertFeed(store).addAll(List.of(new AlertFeed.Read(A, 1, 41), new AlertFeed.Read(null, 1, 42)));
            new CaseBook(store).apply(CaseBook.event("NTR-2024-000001", AlertEvent.Type.OPENED, "system", Instant.EPOCH, A.id(), null, null), 0, 7);
        }

        try (StateStore store = StateStore.open(dir, TOPICS)) {
            assertThat(store.rebuilt()).isFalse();
            assertThat(new AlertFeed(store).positions()).isEqualTo(Map.of(1, 43L));
            assertThat(new CaseBook(store).positions()).isEqualTo(Map.of(0, 8L));
            assertThat(new AlertFeed(store).get(A.id())).contains(A);
            assertThat(new CaseBook(store).caseOf(A.id())).isPresent();
        }
    }

    @Test
    void buildsTheViewsIndexesOfANewStateOnceLoaded() {
        try (StateStore store = StateStore.open(dir, TOPICS)) {
            assertThat(indexes(store)).isNotEmpty().doesNotContainAnyElementsOf(deferredIndexes());
            AlertFeed feed = new AlertFeed(store);
            feed.add(A);
            new CaseBook(store).apply(CaseBook.event("NTR-2024-000001", AlertEvent.Type.OPENED, "system", Instant.EPOCH, A.id(), null, null));
            // Its words wait to be indexed in one pass, and the case list's counts to be counted once.
            assertThat(rows(store, "case_counts")).isZero();
            assertThat(rows(store, "alert_facts")).isOne();
            assertThat(feed.search(Severity.LOW, id.netra.alerts.auth.Jurisdiction.NATIONAL, null, "coblos", 10)).isEmpty();
            // Built without waiting for the disk (0, OFF); once built, at each checkpoint (1, NORMAL).
            assertThat(synchronous(store)).isZero();
            // And without a journal; once built, in WAL (a crash then loses at most the last commits, never the file).
            assertThat(journalMode(store)).isEqualTo("off");
            store.loaded();
            assertThat(synchronous(store)).isOne();
            assertThat(journalMode(store)).isEqualTo("wal");
            // Built on two connections (a file, no case stored while building): ready with every index but the feed's,
            // which follow on the settling thread with the alerts' facts emptied.
            assertThat(store.builtApart()).isTrue();
            assertThat(indexes(store)).containsAll(deferredIndexes().stream()
                    .filter(name -> StateSchema.FEED.stream().noneMatch(sql -> sql.contains(" " + name + " "))).toList());
            settled(store);
            assertThat(indexes(store)).containsAll(deferredIndexes());
            assertThat(rows(store, "alert_facts")).isZero();
            assertThat(feed.search(Severity.LOW, id.netra.alerts.auth.Jurisdiction.NATIONAL, null, "coblos", 10)).containsExactly(A);
            CaseSearchTest.assertCountsAsCountingTheCases(new CaseSearch(store));
            // Built: words go to the word table at once.
            Alert later = TestAlerts.alert("2", "2024-11-13T08:00:00+07:00", Severity.MEDIUM);
            feed.add(later);
            assertThat(feed.search(Severity.LOW, id.netra.alerts.auth.Jurisdiction.NATIONAL, null, "coblos", 10)).containsExactly(later, A);
        }
        // A file interrupted before they were built gets them when opened again (it is not built from the beginning).
        try (StateStore store = StateStore.open(dir, TOPICS)) {
            assertThat(indexes(store)).containsAll(deferredIndexes());
            assertThat(journalMode(store)).isEqualTo("wal");
            store.wipe();
            assertThat(indexes(store)).doesNotContainAnyElementsOf(deferredIndexes());
            // Built again in place, beside readers: in WAL.
            assertThat(journalMode(store)).isEqualTo("wal");
            store.loaded();
            settled(store);
            assertThat(indexes(store)).containsAll(deferredIndexes());
        }
    }

    /** Waits until a built state is settled: its feed's indexes built, on disk, without its building mark. */
    private static void settled(StateStore store) {
        try {
            store.awaitSettled(java.time.Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void storesARecordsOwnBytesAsTextThatReadsBackAsTheAlert() {
        // Letters outside ASCII (an accent, a dash, an emoji of two UTF-16 units): bound as the record's UTF-8 bytes.
        Alert alert = TestAlerts.alert("7", "2024-11-12T19:05:00+07:00", Severity.HIGH, "Coblos nomor 3 ✌️ – kaféé, 𝐀𝐘𝐎 menang!",
                java.net.URI.create("https://x.com/rudi_h/status/7"), A.asn(), A.evidence());
        byte[] json = json(alert).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (StateStore store = StateStore.open(dir, TOPICS)) {
            AlertFeed feed = new AlertFeed(store);
            feed.addAll(List.of(new AlertFeed.Read(alert, 0, 0, json)));
            store.loaded();
            assertThat(feed.get(alert.id())).contains(alert);
            // Text, not a blob: SQL's JSON functions read it (a blob would be taken for SQLite's binary JSON).
            String stored = store.read(c -> {
                try (Statement s = c.createStatement(); var r = s.executeQuery("SELECT typeof(json) || ' ' || (json ->> '$.post.text') FROM alerts")) {
                    return r.next() ? r.getString(1) : null;
                }
            });
            assertThat(stored).isEqualTo("text " + alert.post().text());
            // An alert stored without its record's bytes (placed here) reads back the same way.
            Alert other = TestAlerts.alert("8", "2024-11-12T20:05:00+07:00", Severity.MEDIUM, alert.post().text(),
                    java.net.URI.create("https://x.com/rudi_h/status/8"), A.asn(), A.evidence());
            feed.add(other);
            assertThat(feed.get(other.id())).contains(other);
            // A case event too, from its record's bytes.
            AlertEvent opened = CaseBook.event("NTR-2024-000001", AlertEvent.Type.OPENED, "sistem – Ñ", Instant.EPOCH, alert.id(), null, null);
            CaseBook book = new CaseBook(store);
            book.applyAll(List.of(new CaseBook.Read(opened, 0, 0, json(opened).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            String event = store.read(c -> {
                try (Statement s = c.createStatement(); var r = s.executeQuery("SELECT typeof(json) || ' ' || (json ->> '$.actor') FROM events")) {
                    return r.next() ? r.getString(1) : null;
                }
            });
            assertThat(event).isEqualTo("text sistem – Ñ");
            assertThat(book.get("NTR-2024-000001")).hasValueSatisfying(f -> assertThat(f.history()).containsExactly(opened));
        }
    }

    private static String json(Object record) {
        try {
            return id.netra.model.Json.mapper().writeValueAsString(record);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void buildsAgainAStateWhoseBuildWasInterrupted() {
        try (StateStore store = StateStore.open(dir, TOPICS)) {
            new AlertFeed(store).addAll(List.of(new AlertFeed.Read(A, 0, 0)));
            assertThat(new AlertFeed(store).positions()).isEqualTo(Map.of(0, 1L));
        }
        try (StateStore store = StateStore.open(dir, TOPICS)) {
            // Written without waiting for the disk, a build that stopped is not gone on with: the topics are read again.
            assertThat(store.rebuilt()).isTrue();
            assertThat(store.building()).isTrue();
            assertThat(new AlertFeed(store).positions()).isEmpty();
            assertThat(new AlertFeed(store).size()).isZero();
            new AlertFeed(store).addAll(List.of(new AlertFeed.Read(A, 0, 0)));
            store.loaded();
        }
        try (StateStore store = StateStore.open(dir, TOPICS)) {
            assertThat(store.rebuilt()).isFalse();
            assertThat(store.building()).isFalse();
            assertThat(indexes(store)).containsAll(deferredIndexes());
            assertThat(new AlertFeed(store).positions()).isEqualTo(Map.of(0, 1L));
            assertThat(new AlertFeed(store).search(Severity.LOW, id.netra.alerts.auth.Jurisdiction.NATIONAL, null, "coblos", 10)).containsExactly(A);
        }
    }

    @Test
    void refusesEveryWriteOnceAGroupedWriteFailedWithOthersUncommitted() {
        try (StateStore store = StateStore.open(dir, TOPICS)) {
            store.groupCommitEvery(java.time.Duration.ofHours(1));
            new AlertFeed(store).addAll(List.of(new AlertFeed.Read(A, 0, 0)));
            assertThatThrownBy(() -> store.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO nowhere VALUES (1)");
                }
                return null;
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("nowhere");
            // The alert stored before it was undone with it; its reader's position is past it: nothing may be written on.
            assertThatThrownBy(() -> new AlertFeed(store).add(A)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("restart the service");
        }
    }

    @Test
    void commitsGroupedWritesWhenTheGroupEnds() {
        try (StateStore store = StateStore.open(dir, TOPICS)) {
            store.loaded();
            store.groupCommitEvery(java.time.Duration.ofHours(1));
            AlertFeed feed = new AlertFeed(store);
            store.grouped(() -> {
                feed.addAll(List.of(new AlertFeed.Read(A, 0, 0)));
                // Not built: the readers see what is committed, and the group's writes are not yet.
                assertThat(feed.positions()).isEmpty();
                return null;
            });
            assertThat(feed.positions()).isEqualTo(Map.of(0, 1L));
            assertThat(feed.get(A.id())).contains(A);
        }
    }

    private static int synchronous(StateStore store) {
        return store.write(c -> {
            try (Statement s = c.createStatement(); var r = s.executeQuery("PRAGMA synchronous")) {
                return r.next() ? r.getInt(1) : -1;
            }
        });
    }

    private static String journalMode(StateStore store) {
        return store.write(c -> {
            try (Statement s = c.createStatement(); var r = s.executeQuery("PRAGMA journal_mode")) {
                return r.next() ? r.getString(1) : null;
            }
        });
    }

    private static long rows(StateStore store, String table) {
        return store.read(c -> {
            try (Statement s = c.createStatement(); var r = s.executeQuery("SELECT count(*) FROM " + table)) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    @Test
    void reusesACompiledStatementPerConnectionAndCompilesANestedOneAfresh() throws Exception {
        try (StateStore store = StateStore.open(dir, TOPICS)) {
            new AlertFeed(store).add(A);
            store.write(c -> {
                String sql = "SELECT id FROM alerts WHERE id = ?";
                java.sql.PreparedStatement first = StateStore.prepare(c, sql);
                first.setString(1, A.id());
                java.sql.PreparedStatement nested = StateStore.prepare(c, sql);
                assertThat(nested).isNotSameAs(first);
                nested.setString(1, "none");
                try (var r = first.executeQuery(); var n = nested.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(n.next()).isFalse();
                }
                nested.close();
                first.close();
                java.sql.PreparedStatement again = StateStore.prepare(c, sql);
                assertThat(again).isSameAs(first);
                assertThat(again.isClosed()).isFalse();
                // Closing cleared the parameters: an unbound parameter is null, which matches no id.
                try (var r = again.executeQuery()) {
                    assertThat(r.next()).isFalse();
                }
                again.close();
                assertThat(again.isClosed()).isTrue();
                return null;
            });
        }
    }

    private static List<String> deferredIndexes() {
        return StateSchema.DEFERRED.stream().map(sql -> sql.split(" ")[5]).toList();
    }

    private static List<String> indexes(StateStore store) {
        return store.read(c -> {
            List<String> out = new java.util.ArrayList<>();
            try (Statement s = c.createStatement(); var r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index'")) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        });
    }


    @Test
    void startsANewInstanceFromASnapshotAndGoesOnFromItsPositions(@TempDir Path other, @TempDir Path snapshots) throws Exception {
        Alert later = TestAlerts.alert("2", "2024-11-13T08:00:00+07:00", Severity.MEDIUM);
        try (StateStore store = StateStore.open(dir, TOPICS, snapshots)) {
            assertThat(store.rebuilt()).isTrue();
            new AlertFeed(store).addAll(List.of(new AlertFeed.Read(A, 0, 9)));
            assertThatThrownBy(() -> store.snapshot(snapshots)).hasMessageContaining("copied once built");
            store.loaded();
            // As if the built file were not all on disk yet (its mark still there when the snapshot is taken).
            store.awaitSettled(java.time.Duration.ofSeconds(30));
            store.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO building(since) VALUES (1)");
                }
                return null;
            });
            assertThat(store.snapshot(snapshots)).isPositive();
            assertThat(markRows(dir.resolve(StateStore.FILE_NAME))).isEqualTo(1);
            assertThat(markRows(snapshots.resolve(StateStore.SNAPSHOT_NAME))).as("the copy does not carry the mark").isZero();
            store.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DELETE FROM building");
                }
                return null;
            });
            // Written after the snapshot: not in it.
            new AlertFeed(store).addAll(List.of(new AlertFeed.Read(later, 0, 10)));
        }
        assertThat(java.nio.file.Files.list(snapshots).map(p -> p.getFileName().toString())).containsExactly(StateStore.SNAPSHOT_NAME);

        try (StateStore store = StateStore.open(other, TOPICS, snapshots)) {
            assertThat(store.rebuilt()).isFalse();
            AlertFeed feed = new AlertFeed(store);
            assertThat(feed.positions()).isEqualTo(Map.of(0, 10L));
            assertThat(feed.get(A.id())).contains(A);
            assertThat(feed.get(later.id())).isEmpty();
            assertThat(indexes(store)).containsAll(deferredIndexes());
        }
        // The copy is a built state (it does not carry the mark of a build not yet on disk).
        try (StateStore store = StateStore.open(other, TOPICS, snapshots)) {
            assertThat(store.rebuilt()).isFalse();
            assertThat(new AlertFeed(store).get(A.id())).contains(A);
        }
        // A snapshot of other topics is not used.
        try (StateStore store = StateStore.open(other.resolve("again"), Map.of("alerts-topic", "other", "events-topic", "x"), snapshots)) {
            assertThat(store.rebuilt()).isTrue();
            assertThat(new AlertFeed(store).size()).isZero();
        }
    }

    private static int markRows(Path file) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT count(*) FROM building")) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    void rollsBackRowsWithTheirPositionWhenAWriteFails() {
        try (StateStore store = StateStore.open(dir, TOPICS)) {
            AlertFeed feed = new AlertFeed(store);
            assertThatThrownBy(() -> store.write(c -> {
                feed.addAll(List.of(new AlertFeed.Read(A, 0, 0)));
                throw new IllegalStateException("disk full");
            })).hasMessage("disk full");
            // addAll ran in the same transaction (the writer's), so nothing of it stays.
            assertThat(feed.positions()).isEmpty();
            assertThat(feed.size()).isZero();
        }
    }

    @Test
    void refusesASecondStoreOnTheSameDirectory() {
        try (StateStore store = StateStore.open(dir, TOPICS)) {
            assertThatThrownBy(() -> StateStore.open(dir, TOPICS)).hasMessageContaining("give each instance its own");
        }
        StateStore.open(dir, TOPICS).close();
    }

    @Test
    void rebuildsAFileFedFromOtherTopics() {
        try (StateStore store = StateStore.open(dir, TOPICS)) {
            new AlertFeed(store).add(A);
        }

        try (StateStore store = StateStore.open(dir, Map.of("alerts-topic", "other", "events-topic", "alert-events"))) {
            assertThat(store.rebuilt()).isTrue();
            assertThat(new AlertFeed(store).size()).isZero();
        }
    }

    @Test
    void rebuildsAFileOfAnotherSchemaVersion() throws Exception {
        try (StateStore store = StateStore.open(dir, TOPICS)) {
            new AlertFeed(store).add(A);
            store.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("UPDATE schema_version SET version = 0");
                }
                return null;
            });
        }

        try (StateStore store = StateStore.open(dir, TOPICS)) {
            assertThat(store.rebuilt()).isTrue();
            assertThat(new AlertFeed(store).size()).isZero();
        }
    }

    @Test
    void remembersPlacedEventsUntilTheyAreWritten() {
        try (StateStore store = StateStore.open(dir, TOPICS)) {
            CaseBook book = new CaseBook(store);
            AlertEvent placed = book.place(A, Instant.EPOCH).orElseThrow().event();
            book.applyPlaced(placed);
            assertThat(book.placed()).isTrue();

            book.apply(placed, 0, 0);

            assertThat(book.placed()).isFalse();
            assertThat(book.size()).isEqualTo(1);
        }
    }
}
