package id.netra.alerts;

import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.AlertEvent.Type;
import id.netra.model.Json;
import id.netra.model.Regions;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every case, derived from the {@code alert-events} topic alone: {@link #apply} each event in topic order (replayed
 * events, known by id, change nothing). Also decides where a new alert goes ({@link #place}) and whether an analyst's
 * action is allowed now ({@link #check}). The cases live in the {@link StateStore} (tables {@code cases},
 * {@code case_alerts}, {@code events}), with the position after each event read from the topic in the same
 * transaction; nothing per case is held in memory. Thread-safe.
 */
public final class CaseBook {
    /** The positions of {@code alert-events} in the store. */
    static final String STREAM = "cases";
    private static final Pattern CASE_ID = Pattern.compile("NTR-(\\d{4})-(\\d{6,})");

    /** Where a new alert goes: the event to write for it, or none when it already has a case. */
    public record Placement(AlertEvent event) {
    }

    private final StateStore store;
    /** The alerts by id when they are not in the store (tests), else null. */
    private final Function<String, Optional<Alert>> alerts;

    /** The cases in {@code store}, next to the alerts {@link AlertFeed} writes there. */
    public CaseBook(StateStore store) {
        this.store = store;
        this.alerts = null;
    }

    /** @param alerts the alerts by id, to compare a new alert's text with a case's; the cases are kept in memory */
    public CaseBook(Function<String, Optional<Alert>> alerts) {
        this.store = StateStore.inMemory();
        this.alerts = alerts;
    }

    StateStore store() {
        return store;
    }

    /** Forgets every case, to read them again from the topic. */
    public void clear() {
        store.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM cases");
                s.execute("DELETE FROM case_texts");
                s.execute("DELETE FROM case_search");
                s.execute("DELETE FROM case_search_pending");
                s.execute("DELETE FROM case_alerts");
                s.execute("DELETE FROM case_subjects");
                s.execute("DELETE FROM subjects");
                s.execute("DELETE FROM events");
                s.execute("DELETE FROM case_counts");
                s.execute("DELETE FROM case_subject_counts");
                s.execute("DELETE FROM positions WHERE stream = '" + STREAM + "'");
            }
            return null;
        });
    }

    /** The next offset to read per partition of {@code alert-events}; empty: read from the start. */
    public Map<Integer, Long> positions() {
        return store.positions(STREAM);
    }

    /** Applies one event read at {@code offset} of {@code partition}, and records the position after it. */
    public void apply(AlertEvent e, int partition, long offset) {
        store.write(c -> {
            apply(c, e, false);
            StateStore.advance(c, STREAM, partition, offset + 1);
            return null;
        });
    }

    /**
     * An event read at a position of the case log ({@code event} null: unreadable, skipped); {@code json} the record's
     * value as read, UTF-8 (stored as it is, rather than written again from {@code event}), or null.
     */
    public record Read(AlertEvent event, int partition, long offset, byte[] json) {
        public Read(AlertEvent event, int partition, long offset) {
            this(event, partition, offset, null);
        }
    }

    /** Applies the events of one poll and records the position after each, in one transaction. */
    public void applyAll(List<Read> batch) {
        store.write(c -> {
            Map<Integer, Long> next = new java.util.HashMap<>();
            for (Read r : batch) {
                if (r.event() != null) {
                    apply(c, r.event(), false, r.json());
                }
                next.merge(r.partition(), r.offset() + 1, Math::max);
            }
            StateStore.advance(c, STREAM, next);
            return null;
        });
    }

    /** Applies one event; an event seen before (same id) is ignored. */
    public void apply(AlertEvent e) {
        store.write(c -> apply(c, e, false));
    }

    /**
     * Applies an event this instance placed and has not written yet ({@link #place}): if the service stops before it
     * is on the topic, the next start finds it still {@link #placed()} and reads the cases again from the topic.
     */
    public void applyPlaced(AlertEvent e) {
        store.write(c -> apply(c, e, true));
    }

    /** Whether an event placed by this instance was never seen on the topic or confirmed written. */
    public boolean placed() {
        return store.read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT 1 FROM events WHERE placed = 1 LIMIT 1")) {
                return r.next();
            }
        });
    }

    /** The events are on the topic (their transaction committed). */
    public void written(Collection<AlertEvent> events) {
        store.write(c -> {
            try (PreparedStatement p = StateStore.prepare(c, "UPDATE events SET placed = 0 WHERE id = ?")) {
                for (AlertEvent e : events) {
                    p.setString(1, e.eventId());
                    p.executeUpdate();
                }
            }
            return null;
        });
    }

    private Void apply(Connection c, AlertEvent e, boolean placed) throws SQLException {
        return apply(c, e, placed, null);
    }

    /** As {@link #apply(Connection, AlertEvent, boolean)}, {@code json} the event as read, or null. */
    private Void apply(Connection c, AlertEvent e, boolean placed, byte[] json) throws SQLException {
        if (!placed && StateStore.isBuilding(c)) {
            // While the state is built, an event is only kept (one known already is only no longer placed); the cases are
            // derived from all of them in one pass once caught up (see deriveBuilt), not looked up and changed event by event.
            keep(c, e, false, json);
            return null;
        }
        try (PreparedStatement p = StateStore.prepare(c, "SELECT placed FROM events WHERE id = ?")) {
            p.setString(1, e.eventId());
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    if (!placed && r.getInt(1) == 1) {
                        update(c, "UPDATE events SET placed = 0 WHERE id = ?", e.eventId());
                    }
                    return null;
                }
            }
        }
        // The counts beside the list: the case as it was out, as it will be in (see CaseCounts).
        CaseCounts.remove(c, e.caseId());
        CaseRow row = row(c, e.caseId());
        if (row == null) {
            try (PreparedStatement p = StateStore.prepare(c, "INSERT INTO cases(id, year, seq, status, opened_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                p.setString(1, e.caseId());
                p.setObject(2, yearOf(e.caseId()));
                p.setObject(3, seqOf(e.caseId()));
                p.setString(4, CaseFile.Status.OPEN.name());
                p.setLong(5, e.at().toEpochMilli());
                p.setLong(6, e.at().toEpochMilli());
                p.executeUpdate();
            }
            row = new CaseRow(CaseFile.Status.OPEN, null, null, null);
        }
        keep(c, e, placed, json);
        if (e.type() == Type.OPENED || e.type() == Type.ALERT_ADDED) {
            addAlert(c, e.caseId(), e.alertId());
        }
        Triage after = new Triage(row.status(), row.assignee()).after(e.type(), e.assignee());
        try (PreparedStatement p = StateStore.prepare(c, "UPDATE cases SET status = ?, assignee = ?, updated_at = ? WHERE id = ?")) {
            p.setString(1, after.status().name());
            p.setString(2, after.assignee());
            p.setLong(3, e.at().toEpochMilli());
            p.setString(4, e.caseId());
            p.executeUpdate();
        }
        group(c, e.caseId());
        CaseCounts.add(c, e.caseId());
        return null;
    }

    private void addAlert(Connection c, String caseId, String alertId) throws SQLException {
        try (PreparedStatement p = StateStore.prepare(c, "INSERT OR IGNORE INTO case_alerts(case_id, alert_id, ord) "
                + "VALUES (?, ?, (SELECT count(*) FROM case_alerts WHERE case_id = ?))")) {
            p.setString(1, caseId);
            p.setString(2, alertId);
            p.setString(3, caseId);
            if (p.executeUpdate() == 0) {
                return;
            }
        }
        try (PreparedStatement p = StateStore.prepare(c, "UPDATE cases SET first_alert = ? WHERE id = ? AND first_alert IS NULL")) {
            p.setString(1, alertId);
            p.setString(2, caseId);
            p.executeUpdate();
        }
        if (StateStore.isBuilding(c)) {
            // Counted in one pass once the state has caught up (linkBuilt).
            return;
        }
        Optional<Alert> known = alert(c, alertId);
        if (known.isPresent()) {
            counted(c, caseId, known.get());
        }
    }

    /** One more known alert in the case: its count, and its severity if higher. */
    private static void counted(Connection c, String caseId, Alert a) throws SQLException {
        try (PreparedStatement p = StateStore.prepare(c, "UPDATE cases SET alerts = alerts + 1, severity = max(coalesce(severity, 0), ?) WHERE id = ?")) {
            p.setInt(1, a.severity().ordinal());
            p.setString(2, caseId);
            p.executeUpdate();
        }
    }

    /** Fills a case's person, subject and post from its first alert once that alert is known. */
    private void group(Connection c, String caseId) throws SQLException {
        if (StateStore.isBuilding(c)) {
            // Described in one pass once the state has caught up (linkBuilt).
            return;
        }
        String first;
        try (PreparedStatement p = StateStore.prepare(c, "SELECT first_alert FROM cases WHERE id = ? AND group_key IS NULL AND first_alert IS NOT NULL")) {
            p.setString(1, caseId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return;
                }
                first = r.getString(1);
            }
        }
        Optional<Alert> a = alert(c, first);
        if (a.isPresent()) {
            describe(c, caseId, a.get());
        }
    }

    /**
     * What a newly stored alert changes in the cases it is in (it was placed before it was read, as at start when the
     * events are read before the alerts): their counts and severities, and the list columns of a case it opened. Runs in
     * the transaction that stores the alert.
     */
    static void alertStored(Connection c, Alert a) throws SQLException {
        List<String> caseIds = new ArrayList<>();
        try (PreparedStatement p = StateStore.prepare(c, "SELECT case_id FROM case_alerts WHERE alert_id = ?")) {
            p.setString(1, a.id());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    caseIds.add(r.getString(1));
                }
            }
        }
        for (String caseId : caseIds) {
            CaseCounts.remove(c, caseId);
            counted(c, caseId, a);
            try (PreparedStatement p = StateStore.prepare(c, "SELECT 1 FROM cases WHERE id = ? AND first_alert = ? AND group_key IS NULL")) {
                p.setString(1, caseId);
                p.setString(2, a.id());
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        describe(c, caseId, a);
                    }
                }
            }
            CaseCounts.add(c, caseId);
        }
    }

    /**
     * What a case takes from its first alert: its list columns, its text and words, its candidates and parties. The text,
     * words and subjects are also kept as UTF-8 ({@code *Utf8}), encoded where the facts are worked out: while a state is
     * built, on the thread that reads ahead rather than under the store's one writer (a tenth of the writer's Java samples
     * in a first start were this encoding, when they were bound as strings).
     */
    record Facts(String groupKey, String rule, String nip, String name, String agency, String region, String regionName, String province,
                 String provinceName, String candidates, String candidateNames, String parties, String platform, String url, long publishedAt,
                 int publishedOffset, String text, String search, List<List<String>> subjects, String subjectsJson, byte[] textUtf8,
                 byte[] searchUtf8, byte[] subjectsUtf8) {

        static Facts of(Alert first) {
            Regions regions = Regions.bundled();
            String region = first.asn().regionCode();
            String province = Regions.province(region);
            List<List<String>> subjects = new ArrayList<>();
            for (Alert.CandidateMatch m : first.candidates()) {
                subjects.add(List.of("candidate", m.electionId() + "/" + m.candidateId(), pairName(m)));
            }
            for (Alert.PartyMatch m : first.parties()) {
                subjects.add(List.of("party", m.partyId(), m.name() == null || m.name().isBlank() ? m.partyId() : m.name()));
            }
            String text = first.post().text();
            String search = AlertFeed.searchText(null, first);
            String subjectsJson = subjectsJson(subjects);
            return new Facts(CaseGrouping.key(first), first.rule(), first.nip(), first.asn().name(), first.asn().agency(), region,
                    regions.name(region).orElse(region), province, regions.name(province).orElse(province),
                    first.candidates().stream().map(Alert.CandidateMatch::candidateId).distinct().collect(java.util.stream.Collectors.joining("\n")),
                    first.candidates().stream().map(CaseBook::pairName).distinct().collect(java.util.stream.Collectors.joining("\n")),
                    first.parties().stream().map(Alert.PartyMatch::partyId).distinct().collect(java.util.stream.Collectors.joining("\n")),
                    first.platform().id(), first.post().url().toString(), first.post().publishedAt().toInstant().toEpochMilli(),
                    first.post().publishedAt().getOffset().getTotalSeconds(), text, search, subjects, subjectsJson,
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8), search.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    subjectsJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        private static String subjectsJson(List<List<String>> subjects) {
            try {
                return Json.mapper().writeValueAsString(subjects);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Binds the list columns, in the order of {@link #COLUMNS}, from parameter 1; the next parameter's index. */
        int bind(PreparedStatement p) throws SQLException {
            return bind(p, 1);
        }

        /** Binds the list columns, in the order of {@link #COLUMNS}, from parameter {@code first}; the next parameter's index. */
        int bind(PreparedStatement p, int first) throws SQLException {
            int i = first - 1;
            p.setString(++i, groupKey);
            p.setString(++i, rule);
            p.setString(++i, nip);
            p.setString(++i, name);
            p.setString(++i, agency);
            p.setString(++i, region);
            p.setString(++i, regionName);
            p.setString(++i, province);
            p.setString(++i, provinceName);
            p.setString(++i, candidates);
            p.setString(++i, candidateNames);
            p.setString(++i, parties);
            p.setString(++i, platform);
            p.setString(++i, url);
            p.setLong(++i, publishedAt);
            p.setInt(++i, publishedOffset);
            return i + 1;
        }

        /** The case's list columns a case takes from its first alert (in {@code cases} and {@code alert_facts} alike). */
        static final List<String> COLUMNS = List.of("group_key", "rule", "nip", "name", "agency", "region", "region_name", "province",
                "province_name", "candidates", "candidate_names", "parties", "platform", "url", "published_at", "published_offset");

        /** The words free-text search looks in for the case {@code caseId} (see {@link AlertFeed#searchText}). */
        String search(String caseId) {
            return caseId.toLowerCase(java.util.Locale.ROOT) + search;
        }
    }

    private static final String DESCRIBE = "UPDATE cases SET " + String.join(" = ?, ", Facts.COLUMNS) + " = ? WHERE id = ?";
    private static final String KEEP_FACTS = "INSERT OR REPLACE INTO alert_facts(rowid, " + String.join(", ", Facts.COLUMNS)
            // The text, words and subjects bound as their UTF-8 bytes (see Facts), taken as text.
            + ", text, search, subjects) VALUES (?, " + "?, ".repeat(Facts.COLUMNS.size()) + "CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT))";

    private static void describe(Connection c, String caseId, Alert first) throws SQLException {
        Facts f = Facts.of(first);
        try (PreparedStatement p = StateStore.prepare(c, DESCRIBE)) {
            p.setString(f.bind(p), caseId);
            p.executeUpdate();
        }
        try (PreparedStatement p = StateStore.prepare(c, "INSERT INTO case_texts(case_id, text) VALUES (?, ?) ON CONFLICT(case_id) DO UPDATE SET text = excluded.text")) {
            p.setString(1, caseId);
            p.setString(2, f.text());
            p.executeUpdate();
        }
        try (PreparedStatement p = StateStore.prepare(c, "INSERT OR REPLACE INTO " + StateStore.wordTable(c, "case_search")
                + "(rowid, search) SELECT rowid, ? FROM case_texts WHERE case_id = ?")) {
            p.setString(1, f.search(caseId));
            p.setString(2, caseId);
            p.executeUpdate();
        }
        for (List<String> subject : f.subjects()) {
            subject(c, caseId, subject.get(0), subject.get(1), subject.get(2));
        }
    }

    /**
     * While the state is built: keeps what a case would take from {@code a} were it its first alert (see {@link #linkBuilt}),
     * and the alert's words (see {@link StateStore#loaded}), in the transaction that stores the alert.
     */
    static void factsOf(Connection c, Alert a, long rowid, Facts known) throws SQLException {
        Facts f = known != null ? known : Facts.of(a);
        PreparedStatement p = StateStore.compiled(c, KEEP_FACTS);
        p.setLong(1, rowid);
        int i = f.bind(p, 2);
        p.setBytes(i++, f.textUtf8());
        p.setBytes(i++, f.searchUtf8());
        p.setBytes(i, f.subjectsUtf8());
        p.executeUpdate();
    }

    /**
     * Once a state built from the beginning has caught up, right after {@link #deriveBuilt} (in its transaction, from its
     * {@code temp.described}): what storing each alert and case event did one at a time otherwise, in one pass over the
     * tables. Each case described from its first alert's facts gets that alert's text, words and candidates and parties;
     * a case still not described whose first alert is known is described from the alert itself (none after a build, where
     * every alert stored keeps its facts: a safeguard).
     */
    static void linkBuilt(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO case_texts(case_id, text) SELECT d.case_id, f.text FROM temp.described d JOIN alert_facts f ON f.rowid = d.alert_rowid"
                    + " WHERE true ON CONFLICT(case_id) DO UPDATE SET text = excluded.text");
            s.execute("INSERT OR REPLACE INTO " + StateStore.wordTable(c, "case_search") + "(rowid, search) SELECT t.rowid, lower(d.case_id) || f.search"
                    + " FROM temp.described d JOIN case_texts t ON t.case_id = d.case_id JOIN alert_facts f ON f.rowid = d.alert_rowid");
            s.execute("INSERT OR IGNORE INTO case_subjects(case_id, kind, subject, name) SELECT d.case_id, j.value ->> 0, j.value ->> 1, j.value ->> 2"
                    + " FROM temp.described d JOIN alert_facts f ON f.rowid = d.alert_rowid, json_each(f.subjects) j");
            // Each candidate and party once, named as where first seen (the first row of it kept, the others ignored), from
            // the rows just made (not from their JSON again: a second of a million-alert build; nor grouped: a sort of them).
            s.execute("INSERT OR IGNORE INTO subjects(kind, subject, name) SELECT kind, subject, name FROM case_subjects ORDER BY rowid");
            s.execute("DROP TABLE temp.described");
        }
        // None after a build (every alert it stores keeps its facts): cases whose first alert has no facts.
        Map<String, String> rest = new java.util.LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT c.id, a.json FROM cases c JOIN alerts a ON a.id = c.first_alert"
                + " WHERE c.group_key IS NULL")) {
            while (r.next()) {
                rest.put(r.getString(1), r.getString(2));
            }
        }
        for (Map.Entry<String, String> e : rest.entrySet()) {
            describe(c, e.getKey(), AlertFeed.read(e.getValue()));
        }
    }

    private static void subject(Connection c, String caseId, String kind, String subject, String name) throws SQLException {
        try (PreparedStatement p = StateStore.prepare(c, "INSERT OR IGNORE INTO case_subjects(case_id, kind, subject, name) VALUES (?, ?, ?, ?)")) {
            p.setString(1, caseId);
            p.setString(2, kind);
            p.setString(3, subject);
            p.setString(4, name);
            p.executeUpdate();
        }
        try (PreparedStatement p = StateStore.prepare(c, "INSERT OR IGNORE INTO subjects(kind, subject, name) VALUES (?, ?, ?)")) {
            p.setString(1, kind);
            p.setString(2, subject);
            p.setString(3, name);
            p.executeUpdate();
        }
    }

    /** A candidate (pair) as people know them: the names, or the id when the watchlist gave none. */
    static String pairName(Alert.CandidateMatch m) {
        return m.names().isEmpty() ? m.candidateId() : String.join(" – ", m.names());
    }

    private Optional<Alert> alert(Connection c, String id) throws SQLException {
        if (alerts != null) {
            return alerts.apply(id);
        }
        return AlertFeed.get(c, id);
    }

    /**
     * Where {@code alert} goes: nowhere when it is in a case already (the same alert delivered twice is one case), into
     * an open case of the same person about the same subject with the same message, else into a new case.
     */
    public Optional<Placement> place(Alert alert, Instant now) {
        return store.write(c -> {
            if (caseIdOf(c, alert.id()) != null) {
                return Optional.empty();
            }
            if (alerts != null) {
                // Alerts outside the store: cases whose first alert was not known when they were opened are grouped now.
                // (With the store, storing an alert groups the case it opened: see alertStored.)
                List<String> ungrouped = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id FROM cases WHERE group_key IS NULL")) {
                    while (r.next()) {
                        ungrouped.add(r.getString(1));
                    }
                }
                for (String id : ungrouped) {
                    CaseCounts.remove(c, id);
                    group(c, id);
                    CaseCounts.add(c, id);
                }
            }
            String group = CaseGrouping.key(alert);
            Set<String> words = CaseGrouping.words(alert.post().text());
            List<String> candidates = new ArrayList<>();
            try (PreparedStatement p = StateStore.prepare(c, "SELECT id FROM cases WHERE group_key = ? ORDER BY opened_at, id")) {
                p.setString(1, group);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        candidates.add(r.getString(1));
                    }
                }
            }
            for (String caseId : candidates) {
                for (String alertId : alertIds(c, caseId)) {
                    Optional<Alert> other = alert(c, alertId);
                    if (other.isPresent() && CaseGrouping.sameMessage(words, CaseGrouping.words(other.get().post().text()))) {
                        return Optional.of(new Placement(event(caseId, Type.ALERT_ADDED, "system", now, alert.id(), null, null)));
                    }
                }
            }
            int year = alert.post().publishedAt().withOffsetSameInstant(ZoneOffset.ofHours(7)).getYear();
            int last = 0;
            try (PreparedStatement p = StateStore.prepare(c, "SELECT max(seq) FROM cases WHERE year = ?")) {
                p.setInt(1, year);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        last = r.getInt(1);
                    }
                }
            }
            String caseId = String.format("NTR-%d-%06d", year, last + 1);
            return Optional.of(new Placement(event(caseId, Type.OPENED, "system", now, alert.id(), null, null)));
        });
    }

    /**
     * Whether an analyst may do {@code type} on the case now.
     *
     * @return the reason it is refused, or {@code null} when it is allowed
     */
    public String check(String caseId, Type type) {
        CaseRow c = store.write(conn -> row(conn, caseId));
        if (c == null) {
            return "no case " + caseId;
        }
        return switch (type) {
            case OPENED, ALERT_ADDED -> "cases are opened by the system";
            case ASSIGNED, CONFIRMED, DISMISSED -> c.status().closed() ? "case " + caseId + " is " + c.status().name().toLowerCase() + "; reopen it first" : null;
            case ESCALATED -> c.status().closed() || c.status() == CaseFile.Status.ESCALATED
                    ? "case " + caseId + " is already " + c.status().name().toLowerCase() : null;
            case REOPENED -> c.status().closed() ? null : "case " + caseId + " is not closed";
            case COMMENTED -> null;
            case DOSSIER_ISSUED -> c.status() == CaseFile.Status.CONFIRMED ? null
                    : "case " + caseId + " is " + c.status().name().toLowerCase() + ": a dossier is issued for a confirmed case only";
        };
    }

    /** The case with its alerts and history. */
    public Optional<CaseFile> get(String caseId) {
        return store.read(c -> Optional.ofNullable(file(c, caseId)));
    }

    public Optional<CaseFile> caseOf(String alertId) {
        return store.read(c -> {
            String id = caseIdOf(c, alertId);
            return Optional.ofNullable(id == null ? null : file(c, id));
        });
    }

    /**
     * Every case about the civil servant with this NIP (whose first alert is theirs), oldest first. One of the two
     * look-ups the ASN page and the dossier read a person through (with {@link AlertFeed#alertsOfNip}); by the index on
     * the cases' NIP.
     */
    public List<CaseFile> casesOfNip(String nip) {
        return files("SELECT id FROM cases WHERE nip = ? ORDER BY opened_at, id", nip);
    }

    /** The cases changed since {@code since}, oldest change first (a notifier's catch-up after an election). */
    public List<CaseFile> updatedSince(Instant since) {
        return files("SELECT id FROM cases WHERE updated_at >= ? ORDER BY updated_at, id", since.toEpochMilli());
    }

    /** The cases whose ids {@code sql} selects with its one argument, in its order, read in one transaction. */
    private List<CaseFile> files(String sql, Object arg) {
        return store.read(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement p = StateStore.prepare(c, sql)) {
                p.setObject(1, arg);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                    }
                }
            }
            List<CaseFile> out = new ArrayList<>();
            for (String id : ids) {
                out.add(file(c, id));
            }
            return out;
        });
    }

    /** How many cases there are. */
    public long size() {
        return store.read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM cases")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private static final String KEEP_EVENT = "INSERT INTO events(id, case_id, at, json, placed, type, alert_id, assignee)"
            // The JSON bound as its UTF-8 bytes, taken as text (see AlertFeed's STORE).
            + " VALUES (?, ?, ?, CAST(? AS TEXT), ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET placed = 0 WHERE placed = 1 AND excluded.placed = 0";

    /** The same, appended, while a state is built without its events' key (see StateSchema.KEYS): StateStore.loaded takes copies out. */
    private static final String APPEND_EVENT = "INSERT INTO events(id, case_id, at, json, placed, type, alert_id, assignee)"
            + " VALUES (?, ?, ?, CAST(? AS TEXT), ?, ?, ?, ?)";

    /** Stores the event's row ({@code placed}: by this instance and not yet known to be on the topic). */
    private static void keep(Connection c, AlertEvent e, boolean placed, byte[] json) throws SQLException {
        // Known already (delivered twice, or placed here and now read from the topic): only no longer placed.
        boolean append = StateStore.keyless(c, "events");
        if (append && !placed && StateStore.placedWhileBuilding(c)) {
            // Placed here while building, now read from the topic: no longer placed, as KEEP_EVENT would have it (the
            // index of placed events finds it).
            try (PreparedStatement u = StateStore.prepare(c, "UPDATE events SET placed = 0 WHERE id = ? AND placed = 1")) {
                u.setString(1, e.eventId());
                if (u.executeUpdate() > 0) {
                    return;
                }
            }
        }
        if (append && placed) {
            StateStore.placedWhileBuilding(c, true);
        }
        PreparedStatement p = StateStore.compiled(c, append ? APPEND_EVENT : KEEP_EVENT);
        p.setString(1, e.eventId());
        p.setString(2, e.caseId());
        p.setLong(3, e.at().toEpochMilli());
        p.setBytes(4, json != null ? json : json(e).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.setInt(5, placed ? 1 : 0);
        p.setString(6, e.type().id());
        p.setString(7, e.alertId());
        p.setString(8, e.assignee());
        p.executeUpdate();
    }

    /** Where a case stands in its triage: the one place the case events' effect on it is decided. */
    record Triage(CaseFile.Status status, String assignee) {
        static final Triage OPENED = new Triage(CaseFile.Status.OPEN, null);

        /** After an event of {@code type} ({@code assignee}: the event's, for {@link Type#ASSIGNED}). */
        Triage after(Type type, String assignee) {
            return switch (type) {
                // Assigning a closed or escalated case names who holds it without reopening it.
                case ASSIGNED -> new Triage(status.closed() || status == CaseFile.Status.ESCALATED ? status : CaseFile.Status.ASSIGNED, assignee);
                case CONFIRMED -> new Triage(CaseFile.Status.CONFIRMED, this.assignee);
                case DISMISSED -> new Triage(CaseFile.Status.DISMISSED, this.assignee);
                case ESCALATED -> new Triage(CaseFile.Status.ESCALATED, this.assignee);
                case REOPENED -> new Triage(this.assignee == null ? CaseFile.Status.OPEN : CaseFile.Status.ASSIGNED, this.assignee);
                case OPENED, ALERT_ADDED, COMMENTED, DOSSIER_ISSUED -> this;
            };
        }
    }

    private static Integer yearOf(String caseId) {
        Matcher m = CASE_ID.matcher(caseId);
        return m.matches() ? Integer.parseInt(m.group(1)) : null;
    }

    private static Integer seqOf(String caseId) {
        Matcher m = CASE_ID.matcher(caseId);
        return m.matches() ? Integer.parseInt(m.group(2)) : null;
    }

    /**
     * Once a state built from the beginning has caught up, before {@link #deriveBuilt}: each case's alerts in
     * {@code case_alerts} from the events kept while building, once each, numbered in the order they were first added,
     * the rows in the order of the events that added them (an alert's case is its latest row).
     */
    static void numberBuilt(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO case_alerts(case_id, alert_id, ord)"
                + " SELECT case_id, alert_id, row_number() OVER (PARTITION BY case_id ORDER BY first) - 1 FROM"
                + " (SELECT case_id, alert_id, min(seq) AS first FROM events WHERE type IN (?, ?)"
                + " AND alert_id IS NOT NULL GROUP BY case_id, alert_id) ORDER BY first")) {
            p.setString(1, Type.OPENED.id());
            p.setString(2, Type.ALERT_ADDED.id());
            p.executeUpdate();
        }
    }

    /**
     * Once a state built from the beginning has caught up, after {@link #numberBuilt}: the cases from the events kept while
     * building (see {@link #apply}), as applying them one by one in topic order ({@code events.seq}) would have left them. A
     * case's row is made by its first event and its triage follows its events ({@link Triage}); a case's first alert is its
     * alert number 0 in {@code case_alerts}. Reads the events, alerts, their facts and {@code case_alerts}, and writes only
     * the case tables (see {@link StateStore#loaded}: the connection may find the first in another file). Each case's row is written whole, once:
     * with the count and highest severity of its known alerts and the list columns of its first alert's facts. Leaves
     * {@code temp.described} (each case so described, with its first alert's row) for {@link #linkBuilt}. Nothing is held
     * per case in memory: the events are read in case order, a case's result written as the next case begins.
     */
    static void deriveBuilt(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS temp.derived");
            // first_alert: the alert of the case's first event adding one (its alert number 0 in case_alerts).
            s.execute("CREATE TEMP TABLE derived (id TEXT NOT NULL, first INTEGER NOT NULL, year INTEGER, seq INTEGER, status TEXT NOT NULL,"
                    + " assignee TEXT, opened_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, first_alert TEXT)");
        }
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT case_id, seq, at, type, assignee, alert_id, id FROM events ORDER BY case_id, seq");
             PreparedStatement p = c.prepareStatement("INSERT INTO temp.derived VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            String caseId = null;
            long first = 0;
            long openedAt = 0;
            long updatedAt = 0;
            String firstAlert = null;
            Triage triage = null;
            // An event stored twice (read twice while the events' key waits: see StateStore.loaded) counts once, as its
            // first row; a case's events are few.
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (true) {
                boolean more = r.next();
                String id = more ? r.getString(1) : null;
                if (caseId != null && !caseId.equals(id)) {
                    p.setString(1, caseId);
                    p.setLong(2, first);
                    p.setObject(3, yearOf(caseId));
                    p.setObject(4, seqOf(caseId));
                    p.setString(5, triage.status().name());
                    p.setString(6, triage.assignee());
                    p.setLong(7, openedAt);
                    p.setLong(8, updatedAt);
                    p.setString(9, firstAlert);
                    p.executeUpdate();
                }
                if (!more) {
                    break;
                }
                if (!id.equals(caseId)) {
                    caseId = id;
                    first = r.getLong(2);
                    openedAt = r.getLong(3);
                    triage = Triage.OPENED;
                    firstAlert = null;
                    seen.clear();
                }
                if (!seen.add(r.getString(7))) {
                    continue;
                }
                updatedAt = r.getLong(3);
                Type type = Type.of(r.getString(4));
                triage = triage.after(type, r.getString(5));
                if (firstAlert == null && (type == Type.OPENED || type == Type.ALERT_ADDED)) {
                    firstAlert = r.getString(6);
                }
            }
        }
        try (Statement s = c.createStatement()) {
            // The cases in the order of their first events, as one by one: the rowids of what follows are in that order.
            s.execute("DROP TABLE IF EXISTS temp.ordered");
            s.execute("CREATE TEMP TABLE ordered AS SELECT * FROM temp.derived ORDER BY first");
            s.execute("DROP TABLE temp.derived");
            // Each case's count of known alerts and their highest severity.
            s.execute("DROP TABLE IF EXISTS temp.counted");
            s.execute("CREATE TEMP TABLE counted (id TEXT PRIMARY KEY, n INTEGER NOT NULL, s INTEGER)");
            s.execute("INSERT INTO temp.counted SELECT ca.case_id, count(a.id), max(a.severity) FROM case_alerts ca LEFT JOIN alerts a"
                    + " ON a.id = ca.alert_id GROUP BY ca.case_id");
            // The cases whose first alert is known with its facts (every one, after a build), keyed by their ordered row.
            s.execute("DROP TABLE IF EXISTS temp.described");
            s.execute("CREATE TEMP TABLE described (ordered INTEGER PRIMARY KEY, case_id TEXT NOT NULL, alert_rowid INTEGER NOT NULL)");
            s.execute("INSERT INTO temp.described SELECT o.rowid, o.id, a.rowid FROM temp.ordered o JOIN alerts a ON a.id = o.first_alert"
                    + " JOIN alert_facts f ON f.rowid = a.rowid");
            // Each case's row whole in one insert: its triage, its first alert, count and severity, and the list columns from
            // its first alert's facts (see linkBuilt), instead of a row made then changed by three passes over the cases.
            // (Replacing a case an event placed while building made: that one is derived again with the others.)
            s.execute("INSERT OR REPLACE INTO cases(id, year, seq, status, assignee, opened_at, updated_at, first_alert, alerts, severity, "
                    + String.join(", ", Facts.COLUMNS) + ") SELECT o.id, o.year, o.seq, o.status, o.assignee, o.opened_at, o.updated_at,"
                    + " o.first_alert, coalesce(x.n, 0), x.s, " + Facts.COLUMNS.stream().map(col -> "f." + col).collect(java.util.stream.Collectors.joining(", "))
                    + " FROM temp.ordered o LEFT JOIN temp.counted x ON x.id = o.id LEFT JOIN temp.described w ON w.ordered = o.rowid"
                    + " LEFT JOIN alert_facts f ON f.rowid = w.alert_rowid ORDER BY o.rowid");
            s.execute("DROP TABLE temp.ordered");
            s.execute("DROP TABLE temp.counted");
        }
    }

    private record CaseRow(CaseFile.Status status, String assignee, String groupKey, String firstAlert) {
    }

    private static CaseRow row(Connection c, String caseId) throws SQLException {
        try (PreparedStatement p = StateStore.prepare(c, "SELECT status, assignee, group_key, first_alert FROM cases WHERE id = ?")) {
            p.setString(1, caseId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? new CaseRow(CaseFile.Status.valueOf(r.getString(1)), r.getString(2), r.getString(3), r.getString(4)) : null;
            }
        }
    }

    private static String caseIdOf(Connection c, String alertId) throws SQLException {
        try (PreparedStatement p = StateStore.prepare(c, "SELECT case_id FROM case_alerts WHERE alert_id = ? ORDER BY rowid DESC LIMIT 1")) {
            p.setString(1, alertId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static List<String> alertIds(Connection c, String caseId) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement p = StateStore.prepare(c, "SELECT alert_id FROM case_alerts WHERE case_id = ? ORDER BY ord")) {
            p.setString(1, caseId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        return ids;
    }

    static CaseFile file(Connection c, String caseId) throws SQLException {
        CaseFile.Status status;
        String assignee;
        String groupKey;
        Instant opened;
        Instant updated;
        try (PreparedStatement p = StateStore.prepare(c, "SELECT status, assignee, group_key, opened_at, updated_at FROM cases WHERE id = ?")) {
            p.setString(1, caseId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                status = CaseFile.Status.valueOf(r.getString(1));
                assignee = r.getString(2);
                groupKey = r.getString(3);
                opened = Instant.ofEpochMilli(r.getLong(4));
                updated = Instant.ofEpochMilli(r.getLong(5));
            }
        }
        List<AlertEvent> history = new ArrayList<>();
        try (PreparedStatement p = StateStore.prepare(c, "SELECT json FROM events WHERE case_id = ? ORDER BY seq")) {
            p.setString(1, caseId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    history.add(read(r.getString(1)));
                }
            }
        }
        // The times of the events themselves, as the book in memory had them (an event may carry an earlier time than one before it).
        if (!history.isEmpty()) {
            opened = history.getFirst().at();
            updated = history.getLast().at();
        }
        return new CaseFile(caseId, groupKey, status, assignee, alertIds(c, caseId), history, opened, updated);
    }

    private static void update(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement p = StateStore.prepare(c, sql)) {
            p.setString(1, arg);
            p.executeUpdate();
        }
    }

    private static String json(AlertEvent e) {
        try {
            return Json.mapper().writeValueAsString(e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static AlertEvent read(String json) {
        try {
            return Json.mapper().readValue(json, AlertEvent.class);
        } catch (java.io.IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A new event with a fresh id. */
    public static AlertEvent event(String caseId, Type type, String actor, Instant at, String alertId, String assignee, String reason) {
        return new AlertEvent(UUID.randomUUID().toString(), caseId, type, actor, at, alertId, assignee, reason);
    }
}
