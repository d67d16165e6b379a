package id.netra.alerts;

import id.netra.alerts.auth.Jurisdiction;
import id.netra.model.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts beside the case list kept as they change, instead of counted over every matching case at each request:
 * one row per listed cases' combination of regency, status, severity and agency ({@code case_counts}), and per
 * combination of regency, status, severity and candidate pair or party name ({@code case_subject_counts}). A national
 * campaign's 300,000 cases make a few thousand of the first and tens of thousands of the second, so the counts of a
 * list filtered by jurisdiction, region, status and severity (the analysts' usual views) sum a few hundred rows
 * where counting the cases read them all (seconds per view at that scale). Other filters (text, dates, agency, person,
 * candidate, queues) count the matching cases as before.
 *
 * <p>Every change of a listed case's counted columns is a {@link #remove} before it and an {@link #add} after it, in
 * the same transaction (see {@link CaseBook}).
 */
final class CaseCounts {
    private CaseCounts() {
    }

    /** Whether the counts of {@code q} can be read here (its filters are among the counted columns). */
    static boolean covers(CaseQuery q) {
        return q.agency() == null && q.subject() == null && q.from() == null && q.to() == null && (q.text() == null || q.text().isBlank())
                && q.queue() == null;
    }

    /** Counts every listed case afresh (after a state was built without keeping the counts), in the caller's transaction. */
    static void recount(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("DELETE FROM case_counts");
            s.execute("DELETE FROM case_subject_counts");
            s.execute("INSERT INTO case_counts(region, province, province_name, status, severity, agency, n)"
                    + " SELECT coalesce(region, ''), coalesce(province, ''), coalesce(province_name, ''), status, coalesce(severity, -1), coalesce(agency, ''),"
                    + " count(*) FROM cases WHERE nip IS NOT NULL GROUP BY 1, 4, 5, 6");
            s.execute("INSERT INTO case_subject_counts(region, province, status, severity, kind, name, n)"
                    + " SELECT coalesce(c.region, ''), coalesce(c.province, ''), c.status, coalesce(c.severity, -1), s.kind, s.name, count(*)"
                    + " FROM cases c JOIN case_subjects s ON s.case_id = c.id WHERE c.nip IS NOT NULL GROUP BY 1, 3, 4, 5, 6");
        }
    }

    /** Takes {@code caseId} out of the counts as it is now (nothing if it is not listed): call before changing it. */
    static void remove(Connection c, String caseId) throws SQLException {
        change(c, caseId, -1);
    }

    /** Puts {@code caseId} into the counts as it is now (nothing if it is not listed): call after changing it. */
    static void add(Connection c, String caseId) throws SQLException {
        change(c, caseId, 1);
    }

    private static void change(Connection c, String caseId, int by) throws SQLException {
        if (StateStore.isBuilding(c)) {
            // A state being built is counted once, when it has caught up (StateStore.loaded).
            return;
        }
        String region;
        String province;
        String provinceName;
        String status;
        int severity;
        String agency;
        try (PreparedStatement p = StateStore.prepare(c, "SELECT region, province, province_name, status, coalesce(severity, -1), agency FROM cases"
                + " WHERE id = ? AND nip IS NOT NULL")) {
            p.setString(1, caseId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return;
                }
                region = nonNull(r.getString(1));
                province = nonNull(r.getString(2));
                provinceName = nonNull(r.getString(3));
                status = r.getString(4);
                severity = r.getInt(5);
                agency = nonNull(r.getString(6));
            }
        }
        try (PreparedStatement p = StateStore.prepare(c, "INSERT INTO case_counts(region, province, province_name, status, severity, agency, n)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(region, status, severity, agency) DO UPDATE SET n = n + excluded.n")) {
            p.setString(1, region);
            p.setString(2, province);
            p.setString(3, provinceName);
            p.setString(4, status);
            p.setInt(5, severity);
            p.setString(6, agency);
            p.setInt(7, by);
            p.executeUpdate();
        }
        try (PreparedStatement p = StateStore.prepare(c, "INSERT INTO case_subject_counts(region, province, status, severity, kind, name, n)"
                + " SELECT ?, ?, ?, ?, kind, name, ? FROM case_subjects WHERE case_id = ? AND true"
                + " ON CONFLICT(region, status, severity, kind, name) DO UPDATE SET n = n + excluded.n")) {
            p.setString(1, region);
            p.setString(2, province);
            p.setString(3, status);
            p.setInt(4, severity);
            p.setInt(5, by);
            p.setString(6, caseId);
            p.executeUpdate();
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** How many listed cases {@code q} matches for a user of {@code j} ({@link #covers} must hold). */
    static long total(Connection c, CaseQuery q, Jurisdiction j) throws SQLException {
        Where w = where(q, j);
        try (PreparedStatement p = CaseSearch.prepare(c, "SELECT coalesce(sum(n), 0) FROM case_counts WHERE " + w.sql, w.args);
             ResultSet r = p.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The counts beside the list for {@code q} and a user of {@code j} ({@link #covers} must hold), as {@link CaseSearch} shows them. */
    static Map<String, Map<String, Long>> counts(Connection c, CaseQuery q, Jurisdiction j) throws SQLException {
        Where w = where(q, j);
        int most = CaseSearch.FACET_VALUES;
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        out.put("status", CaseSearch.facet(c, "SELECT status, sum(n) FROM case_counts WHERE " + w.sql + " GROUP BY 1 HAVING sum(n) > 0 ORDER BY 2 DESC, 1", w.args));
        Map<String, Long> severities = new LinkedHashMap<>();
        CaseSearch.facet(c, "SELECT severity, sum(n) FROM case_counts WHERE severity >= 0 AND " + w.sql + " GROUP BY 1 HAVING sum(n) > 0 ORDER BY 1 DESC", w.args)
                .forEach((k, v) -> severities.put(Severity.values()[Integer.parseInt(k)].name(), v));
        out.put("severity", severities);
        out.put("province", CaseSearch.facet(c, "SELECT nullif(province_name, ''), sum(n) FROM case_counts WHERE " + w.sql
                + " GROUP BY province_name HAVING sum(n) > 0 ORDER BY 2 DESC, 1 LIMIT " + most, w.args));
        for (String kind : List.of("candidate", "party")) {
            List<Object> args = new ArrayList<>(w.args);
            args.add(kind);
            out.put(kind, CaseSearch.facet(c, "SELECT name, sum(n) FROM case_subject_counts WHERE " + w.sql + " AND kind = ? GROUP BY 1 HAVING sum(n) > 0"
                    + " ORDER BY 2 DESC, 1 LIMIT " + most, args));
        }
        out.put("agency", CaseSearch.facet(c, "SELECT agency, sum(n) FROM case_counts WHERE agency <> '' AND " + w.sql + " GROUP BY 1 HAVING sum(n) > 0"
                + " ORDER BY 2 DESC, 1 LIMIT " + most, w.args));
        return out;
    }

    private record Where(String sql, List<Object> args) {
    }

    /** The conditions on both count tables' columns (region, province, status, severity). */
    private static Where where(CaseQuery q, Jurisdiction j) {
        StringBuilder sql = new StringBuilder("1 = 1");
        List<Object> args = new ArrayList<>();
        CaseSearch.jurisdiction(j, "region", "province", sql, args);
        CaseSearch.counted(q, sql, args);
        return new Where(sql.toString(), args);
    }
}
