package id.netra.alerts;

import id.netra.alerts.auth.Jurisdiction;
import id.netra.model.Alert;
import id.netra.model.Json;
import id.netra.model.Regions;
import id.netra.model.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The analysts' feed: every alert (LOW included) by id in the {@link StateStore} (the same id delivered twice is one
 * entry, the newer copy kept), listed newest first by the post's publication time, then by id so the order is the same
 * on every replica. Nothing per alert is held in memory. Thread-safe.
 */
public final class AlertFeed {
    /** The positions of the alerts topic in the store. */
    static final String STREAM = "alerts";

    /**
     * An alert read at a position of the alerts topic ({@code alert} null: an unreadable record, skipped); {@code json}
     * the record's value as read, UTF-8 (stored as it is, rather than written again from {@code alert}), or null; {@code facts}
     * what a case would take from it, worked out ahead by the thread that read it (while the state is built), or null.
     */
    public record Read(Alert alert, int partition, long offset, byte[] json, CaseBook.Facts facts) {
        public Read(Alert alert, int partition, long offset) {
            this(alert, partition, offset, null, null);
        }

        public Read(Alert alert, int partition, long offset, byte[] json) {
            this(alert, partition, offset, json, null);
        }
    }

    private final StateStore store;

    public AlertFeed(StateStore store) {
        this.store = store;
    }

    /** A feed in memory, for tests. */
    public AlertFeed() {
        this(StateStore.inMemory());
    }

    StateStore store() {
        return store;
    }

    /** Adds an alert, or replaces the one with the same id. */
    public void add(Alert alert) {
        store.write(c -> {
            put(c, alert, null, null);
            return null;
        });
    }

    /** Adds the alerts of one poll and records the position after each, in one transaction. */
    public void addAll(List<Read> batch) {
        store.write(c -> {
            Map<Integer, Long> next = new java.util.HashMap<>();
            for (Read r : batch) {
                if (r.alert() != null) {
                    put(c, r.alert(), r.json(), r.facts());
                }
                next.merge(r.partition(), r.offset() + 1, Math::max);
            }
            StateStore.advance(c, STREAM, next);
            return null;
        });
    }

    /** The next offset to read per partition of the alerts topic; empty: from the beginning. */
    public Map<Integer, Long> positions() {
        return store.positions(STREAM);
    }

    /** The statement storing an alert (an upsert keeps the row's rowid, which its search entry shares). */
    private static final String STORE = "INSERT INTO alerts(id, nip, severity, region, province, published_at, json)"
            // The JSON bound as its UTF-8 bytes, taken as text: as read from the topic, not decoded and encoded again.
            + " VALUES (?, ?, ?, ?, ?, ?, CAST(? AS TEXT)) ON CONFLICT(id) DO UPDATE SET nip = excluded.nip, severity = excluded.severity,"
            + " region = excluded.region, province = excluded.province, published_at = excluded.published_at, json = excluded.json"
            + " RETURNING rowid";

    /** The same, appended, while a state is built without its alerts' key (see StateSchema.KEYS): StateStore.loaded takes copies out. */
    private static final String APPEND = "INSERT INTO alerts(id, nip, severity, region, province, published_at, json)"
            + " VALUES (?, ?, ?, ?, ?, ?, CAST(? AS TEXT)) RETURNING rowid";

    private static void put(Connection c, Alert a, byte[] json, CaseBook.Facts facts) throws SQLException {
        // While the state is built, the cases take what they need from their alerts in one pass once caught up.
        boolean building = StateStore.isBuilding(c);
        boolean known = false;
        if (!building) {
            try (PreparedStatement p = StateStore.prepare(c, "SELECT 1 FROM alerts WHERE id = ?")) {
                p.setString(1, a.id());
                try (ResultSet r = p.executeQuery()) {
                    known = r.next();
                }
            }
        }
        long rowid;
        try {
            PreparedStatement p = StateStore.compiled(c, building && StateStore.keyless(c, "alerts") ? APPEND : STORE);
            p.setString(1, a.id());
            p.setString(2, a.nip());
            p.setInt(3, a.severity().ordinal());
            p.setString(4, a.asn().regionCode());
            p.setString(5, Regions.province(a.asn().regionCode()));
            p.setLong(6, a.post().publishedAt().toInstant().toEpochMilli());
            p.setBytes(7, json != null ? json : Json.mapper().writeValueAsBytes(a));
            try (ResultSet r = p.executeQuery()) {
                r.next();
                rowid = r.getLong(1);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (building) {
            // Its words too: indexed from there in one pass once caught up.
            CaseBook.factsOf(c, a, rowid, facts);
            return;
        }
        try (PreparedStatement p = StateStore.prepare(c, "INSERT OR REPLACE INTO alert_search(rowid, search) SELECT rowid, ? FROM alerts WHERE id = ?")) {
            p.setString(1, searchText(null, a));
            p.setString(2, a.id());
            p.executeUpdate();
        }
        if (!known) {
            CaseBook.alertStored(c, a);
        }
    }

    /** What free-text search looks in, lower case: the case id (if any), the post, the name, the NIP, the agency. */
    static String searchText(String caseId, Alert a) {
        return String.join("\n", caseId == null ? "" : caseId, a.post().text(), a.asn().name(), a.nip(), String.valueOf(a.asn().agency())).toLowerCase(Locale.ROOT);
    }

    /** At most {@code limit} alerts of at least {@code minSeverity}, newest first. */
    public List<Alert> list(Severity minSeverity, int limit) {
        return search(minSeverity, Jurisdiction.NATIONAL, null, null, limit);
    }

    /**
     * At most {@code limit} alerts of at least {@code minSeverity} within {@code j}, newest first, of one NIP and with
     * every word of {@code text} (each may be null: no filter).
     */
    public List<Alert> search(Severity minSeverity, Jurisdiction j, String nip, String text, int limit) {
        StringBuilder sql = new StringBuilder("SELECT json FROM alerts WHERE severity >= ?");
        List<Object> args = new ArrayList<>();
        args.add(minSeverity.ordinal());
        CaseSearch.jurisdiction(j, "region", "province", sql, args);
        if (nip != null && !nip.isBlank()) {
            sql.append(" AND nip = ?");
            args.add(nip.strip());
        }
        if (text != null && !text.isBlank()) {
            sql.append(" AND rowid IN (SELECT rowid FROM alert_search WHERE 1 = 1");
            CaseSearch.words(text, "alert_search", "search", sql, args);
            sql.append(')');
        }
        sql.append(" ORDER BY published_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return store.read(c -> {
            List<Alert> out = new ArrayList<>();
            try (PreparedStatement p = CaseSearch.prepare(c, sql.toString(), args); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(read(r.getString(1)));
                }
            }
            return out;
        });
    }

