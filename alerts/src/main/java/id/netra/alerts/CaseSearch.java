package id.netra.alerts;

import id.netra.alerts.auth.Jurisdiction;
import id.netra.model.Severity;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The case list in SQL over the {@link StateStore}: a {@link CaseQuery}'s filters and the viewer's jurisdiction as
 * where clauses, keyset pages in any {@link CaseSort} (the cursor holds the last row's sort values, so a page costs the
 * same at the millionth case as at the first), the counts beside the filters by name, and exports streamed row by row.
 * A case is listed once its first alert is known. Thread-safe.
 */
public final class CaseSearch {
    /** How many values each facet shows, most cases first. */
    static final int FACET_VALUES = 15;
    private static final ZoneOffset WIB = ZoneOffset.ofHours(7);
    private static final String COLUMNS = "id, status, assignee, alerts, severity, rule, nip, name, agency, region, region_name, province,"
            + " candidates, candidate_names, parties, platform, url, (SELECT t.text FROM case_texts t WHERE t.case_id = cases.id) AS text,"
            + " published_at, published_offset, opened_at, updated_at";

    /**
     * One page of cases, the cursor of the next page (null on the last), how many match in all, and the counts per facet
     * (computed at most every few seconds per filter: they may lag a live change by that much).
     */
    public record Page(List<CaseView> cases, String next, long total, Map<String, Map<String, Long>> counts) {
        public Page {
            cases = List.copyOf(cases);
        }
    }

    /** How long the counts of one filter are reused: the next pages, and other analysts with the same filter, count nothing. */
    static final long COUNTS_FRESH_NANOS = java.time.Duration.ofSeconds(5).toNanos();
    private static final int COUNTS_KEPT = 256;

    private record Counted(long total, Map<String, Map<String, Long>> counts, long at) {
    }

