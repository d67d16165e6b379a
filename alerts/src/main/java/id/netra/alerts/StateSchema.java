package id.netra.alerts;

import java.util.List;

/**
 * The tables of the {@link StateStore} (version {@link StateStore#SCHEMA_VERSION}). Times are epoch milliseconds,
 * severities their rank (LOW 0, MEDIUM 1, HIGH 2). A case's list columns (person, region, candidates, post) come from
 * its first alert and stay null until that alert is read; such a case is not listed yet. A case's row is kept narrow
 * so that counting and paging scan little: the post's text and what free-text search looks in are in
 * {@code case_texts}, read only for the rows shown.
 */
final class StateSchema {
    /**
     * The options of the FTS5 word tables. Words folded to lower case without their diacritics; an entry keeps which rows
     * have a word, not where in them ({@code detail = 'none'}: searches match words and word beginnings, no phrases); and no
     * row's size in words ({@code columnsize = 0}), which only ranking by relevance reads (results are listed by time,
     * never ranked): a million alerts' words were indexed in 4.7-5.0 s without it instead of 5.7-7.7 s.
     */
    private static final String WORDS = "tokenize = 'unicode61 remove_diacritics 2', detail = 'none', columnsize = 0";

    /** The tables, and the indexes that storing alerts and case events looks rows up by. */
    static final List<String> TABLES = List.of(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS positions (stream TEXT NOT NULL, partition INTEGER NOT NULL, next_offset INTEGER NOT NULL,"
                    + " PRIMARY KEY (stream, partition))",
            // Every alert, LOW included; json is the whole alert, the other columns are what lists filter and sort on. Each
            // id once: see KEYS (a file of an earlier version has the id as primary key instead, which is the same).
            "CREATE TABLE IF NOT EXISTS alerts (id TEXT NOT NULL, nip TEXT NOT NULL, severity INTEGER NOT NULL, region TEXT, province TEXT,"
                    + " published_at INTEGER NOT NULL, json TEXT NOT NULL)",
            // Free-text search by words and word beginnings: rowid is the alert's rowid in alerts. Words, not trigrams: a
            // trigram index writes a term per character and made storing an alert 15 times slower. See WORDS for its options.
            "CREATE VIRTUAL TABLE IF NOT EXISTS alert_search USING fts5(search, " + WORDS + ")",
            "CREATE TABLE IF NOT EXISTS cases (id TEXT PRIMARY KEY, year INTEGER, seq INTEGER, group_key TEXT, status TEXT NOT NULL,"
                    + " assignee TEXT, first_alert TEXT, opened_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
                    + " alerts INTEGER NOT NULL DEFAULT 0, severity INTEGER, rule TEXT, nip TEXT, name TEXT, agency TEXT, region TEXT,"
                    + " region_name TEXT, province TEXT, province_name TEXT, candidates TEXT, candidate_names TEXT, parties TEXT, platform TEXT, url TEXT,"
                    + " published_at INTEGER, published_offset INTEGER)",
            "CREATE TABLE IF NOT EXISTS case_texts (case_id TEXT PRIMARY KEY, text TEXT NOT NULL)",
            // rowid is the case's rowid in case_texts.
            "CREATE VIRTUAL TABLE IF NOT EXISTS case_search USING fts5(search, " + WORDS + ")",
            "CREATE INDEX IF NOT EXISTS cases_by_year ON cases (year, seq)",
            "CREATE INDEX IF NOT EXISTS cases_ungrouped ON cases (id) WHERE group_key IS NULL",
            // The alerts of each case in order; an alert's case is its latest row.
            "CREATE TABLE IF NOT EXISTS case_alerts (case_id TEXT NOT NULL, alert_id TEXT NOT NULL, ord INTEGER NOT NULL,"
                    + " PRIMARY KEY (case_id, alert_id))",
            // Candidates (kind 'candidate', name the pair's names) and parties of a case's first alert: filters and counts by name.
            "CREATE TABLE IF NOT EXISTS case_subjects (case_id TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL, name TEXT NOT NULL,"
                    + " PRIMARY KEY (case_id, kind, subject))",
            // Each candidate and party once (a few hundred rows): a filter by name is resolved here, then by index above.
            "CREATE TABLE IF NOT EXISTS subjects (kind TEXT NOT NULL, subject TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (kind, subject))",
            // Every case event; placed = applied by the leader and not yet known to be on the topic; type, alert_id and
            // assignee as in json, what deriving the cases after a build reads (not parsed out of json: 2.2 s of 2.7 in
            // reading a million events in case order).
            // seq is the order events were stored in (no AUTOINCREMENT: a seq freed by a deleted event may come again, after
            // every event stored). Each id once: see KEYS (a file of an earlier version has it UNIQUE instead, the same).
            "CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, case_id TEXT NOT NULL,"
                    + " at INTEGER NOT NULL, json TEXT NOT NULL, placed INTEGER NOT NULL DEFAULT 0, type TEXT NOT NULL, alert_id TEXT, assignee TEXT)",
            "CREATE INDEX IF NOT EXISTS events_placed ON events (id) WHERE placed = 1",
            // While a state is built from the beginning, what goes into the cases' word table waits here (appended in rowid
            // order, cheap) and is indexed in one pass once caught up (the alerts' words wait in alert_facts): FTS5
            // inserted into a poll at a time spent two thirds of a million-alert build merging its segments.
            "CREATE TABLE IF NOT EXISTS case_search_pending (rowid INTEGER PRIMARY KEY, search TEXT NOT NULL)",
            // While a state is built from the beginning, what a case takes from its first alert (see CaseBook.describe), and
            // the alert's words (search), for each alert (rowid the alert's rowid in alerts): the cases are described and the
            // words indexed from here in one pass once caught up (CaseBook.linkBuilt), not as the alerts and events come in.
            "CREATE TABLE IF NOT EXISTS alert_facts (rowid INTEGER PRIMARY KEY, group_key TEXT NOT NULL, rule TEXT, nip TEXT, name TEXT, agency TEXT,"
                    + " region TEXT, region_name TEXT, province TEXT, province_name TEXT, candidates TEXT, candidate_names TEXT, parties TEXT,"
                    + " platform TEXT, url TEXT, published_at INTEGER, published_offset INTEGER, text TEXT NOT NULL, search TEXT NOT NULL,"
                    + " subjects TEXT NOT NULL)",
            // One row while the state is built from the topics' beginnings (see StateStore.loaded).
            "CREATE TABLE IF NOT EXISTS building (since INTEGER NOT NULL)",
            // The counts beside the case list, kept as cases change (see CaseCounts); '' and -1 stand for none.
            "CREATE TABLE IF NOT EXISTS case_counts (region TEXT NOT NULL, province TEXT NOT NULL, province_name TEXT NOT NULL, status TEXT NOT NULL,"
                    + " severity INTEGER NOT NULL, agency TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (region, status, severity, agency))",
            "CREATE TABLE IF NOT EXISTS case_subject_counts (region TEXT NOT NULL, province TEXT NOT NULL, status TEXT NOT NULL, severity INTEGER NOT NULL,"
                    + " kind TEXT NOT NULL, name TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (region, status, severity, kind, name))");

    /**
     * Each alert and each case event once, by id: what storing one looks up to replace it or mark it as read from the
     * topic. A state built from the topics' beginnings is stored without them (each record appended; its ids' entries,
     * at random places in an index that outgrows the page cache, took a third of the writer's time while reading a
     * million alerts) and they are built once it has caught up ({@link StateStore#loaded}), after taking out an alert or
     * event stored twice as storing it again would have.
     */
    static final List<String> KEYS = List.of(
            "CREATE UNIQUE INDEX IF NOT EXISTS alerts_by_id ON alerts (id)",
            "CREATE UNIQUE INDEX IF NOT EXISTS events_by_id ON events (id)");

    /**
     * Of {@link #DEFERRED}, the indexes only the alerts' feed reads (its list newest first, by severity, by province).
     * After a build on two connections they are made once the service is ready (see {@link StateStore#loaded}): the
     * cases' views do not read them, and until they are there the feed's list is found by reading every alert (slower,
     * the same rows).
     */
    static final List<String> FEED = List.of(
            "CREATE INDEX IF NOT EXISTS alerts_by_time ON alerts (published_at DESC, id DESC)",
            "CREATE INDEX IF NOT EXISTS alerts_by_severity ON alerts (severity, published_at DESC, id DESC)",
            "CREATE INDEX IF NOT EXISTS alerts_by_province ON alerts (province, published_at DESC)");

    /**
     * The indexes only the views use (lists, filters, sorts, counts). A state built from the topics' beginnings is stored
     * without them and they are built once it has caught up ({@link StateStore#loaded}): sorting a million rows once is
     * far quicker than keeping fifteen indexes in order through a million random inserts.
     */
    static final List<String> DEFERRED = List.of(
            FEED.get(0),
            FEED.get(1),
            "CREATE INDEX IF NOT EXISTS alerts_by_nip ON alerts (nip)",
            FEED.get(2),
            // Placing a new alert looks its group up here; while a state is built, alerts already have their cases.
            "CREATE INDEX IF NOT EXISTS cases_by_group ON cases (group_key)",
            "CREATE INDEX IF NOT EXISTS cases_by_update ON cases (updated_at, id)",
            "CREATE INDEX IF NOT EXISTS cases_by_opening ON cases (opened_at, id)",
            "CREATE INDEX IF NOT EXISTS cases_by_severity ON cases (severity, updated_at, id)",
            "CREATE INDEX IF NOT EXISTS cases_by_nip ON cases (nip)",
            "CREATE INDEX IF NOT EXISTS cases_by_province ON cases (province, updated_at)",
            "CREATE INDEX IF NOT EXISTS cases_by_region ON cases (region, updated_at)",
            "CREATE INDEX IF NOT EXISTS cases_by_assignee ON cases (assignee, updated_at)",
            "CREATE INDEX IF NOT EXISTS case_subjects_by_subject ON case_subjects (subject, case_id)",
            "CREATE INDEX IF NOT EXISTS events_by_case ON events (case_id, seq)",
            // Which case an alert is in (placing a new alert, storing one already placed); a build does neither before it is
            // built, and sorting the rows once is quicker than keeping it in order through the derivation's inserts.
            "CREATE INDEX IF NOT EXISTS case_alerts_by_alert ON case_alerts (alert_id)");

    /** Everything, for a state that is not being built from the beginning. */
    static final List<String> STATEMENTS = java.util.stream.Stream.of(TABLES, KEYS, DEFERRED).flatMap(List::stream).toList();

    /** The table a statement of {@link #KEYS} indexes. */
    static String keyed(String sql) {
        return sql.replaceAll(".* ON (\\w+) \\(.*", "$1");
    }

    private StateSchema() {
    }
}