    /** Every alert of one civil servant, newest first (for the ASN page and the dossier; a person has few). */
    public List<Alert> alertsOfNip(String nip) {
        return search(Severity.LOW, Jurisdiction.NATIONAL, nip, null, Integer.MAX_VALUE);
    }

    /** At most {@code limit} alerts of at least {@code min} in no case, oldest first: what a new leader places, a round at a time. */
    public List<Alert> withoutCase(Severity min, int limit) {
        return store.read(c -> {
            List<Alert> out = new ArrayList<>();
            try (PreparedStatement p = StateStore.prepare(c, "SELECT json FROM alerts a WHERE severity >= ?"
                    + " AND NOT EXISTS (SELECT 1 FROM case_alerts ca WHERE ca.alert_id = a.id) ORDER BY published_at, id LIMIT ?")) {
                p.setInt(1, min.ordinal());
                p.setInt(2, limit);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(read(r.getString(1)));
                    }
                }
            }
            return out;
        });
    }

    public Optional<Alert> get(String id) {
        return store.read(c -> get(c, id));
    }

    static Optional<Alert> get(Connection c, String id) throws SQLException {
        try (PreparedStatement p = StateStore.prepare(c, "SELECT json FROM alerts WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(read(r.getString(1))) : Optional.empty();
            }
        }
    }

    public int size() {
        return (int) count(Severity.LOW);
    }

    /** How many alerts of at least {@code minSeverity} the feed holds. */
    public long count(Severity minSeverity) {
        return count(minSeverity, Jurisdiction.NATIONAL);
    }

    /** How many alerts of at least {@code minSeverity} within {@code j} the feed holds. */
    public long count(Severity minSeverity, Jurisdiction j) {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM alerts WHERE severity >= ?");
        List<Object> args = new ArrayList<>();
        args.add(minSeverity.ordinal());
        CaseSearch.jurisdiction(j, "region", "province", sql, args);
        return store.read(c -> {
            try (PreparedStatement p = CaseSearch.prepare(c, sql.toString(), args); ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /** How many alerts of at least {@code min} within {@code j} were posted on each WIB day that has any. */
    public Map<java.time.LocalDate, Long> perDay(Severity min, Jurisdiction j) {
        StringBuilder sql = new StringBuilder("SELECT (published_at + 25200000) / 86400000 AS day, count(*) FROM alerts WHERE severity >= ?");
        List<Object> args = new ArrayList<>(List.of(min.ordinal()));
        CaseSearch.jurisdiction(j, "region", "province", sql, args);
        sql.append(" GROUP BY day");
        return store.read(c -> {
            Map<java.time.LocalDate, Long> out = new java.util.TreeMap<>();
            try (PreparedStatement p = CaseSearch.prepare(c, sql.toString(), args); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.put(java.time.LocalDate.ofEpochDay(r.getLong(1)), r.getLong(2));
                }
            }
            return out;
        });
    }

    /** How many alerts of at least {@code min} within {@code j} there are per province code. */
    public Map<String, Long> perProvince(Severity min, Jurisdiction j) {
        StringBuilder sql = new StringBuilder("SELECT province, count(*) FROM alerts WHERE severity >= ?");
        List<Object> args = new ArrayList<>(List.of(min.ordinal()));
        CaseSearch.jurisdiction(j, "region", "province", sql, args);
        sql.append(" GROUP BY province");
        return store.read(c -> {
            Map<String, Long> out = new java.util.HashMap<>();
            try (PreparedStatement p = CaseSearch.prepare(c, sql.toString(), args); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
            return out;
        });
    }

    static Alert read(String json) {
        try {
            return Json.mapper().readValue(json, Alert.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