    private final StateStore store;
    /** The counts of recent filters (at most {@link #COUNTS_KEPT}, least recently used dropped). */
    private final Map<String, Counted> recent = java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Counted> eldest) {
            return size() > COUNTS_KEPT;
        }
    });

    public CaseSearch(StateStore store) {
        this.store = store;
    }

    /**
     * The page of {@code q} a user of {@code j} named {@code viewer} sees.
     *
     * @param limit how many cases at most
     */
    public Page page(CaseQuery q, Jurisdiction j, String viewer, int limit) {
        return store.read(c -> {
            Where w = where(q, j, viewer, false);
            Where paged = where(q, j, viewer, true);
            List<CaseView> rows = new ArrayList<>();
            List<Object> args = new ArrayList<>(paged.args);
            args.add(limit + 1);
            try (PreparedStatement p = prepare(c, "SELECT " + COLUMNS + " FROM cases WHERE " + paged.sql + order(q.sort()) + " LIMIT ?", args);
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(view(r));
                }
            }
            String next = null;
            if (rows.size() > limit) {
                rows = rows.subList(0, limit);
                next = cursor(q.sort(), rows.getLast());
            }
            String key = w.sql + w.args;
            Counted counted = recent.get(key);
            if (counted == null || System.nanoTime() - counted.at() > COUNTS_FRESH_NANOS) {
                // The usual views' counts are kept as cases change; others are counted over the matching cases.
                counted = CaseCounts.covers(q) ? new Counted(CaseCounts.total(c, q, j), CaseCounts.counts(c, q, j), System.nanoTime())
                        : counted(c, w);
                recent.put(key, counted);
            }
            return new Page(rows, next, counted.total(), counted.counts());
        });
    }

    /** Every case of {@code q} a user of {@code j} sees, in order, handed to {@code out} one by one without holding them. */
    public long each(CaseQuery q, Jurisdiction j, String viewer, Consumer<CaseView> out) {
        return store.read(c -> {
            Where w = where(q, j, viewer, true);
            long n = 0;
            try (PreparedStatement p = prepare(c, "SELECT " + COLUMNS + " FROM cases WHERE " + w.sql + order(q.sort()), w.args)) {
                p.setFetchSize(500);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.accept(view(r));
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /** How many cases of {@code q} a user of {@code j} sees. */
    public long count(CaseQuery q, Jurisdiction j, String viewer) {
        return store.read(c -> CaseCounts.covers(q) ? CaseCounts.total(c, q, j) : count(c, where(q, j, viewer, false)));
    }

    /** As {@link #page}'s counts, always counted over the matching cases (to check {@link CaseCounts} against). */
    Map<String, Map<String, Long>> countedOverCases(CaseQuery q, Jurisdiction j, String viewer) {
        return store.read(c -> counted(c, where(q, j, viewer, false)).counts());
    }

    /** As {@link #count}, always counted over the matching cases. */
    long countOverCases(CaseQuery q, Jurisdiction j, String viewer) {
        return store.read(c -> count(c, where(q, j, viewer, false)));
    }

    /** One case's list row, if a user of {@code j} may see it. */
    public Optional<CaseView> view(String caseId, Jurisdiction j) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM cases WHERE id = ? AND nip IS NOT NULL");
        List<Object> args = new ArrayList<>(List.of(caseId));
        jurisdiction(j, "region", "province", sql, args);
        return store.read(c -> {
            try (PreparedStatement p = prepare(c, sql.toString(), args); ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(view(r)) : Optional.empty();
            }
        });
    }

    /** One case's list row, if it matches {@code q}'s filters (its cursor aside) and a user of {@code j} may see it. */
    public Optional<CaseView> view(String caseId, CaseQuery q, Jurisdiction j, String viewer) {
        Where w = where(q, j, viewer, false);
        List<Object> args = new ArrayList<>(w.args);
        args.add(caseId);
        return store.read(c -> {
            try (PreparedStatement p = prepare(c, "SELECT " + COLUMNS + " FROM cases WHERE " + w.sql + " AND id = ?", args);
                 ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(view(r)) : Optional.empty();
            }
        });
    }

    /** The region code of a case (of its first alert), or null while that alert is not known. */
    public String regionOf(String caseId) {
        return store.read(c -> {
            try (PreparedStatement p = prepare(c, "SELECT region FROM cases WHERE id = ?", List.of(caseId)); ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        });
    }

    /** Every case of one civil servant within {@code j}, most recently changed first (a person has few). */
    public List<CaseView> casesOfNip(String nip, Jurisdiction j) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM cases WHERE nip = ?");
        List<Object> args = new ArrayList<>(List.of(nip));
        jurisdiction(j, "region", "province", sql, args);
        sql.append(" ORDER BY updated_at DESC, id DESC");
        return store.read(c -> {
            List<CaseView> out = new ArrayList<>();
            try (PreparedStatement p = prepare(c, sql.toString(), args); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(view(r));
                }
            }
            return out;
        });
    }

    /** How many cases within {@code j} are open (not confirmed or dismissed), by their age at {@code now} (see {@link Overview#AGES}). */
    public Map<String, Long> openByAge(Jurisdiction j, Instant now) {
        long day = java.time.Duration.ofDays(1).toMillis();
        long t = now.toEpochMilli();
        StringBuilder sql = new StringBuilder("SELECT sum(opened_at > ?), sum(opened_at <= ? AND opened_at > ?), sum(opened_at <= ? AND opened_at > ?),"
                + " sum(opened_at <= ?) FROM cases WHERE nip IS NOT NULL AND status NOT IN ('CONFIRMED', 'DISMISSED')");
        List<Object> args = new ArrayList<>(List.of(t - day, t - day, t - 3 * day, t - 3 * day, t - 7 * day, t - 7 * day));
        jurisdiction(j, "region", "province", sql, args);
        return store.read(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement p = prepare(c, sql.toString(), args); ResultSet r = p.executeQuery()) {
                r.next();
                for (int i = 0; i < Overview.AGES.size(); i++) {
                    out.put(Overview.AGES.get(i), r.getLong(i + 1));
                }
            }
            return out;
        });
    }

    private record Where(String sql, List<Object> args) {
    }

    private static Where where(CaseQuery q, Jurisdiction j, String viewer, boolean paged) {
        StringBuilder sql = new StringBuilder("nip IS NOT NULL");
        List<Object> args = new ArrayList<>();
        jurisdiction(j, "region", "province", sql, args);
        counted(q, sql, args);
        for (String word : nameWords(expandAgency(q.agency()))) {
            sql.append(" AND instr(lower(agency), ?) > 0");
            args.add(word);
        }
        List<String> subjectWords = nameWords(q.subject());
        if (q.subject() != null) {
            // An id, or every word of a pair's or party's name in it (however the words are joined: "A – B", "A - B", "A B").
            sql.append(" AND id IN (SELECT cs.case_id FROM case_subjects cs WHERE cs.subject IN (SELECT s.subject FROM subjects s WHERE s.subject = ?"
                    + " OR s.subject LIKE ? || '/%' OR (s.kind = 'candidate' AND substr(s.subject, instr(s.subject, '/') + 1) = ?)");
            args.add(q.subject());
            args.add(q.subject());
            args.add(q.subject());
            if (!subjectWords.isEmpty()) {
                sql.append(" OR (").append(String.join(" AND ", java.util.Collections.nCopies(subjectWords.size(), "instr(lower(s.name), ?) > 0")))
                        .append(')');
                args.addAll(subjectWords);
            }
            sql.append("))");
        }
        if (q.from() != null) {
            sql.append(" AND published_at >= ?");
            args.add(q.from().atStartOfDay().toInstant(WIB).toEpochMilli());
        }
        if (q.to() != null) {
            sql.append(" AND published_at < ?");
            args.add(q.to().plusDays(1).atStartOfDay().toInstant(WIB).toEpochMilli());
        }
        if (q.text() != null && !q.text().isBlank()) {
            sql.append(" AND id IN (SELECT case_id FROM case_texts WHERE rowid IN (SELECT rowid FROM case_search WHERE 1 = 1");
            words(q.text(), "case_search", "search", sql, args);
            sql.append("))");
        }
        if (q.queue() == CaseQuery.Queue.MINE) {
            sql.append(" AND assignee = ?");
            args.add(viewer == null ? "" : viewer);
        } else if (q.queue() == CaseQuery.Queue.UNASSIGNED) {
            sql.append(" AND assignee IS NULL");
        }
        if (paged && q.after() != null) {
            Object[] key = uncursor(q.sort(), q.after());
            String[] cols = q.sort().keys();
            sql.append(" AND (").append(String.join(", ", cols)).append(q.sort().descending ? ") < (" : ") > (")
                    .append(String.join(", ", java.util.Collections.nCopies(cols.length, "?"))).append(')');
            args.addAll(List.of(key));
        }
        return new Where(sql.toString(), args);
    }

    /** Appends {@code q}'s conditions on the columns {@link CaseCounts} keeps counts by: region (or province), severity, status. */
    static void counted(CaseQuery q, StringBuilder sql, List<Object> args) {
        if (q.region() != null) {
            sql.append(q.region().contains(".") ? " AND region = ?" : " AND province = ?");
            args.add(q.region());
        }
        if (q.minSeverity() != null) {
            sql.append(" AND severity >= ?");
            args.add(q.minSeverity().ordinal());
        }
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().name());
        }
    }

    private static String order(CaseSort sort) {
        String dir = sort.descending ? " DESC" : "";
        return " ORDER BY " + String.join(dir + ", ", sort.keys()) + dir;
    }

    /** Appends the jurisdiction's condition on a region and a province column. */
    static void jurisdiction(Jurisdiction j, String regionColumn, String provinceColumn, StringBuilder sql, List<Object> args) {
        if (j.national()) {
            return;
        }
        sql.append(" AND ").append(j.code().contains(".") ? regionColumn : provinceColumn).append(" = ?");
        args.add(j.code());
    }

    /** The words of a name as typed (letters and digits; dashes, dots and commas between them only part them), lower case. */
    static List<String> nameWords(String typed) {
        if (typed == null) {
            return List.of();
        }
        return java.util.Arrays.stream(typed.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
    }

    /**
     * An agency as analysts write it: the everyday short forms of local governments ("Pemkot Metro", "Pemkab Bandung",
     * "Pemprov Riau") as the registry spells them ("Pemerintah Kota Metro").
     */
    static String expandAgency(String typed) {
        if (typed == null) {
            return null;
        }
        return typed.replaceAll("(?iU)\\bpemkot\\b", "Pemerintah Kota").replaceAll("(?iU)\\bpemkab\\b", "Pemerintah Kabupaten")
                .replaceAll("(?iU)\\bpemprov\\b", "Pemerintah Provinsi").replaceAll("(?iU)\\bkab\\b\\.?", "Kabupaten")
                .replaceAll("(?iU)\\bprov\\b\\.?", "Provinsi");
    }

    /**
     * Appends conditions that each word of {@code text} occurs in the (lower case) {@code column} of the word search table {@code table}
     * (FTS5, {@code unicode61}): a {@code MATCH} the index answers, every letter-or-digit run of the word as a word
     * beginning ({@code "run"*}), then {@code instr} for the exact word. So a word is found where a word of the text
     * begins with it ({@code menang} finds {@code menangkan}, {@code 000092} finds {@code NTR-2024-000092}), not in the
     * middle of one.
     */
    static void words(String text, String table, String column, StringBuilder sql, List<Object> args) {
        if (text == null || text.isBlank()) {
            return;
        }
        String[] words = text.toLowerCase(Locale.ROOT).strip().split("\\s+");
        // One MATCH (an FTS5 table answers one per query): the runs of every word, each a word beginning, all required.
        String match = java.util.Arrays.stream(words).flatMap(word -> java.util.Arrays.stream(word.split("[^\\p{L}\\p{N}]+")))
                .filter(run -> !run.isEmpty()).map(run -> "\"" + run + "\"*").collect(java.util.stream.Collectors.joining(" "));
        if (!match.isEmpty()) {
            sql.append(" AND ").append(table).append(" MATCH ?"); // the table: detail=none has no column filters
            args.add(match);
        }
        for (String word : words) {
            sql.append(" AND instr(").append(column).append(", ?) > 0");
            args.add(word);
        }
    }

    static PreparedStatement prepare(Connection c, String sql, List<Object> args) throws SQLException {
        PreparedStatement p = StateStore.prepare(c, sql);
        for (int i = 0; i < args.size(); i++) {
            p.setObject(i + 1, args.get(i));
        }
        return p;
    }

    private static long count(Connection c, Where w) throws SQLException {
        try (PreparedStatement p = prepare(c, "SELECT count(*) FROM cases WHERE " + w.sql, w.args); ResultSet r = p.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * How many cases match and the counts beside the filters (per status, severity, province, candidate pair and party by
     * name, agency; most first), in one statement: the matching cases are found once and every count is taken from them.
     * (Counted one query each, a text search matching all of 300,000 cases found them seven times: 4.4 s, 2.0 s so.)
     */
    private static Counted counted(Connection c, Where w) throws SQLException {
        String sql = "WITH m AS MATERIALIZED (SELECT id, status, severity, province_name, agency FROM cases WHERE " + w.sql + "),"
                + " f(facet, value, n) AS (SELECT 'total', NULL, count(*) FROM m"
                + " UNION ALL SELECT 'status', status, count(*) FROM m GROUP BY 2"
                + " UNION ALL SELECT 'severity', severity, count(*) FROM m GROUP BY 2"
                + " UNION ALL SELECT 'province', province_name, count(*) FROM m GROUP BY 2"
                + " UNION ALL SELECT 'agency', agency, count(*) FROM m WHERE agency IS NOT NULL GROUP BY 2"
                // From the matching cases to their subjects (not the other way): a narrow filter reads few rows.
                + " UNION ALL SELECT s.kind, s.name, count(*) FROM m CROSS JOIN case_subjects s ON s.case_id = m.id"
                + " AND s.kind IN ('candidate', 'party') GROUP BY 1, 2)"
                + " SELECT facet, value, n FROM (SELECT facet, value, n, row_number() OVER (PARTITION BY facet ORDER BY n DESC, value) AS k FROM f)"
                + " WHERE facet IN ('status', 'severity') OR k <= " + FACET_VALUES + " ORDER BY facet, k";
        long total = 0;
        Map<String, Map<String, Long>> found = new java.util.HashMap<>();
        try (PreparedStatement p = prepare(c, sql, w.args); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                String facet = r.getString(1);
                if (facet.equals("total")) {
                    total = r.getLong(3);
                } else {
                    found.computeIfAbsent(facet, k -> new LinkedHashMap<>()).put(String.valueOf(r.getString(2)), r.getLong(3));
                }
            }
        }
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        out.put("status", found.getOrDefault("status", Map.of()));
        Map<String, Long> severities = new LinkedHashMap<>();
        found.getOrDefault("severity", Map.of()).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByKey(java.util.Comparator.comparingInt(Integer::parseInt)).reversed())
                .forEach(e -> severities.put(Severity.values()[Integer.parseInt(e.getKey())].name(), e.getValue()));
        out.put("severity", severities);
        for (String facet : List.of("province", "candidate", "party", "agency")) {
            out.put(facet, found.getOrDefault(facet, Map.of()));
        }
        return new Counted(total, out, System.nanoTime());
    }

    static Map<String, Long> facet(Connection c, String sql, List<Object> args) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement p = prepare(c, sql, args); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.put(String.valueOf(r.getString(1)), r.getLong(2));
            }
        }
        return out;
    }

    private static CaseView view(ResultSet r) throws SQLException {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(r.getInt("published_offset"));
        return new CaseView(r.getString("id"), CaseFile.Status.valueOf(r.getString("status")), r.getString("assignee"), r.getInt("alerts"),
                Severity.values()[r.getInt("severity")], r.getString("rule"), r.getString("nip"), r.getString("name"), r.getString("agency"),
                r.getString("region"), r.getString("region_name"), r.getString("province"), lines(r.getString("candidates")),
                lines(r.getString("parties")), r.getString("platform"), r.getString("url"), r.getString("text"),
                Instant.ofEpochMilli(r.getLong("published_at")).atOffset(offset), Instant.ofEpochMilli(r.getLong("opened_at")),
                Instant.ofEpochMilli(r.getLong("updated_at")), lines(r.getString("candidate_names")));
    }

    private static List<String> lines(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }

    /** Where the page after {@code last} starts: its sort values and id, opaque to the client. */
    static String cursor(CaseSort sort, CaseView last) {
        StringBuilder s = new StringBuilder();
        for (String key : sort.keys()) {
            Object v = switch (key) {
                case "severity" -> last.severity().ordinal();
                case "updated_at" -> last.updatedAt().toEpochMilli();
                case "opened_at" -> last.openedAt().toEpochMilli();
                case "published_at" -> last.publishedAt().toInstant().toEpochMilli();
                default -> last.id();
            };
            s.append(s.isEmpty() ? "" : "|").append(v);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The sort values and id in a cursor of {@code sort}'s order; @throws IllegalArgumentException naming {@code after} */
    static Object[] uncursor(CaseSort sort, String cursor) {
        String[] keys = sort.keys();
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", keys.length);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("after '" + cursor + "' is not a cursor from a previous page");
        }
        if (parts.length != keys.length) {
            throw new IllegalArgumentException("after '" + cursor + "' is not a cursor of the " + sort.id() + " order");
        }
        Object[] out = new Object[keys.length];
        try {
            for (int i = 0; i < keys.length; i++) {
                out[i] = keys[i].equals("id") ? parts[i] : Long.parseLong(parts[i]);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("after '" + cursor + "' is not a cursor of the " + sort.id() + " order");
        }
        return out;
    }
}
