package id.netra.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts service's state off the heap: one SQLite file (WAL) holding every alert, every case with the columns its
 * list row needs, every case event, and the next offset to read per topic partition. Rows and positions are written
 * in one SQLite transaction, so after a restart the service reads the topics on from where the file stops.
 *
 * <p>A file written by another schema version, or fed from other topics, is deleted and rebuilt from the topics (the
 * topics are the record; this file is a cache of what they say). One connection writes (callers serialise on this
 * object; while a state built from the topics runs its passes, a second one builds the cases in a file beside it, see
 * {@link #loaded}); reads take one of a few read-only connections, which see the last committed state.
 */
public final class StateStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StateStore.class);
    /** SQLite's page cache of the writing connection, in KiB (outside the Java heap). */
    static final int WRITER_CACHE_KIB = 256 * 1024;
    /** SQLite's page cache of each reading connection, in KiB (outside the Java heap). */
    static final int READER_CACHE_KIB = 16 * 1024;
    /**
     * While a state is built from the topics' beginnings: the writer's page cache, in KiB (native). A build appends rows
     * and keeps only the alerts' and events' ids in order at random places (the views' indexes and words wait for
     * {@link #loaded}), and reads other pages through the memory map: a small cache holds what it changes between
     * commits. A bigger one was slower: storing a million alerts with their facts and events took 23.5-25.9 s with 128 MiB,
     * 29.7 s with 1 GiB (each new page of the cache is memory the system must first hand over: twice the system time),
     * and 26.7 s with 64 MiB (pages written out and read again before their commit: 6.2 GB written instead of 3.5);
     * the passes after, on a copy of a million-alert state, 36-37 s instead of 44 s.
     */
    static final int BUILD_CACHE_KIB = 128 * 1024;
    /**
     * How much of the file the connections read through a memory map (SQLite's {@code mmap_size}): pages read from the
     * operating system's cache without a copy into SQLite's own. The address space is reserved, not the memory.
     */
    static final long MMAP_BYTES = 8L << 30;
    /** How large the write-ahead log's file stays once checkpointed (SQLite's {@code journal_size_limit}). */
    static final long WAL_LIMIT_BYTES = 64L << 20;
    /** SQLite's default: the write-ahead log is copied into the file at the first commit that leaves it this many pages long. */
    static final int WAL_AUTOCHECKPOINT_PAGES = 1000;
    /** The page size of a new state file (SQLite's {@code page_size}). */
    static final int PAGE_BYTES = 16 * 1024;
    /** How many rows of each index the planner's statistics look at (SQLite's {@code analysis_limit}). */
    static final int ANALYSIS_ROWS = 1000;
    /** Raised whenever a table, column or index changes meaning: an older file is then rebuilt. */
    static final int SCHEMA_VERSION = 7;
    static final String FILE_NAME = "alerts-state.db";
    private static final int READERS = 4;

    /** A piece of work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    private final Path file;
    /** Held while open: a second service on the same directory fails at start instead of mixing two states. */
    private final java.nio.channels.FileChannel lock;
    private final Connection writer;
    /** Read-only connections; empty for a store in memory, whose reads share the writer. */
    private final BlockingQueue<Connection> readers;
    private final List<Connection> allReaders = new ArrayList<>();
    private volatile boolean rebuilt;
    /** Whether the state is being built from the beginning: its views' indexes, words and counts wait for {@link #loaded()}. */
    private volatile boolean building;
    /** Whether the last build's passes ran on two connections, the cases built in a file beside (see {@link #loaded}). */
    private volatile boolean builtApart;
    /**
     * How a state being built from the topics is written: without waiting for the disk at each commit or checkpoint
     * (a fifth of a first start's time went to them). Safe against a crash of the service, not of the machine; so a build
     * that stopped starts again (see {@link #open}), and a state counts as built only once every page of it is on disk
     * (see {@link #settle}).
     */
    private static final String BUILD_SYNC = "OFF";
    /**
     * How a new state file is journaled while it is built from the topics: not at all. Its pages go straight into the file
     * at each commit instead of into the write-ahead log and then, at each checkpoint, into the file again (storing a
     * million alerts took about a fifth longer in WAL). A build that fails or stops leaves a file to throw away, which
     * is what happens to it anyway (its {@code building} mark, see {@link #open}); readers do not read it meanwhile
     * (see {@link #read}). Once built it goes to WAL, as every other state file is ({@link #loaded}). A state built again
     * in place ({@link #wipe}) keeps WAL: its readers may be reading.
     */
    private static final String BUILD_JOURNAL = "OFF";
    /** Writes a built state out to the disk (see {@link #settle}); null before. */
    private volatile Thread settler;
    /** How many {@link #write} calls this thread is in (guarded by this): only the outermost commits. */
    private int depth;
    /**
     * How many callers of {@link #grouped} are in it (guarded by this): while one is, or while the state is being built,
     * writes are committed together at most {@link #GROUP_COMMIT_EVERY} apart.
     */
    private int groups;
    /** When the writer last committed (guarded by this). */
    private long lastCommit = System.nanoTime();
    /** Uncommitted work of earlier writes is in the writer's transaction (guarded by this). */
    private boolean uncommitted;
    /** Why a write failed with other writes' work uncommitted beside it (all of it undone); null while none did. */
    private volatile Throwable failed;
    /**
     * How far apart grouped commits are. A commit writes every page its transaction changed: catching up a poll at a
     * time rewrote the same pages of the cases, the alerts and their indexes over and over.
     */
    static final java.time.Duration GROUP_COMMIT_EVERY = java.time.Duration.ofSeconds(1);
    /** When this store was opened, and how long writes held it since while it was built (see {@link #loaded}'s log). */
    private final long openedAt = System.nanoTime();
    private long buildWriteNanos;

    /** {@link #GROUP_COMMIT_EVERY}, in nanoseconds (tests set it longer, for commits at known points). */
    private volatile long groupCommitNanos = GROUP_COMMIT_EVERY.toNanos();

    private StateStore(Path file, Connection writer, int readers, boolean rebuilt, boolean building, java.nio.channels.FileChannel lock)
            throws SQLException {
        this.file = file;
        this.lock = lock;
        this.writer = writer;
        this.rebuilt = rebuilt;
        this.building = building;
        if (building) {
            BUILDING.add(writer);
            keyless(writer);
        }
        cache(writer);
        this.readers = new ArrayBlockingQueue<>(Math.max(1, readers));
        for (int i = 0; i < readers; i++) {
            Connection r = DriverManager.getConnection(url(file));
            try (Statement s = r.createStatement()) {
                s.execute("PRAGMA query_only = true");
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute("PRAGMA cache_size = -" + READER_CACHE_KIB);
                s.execute("PRAGMA mmap_size = " + MMAP_BYTES);
            }
            allReaders.add(r);
            cache(r);
            this.readers.add(r);
        }
    }

    /**
     * Opens (or creates) the state file in {@code dir}.
     *
     * @param identity what the file must have been fed from (e.g. the topic names); a file fed from something else is rebuilt
     */
    public static StateStore open(Path dir, Map<String, String> identity) {
        return open(dir, identity, null);
    }

    /**
     * Opens (or creates) the state file in {@code dir}; where there is none (or only one of another schema or other
     * topics), it starts from a copy of the snapshot in {@code snapshots} when that one fits, so that only what came after
     * the snapshot is read from the topics.
     *
     * @param snapshots where {@link #snapshot} writes, or null: a missing state is built from the topics' beginnings
     */
    public static StateStore open(Path dir, Map<String, String> identity, Path snapshots) {
        try {
            Files.createDirectories(dir);
            java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(dir.resolve("alerts-state.lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            try {
                if (lock.tryLock() == null) {
                    throw new IllegalStateException("Another alerts service uses the state directory " + dir + " (alerts.state-dir): give each "
                            + "instance its own");
                }
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock.close();
                throw new IllegalStateException("Another alerts service in this process uses the state directory " + dir
                        + " (alerts.state-dir): give each instance its own", e);
            } catch (IllegalStateException e) {
                lock.close();
                throw e;
            }
            Path file = dir.resolve(FILE_NAME);
            // Where a build that stopped was building its cases (see loaded): of no use to any later start.
            delete(dir.resolve(CASES_BUILD_NAME));
            boolean rebuilt = false;
            if (Files.exists(file) && !compatible(file, identity)) {
                log.warn("The state file {} was written by another schema version or from other topics; it is rebuilt from the topics.", file);
                delete(file);
                rebuilt = true;
            } else if (Files.exists(file) && interrupted(file)) {
                // A build writes without waiting for the disk (see BUILD_SYNC): after a crash of the machine its file may miss
                // pages, so a build that stopped is not gone on with.
                log.warn("The state file {} was being built from the topics when the service stopped; it is built again.", file);
                delete(file);
                rebuilt = true;
            } else if (!Files.exists(file)) {
                rebuilt = true;
            }
            if (rebuilt && snapshots != null && restore(snapshots.resolve(SNAPSHOT_NAME), file, identity)) {
                rebuilt = false;
            }
            Connection w = DriverManager.getConnection(url(file));
            try (Statement s = w.createStatement()) {
                // Pages of 16 KiB for a new file (an existing one keeps its own): an alert's row is 1.5-2 KB, and with the
                // default 4 KiB a million-alert build spent a fifth longer storing them, most in writing pages at commits.
                s.execute("PRAGMA page_size = " + PAGE_BYTES);
                // A new file is built without a rollback journal (BUILD_JOURNAL) and goes to WAL once built (see loaded()).
                s.execute("PRAGMA journal_mode = " + (rebuilt ? BUILD_JOURNAL : "WAL"));
                // WAL with NORMAL: a power cut may lose the last transactions, never corrupt the file; they are read again from the topics.
                s.execute("PRAGMA synchronous = " + (rebuilt ? BUILD_SYNC : "NORMAL"));
                s.execute("PRAGMA busy_timeout = 5000");
                // The write-ahead log's file cut back to this size once checkpointed: a build's passes run in WAL (see loaded)
                // and left a log file of 880 MB beside a million-alert state, kept at that size for good otherwise.
                s.execute("PRAGMA journal_size_limit = " + WAL_LIMIT_BYTES);
                // Native memory, not heap. With SQLite's default 2 MiB, storing alerts slowed from ~2,000/s to ~600/s as
                // the file passed 2 GB (each insert touches pages of several indexes, at random places).
                s.execute("PRAGMA cache_size = -" + (rebuilt ? BUILD_CACHE_KIB : WRITER_CACHE_KIB));
                s.execute("PRAGMA mmap_size = " + MMAP_BYTES);
                s.execute("PRAGMA temp_store = MEMORY");
                // The planner's statistics (PRAGMA optimize) from a sample of each index, not every row: after a build the
                // whole analysis read every index of a million alerts again.
                s.execute("PRAGMA analysis_limit = " + ANALYSIS_ROWS);
            }
            // A state built from the beginning gets the views' indexes, words and counts once it has caught up (see
            // loaded()).
            create(w, identity, rebuilt ? StateSchema.TABLES : StateSchema.STATEMENTS);
            if (rebuilt) {
                markBuilding(w);
                w.commit();
            }
            try (Statement s = w.createStatement()) {
                // Gathers the statistics the query planner needs to pick indexes, where they are missing or stale.
                s.execute("PRAGMA optimize = 0x10002");
            }
            w.commit();
            return new StateStore(file, w, READERS, rebuilt, rebuilt, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the state directory " + dir + " (alerts.state-dir)", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the state file in " + dir + " (alerts.state-dir): " + e.getMessage(), e);
        }
    }

    /**
     * The driver asks SQLite for the row id after every insert unless told not to (an extra call per row, a tenth of
     * storing a case event); nothing here reads generated keys.
     */
    private static final String NO_GENERATED_KEYS = "jdbc.get_generated_keys=false";

    private static String url(Path file) {
        return "jdbc:sqlite:" + file + "?" + NO_GENERATED_KEYS;
    }

    /** A store in memory, for tests: gone when closed. */
    public static StateStore inMemory() {
        try {
            Connection w = DriverManager.getConnection("jdbc:sqlite::memory:?" + NO_GENERATED_KEYS);
            create(w, Map.of(), StateSchema.STATEMENTS);
            return new StateStore(Path.of(":memory:"), w, 0, true, false, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The snapshot's file name in its directory. */
    static final String SNAPSHOT_NAME = "alerts-state.snapshot.db";

    /** Copies the snapshot {@code from} to {@code to} if it fits ({@code identity}, schema); whether it did. */
    private static boolean restore(Path from, Path to, Map<String, String> identity) throws IOException {
        if (!Files.isRegularFile(from)) {
            log.info("No snapshot of the state at {}: the state is built from the topics.", from);
            return false;
        }
        if (!compatible(from, identity)) {
            log.warn("The snapshot {} was written by another schema version or from other topics; the state is built from the topics.", from);
            return false;
        }
        long t0 = System.nanoTime();
        Path part = Path.of(to + ".part");
        Files.copy(from, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        log.info("Started the state from the snapshot {} ({} MB, written {}) in {} s; the topics are read on from its positions.", from,
                Files.size(to) / (1024 * 1024), Files.getLastModifiedTime(from), String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        return true;
    }

    /**
     * Writes a consistent copy of the last committed state (rows and the positions they were read to) to
     * {@code dir/alerts-state.snapshot.db}, replacing the previous one only once complete; another instance, or this one
     * after losing its state directory, starts from it ({@link #open(Path, Map, Path)}). Writes go on meanwhile: the copy
     * reads one snapshot of the file (SQLite's {@code VACUUM INTO}), compacted. Returns the copy's size in bytes.
     */
    public long snapshot(Path dir) {
        try {
            if (allReaders.isEmpty()) {
                throw new IllegalStateException("A state in memory has no file to copy");
            }
            if (building) {
                throw new IllegalStateException("The state file " + file + " is being built from the topics; it is copied once built");
            }
            // A copy has what a restart would have: the build's last passes (see loaded) are done first.
            try {
                awaitSettled(java.time.Duration.ofMinutes(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted before a snapshot of the state file " + file, e);
            }
            Files.createDirectories(dir);
            // What a stopped or killed writer left (its own copy is never a part this old).
            try (var parts = Files.newDirectoryStream(dir, "alerts-state.*.part")) {
                for (Path old : parts) {
                    if (Files.getLastModifiedTime(old).toInstant().isBefore(java.time.Instant.now().minus(java.time.Duration.ofHours(6)))) {
                        Files.deleteIfExists(old);
                    }
                }
            }
            Path part = Files.createTempFile(dir, "alerts-state.", ".part");
            Files.delete(part);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                 PreparedStatement p = c.prepareStatement("VACUUM INTO ?")) {
                p.setString(1, part.toString());
                p.execute();
            } catch (SQLException e) {
                Files.deleteIfExists(part);
                throw new IllegalStateException("Could not write a snapshot of the state file " + file + " to " + dir + ": " + e.getMessage(), e);
            }
            // A copy is complete: the mark of a build whose pages are not all on disk yet (see settle) is not its.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + part); Statement s = c.createStatement()) {
                s.execute("DELETE FROM building");
            } catch (SQLException e) {
                Files.deleteIfExists(part);
                throw new IllegalStateException("Could not write a snapshot of the state file " + file + " to " + dir + ": " + e.getMessage(), e);
            }
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(part, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Path target = dir.resolve(SNAPSHOT_NAME);
            Files.move(part, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return Files.size(target);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a snapshot of the state file " + file + " to " + dir, e);
        }
    }

    /** Whether the file on {@code c} is being built from the topics' beginnings (its {@code building} table has a row). */
    private static boolean building(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'building'")) {
            if (!r.next()) {
                return false;
            }
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT 1 FROM building")) {
            return r.next();
        }
    }

    private static void markBuilding(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM building");
            s.execute("INSERT INTO building(since) VALUES (" + System.currentTimeMillis() + ")");
        }
    }

    /** Whether the file's build from the topics had not finished (see {@link #loaded}). */
    private static boolean interrupted(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            return building(c);
        } catch (SQLException e) {
            return true;
        }
    }

    private static void delete(Path file) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }

    private static boolean compatible(Path file, Map<String, String> identity) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT version FROM schema_version")) {
                if (!r.next() || r.getInt(1) != SCHEMA_VERSION) {
                    return false;
                }
            }
            Map<String, String> stored = new HashMap<>();
            try (ResultSet r = s.executeQuery("SELECT key, value FROM meta")) {
                while (r.next()) {
                    stored.put(r.getString(1), r.getString(2));
                }
            }
            return stored.equals(identity);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void create(Connection c, Map<String, String> identity, List<String> statements) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                // A file of an earlier version has its key in the table's definition.
                if (!StateSchema.KEYS.contains(sql) || !uniqueId(c, StateSchema.keyed(sql))) {
                    s.execute(sql);
                }
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM schema_version")) {
                r.next();
                if (r.getInt(1) == 0) {
                    s.execute("INSERT INTO schema_version(version) VALUES (" + SCHEMA_VERSION + ")");
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO meta(key, value) VALUES (?, ?)")) {
                        for (Map.Entry<String, String> e : identity.entrySet()) {
                            p.setString(1, e.getKey());
                            p.setString(2, e.getValue());
                            p.executeUpdate();
                        }
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    /** Whether the file was new or rebuilt (at open or by {@link #wipe}): everything is read from the topics' beginnings. */
    public boolean rebuilt() {
        return rebuilt;
    }

    /**
     * The state has caught up with the topics: builds what a state built from the beginning was stored without (the
     * keys of {@link StateSchema#KEYS}, the cases from their events, the indexes of {@link StateSchema#DEFERRED}, the
     * word tables, the {@link CaseCounts}; nothing when it was not built) and gathers the planner's statistics. Call
     * before the service says it is ready: without them the views scan whole tables.
     *
     * <p>A state file goes to WAL first, and the alerts' key is built. Then, in a file (not in memory) whose case tables
     * are still empty, as after every build, two connections work at once: this one numbers each case's alerts, then
     * builds the events' key, the alerts' indexes and words while a second one derives, describes and counts the cases
     * from the events and alerts into a file of their own beside it ({@value #CASES_BUILD_NAME}), reading this one; the
     * cases are then moved in and indexed. The service is ready then: the indexes only the alerts' feed lists by
     * ({@link StateSchema#FEED}) follow on the settling thread (8.5-12 s at a million alerts; until then the feed's list
     * reads every alert), and so does the checkpoint of what the passes wrote to the write-ahead log (1.5 s). A snapshot
     * waits for both (see {@link #snapshot}). Otherwise (in memory, or a case stored while building: see
     * {@link CaseBook#applyPlaced}) the passes run one after the other on the writer, every index before the service is
     * ready.
     */
    public synchronized void loaded() {
        // Holding the store from the first pass to the end of the build: a write between them (a case event the tail
        // reads) would be stored as in a build, after the pass that links what builds store.
        if (!building) {
            return;
        }
        long t0 = System.nanoTime();
        // While both topics were read, how busy the one writer was: storing is the bound when it was busy all along.
        log.info("Both topics read into the state file {} {} s after it was opened; writes held it {} s of them.", file, seconds(t0 - openedAt),
                seconds(buildWriteNanos));
        if (!allReaders.isEmpty()) {
            try {
                // In WAL from here on: a key that finds copies fails, and its statement is undone only with a journal
                // (without one, SQLite cannot undo it and leaves the schema broken); and on two connections (buildApart)
                // the second reads what this one has committed while this one writes on, which a file without a journal
                // would not allow.
                commitNow();
                journalMode("WAL");
                try (Statement s = writer.createStatement()) {
                    // What the passes write stays in the write-ahead log until the settling thread copies it into the
                    // file (see settle): as the checkpoint of the build's last commit it took 1.5 s before the service was
                    // ready at a million alerts.
                    s.execute("PRAGMA wal_autocheckpoint = 0");
                }
            } catch (SQLException e) {
                throw failed(e);
            }
        }
        // The alerts' key first: the cases' connection looks alerts up by id (the events' comes beside it, see buildApart).
        write(c -> {
            sorterThreads(c, true);
            key(c, "alerts");
            return null;
        });
        commitNow();
        long keyed = System.nanoTime();
        boolean feedLater = !allReaders.isEmpty() && write(StateStore::caseTablesEmpty);
        if (feedLater) {
            buildApart(t0, keyed);
            builtApart = true;
        } else {
            buildInOne(t0, keyed);
        }
        long tail = System.nanoTime();
        try {
            commitNow();
            journalMode("WAL");
            synchronous("NORMAL");
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA optimize = 0x10002");
                s.execute("PRAGMA cache_size = -" + WRITER_CACHE_KIB);
            }
            commit();
        } catch (SQLException e) {
            throw failed(e);
        }
        building = false;
        BUILDING.remove(writer);
        log.info("The state file {} is ready {} s after it was opened (statistics and last commit {} s){}.", file, seconds(System.nanoTime() - openedAt),
                seconds(System.nanoTime() - tail), feedLater ? "; the feed's indexes follow" : "");
        if (allReaders.isEmpty()) {
            unmark();
        } else {
            // Its mark goes once every page of it is on disk, which the service need not wait for; after a build on two
            // connections, once the feed's indexes are built too (if they fail, the mark stays: the next start builds
            // the state again; the write-ahead log is checkpointed as usual meanwhile).
            settler = new Thread(() -> {
                if (!feedLater || finishFeed()) {
                    settle();
                } else {
                    autocheckpoint();
                }
            }, "netra-alerts-state-settle");
            settler.setDaemon(true);
            settler.start();
        }
    }

    /** The passes of {@link #loaded} one after the other, on the writer (in memory, or when cases were stored while building). */
    private void buildInOne(long t0, long keyed) {
        // How long each pass took, in the log: where a first start's last minute goes.
        long[] at = new long[5];
        write(c -> {
            sorterThreads(c, true);
            key(c, "events");
            CaseBook.numberBuilt(c);
            CaseBook.deriveBuilt(c);
            at[4] = System.nanoTime();
            CaseBook.linkBuilt(c);
            at[0] = System.nanoTime();
            try (Statement s = c.createStatement()) {
                for (String sql : StateSchema.DEFERRED) {
                    s.execute(sql);
                }
            }
            at[1] = System.nanoTime();
            indexWords(c, "case_search", "case_search_pending", true);
            indexWords(c, "alert_search", "alert_facts", true);
            at[2] = System.nanoTime();
            CaseCounts.recount(c);
            at[3] = System.nanoTime();
            sorterThreads(c, false);
            return null;
        });
        commitNow();
        long end = System.nanoTime();
        log.info("Built the cases, the views' indexes, word tables and counts of the state file {} in {} s (the alerts' key {} s, the events' key"
                + " and cases derived from their events {} s, described and counted {} s, indexes {} s, words {} s, counts {} s, commit {} s).", file,
                seconds(end - t0), seconds(keyed - t0), seconds(at[4] - keyed),
                seconds(at[0] - at[4]), seconds(at[1] - at[0]),
                seconds(at[2] - at[1]), seconds(at[3] - at[2]), seconds(end - at[3]));
    }

    /** The file the cases are built in beside the state file, and moved from into it (see {@link #loaded}). */
    static final String CASES_BUILD_NAME = "alerts-state.cases-build.db";
    /** The tables {@link CaseBook#deriveBuilt}, {@link CaseBook#linkBuilt} and {@link CaseCounts#recount} write. */
    private static final List<String> CASE_TABLES = List.of("cases", "case_texts", "case_subjects", "subjects", "case_search_pending",
            "case_counts", "case_subject_counts");

    /** Whether no case table has a row yet (nothing stored one while building: see {@link #loaded}). */
    private static boolean caseTablesEmpty(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT " + String.join(" AND ", CASE_TABLES.stream().map(t -> "NOT EXISTS (SELECT 1 FROM " + t + ")").toList()))) {
            return r.next() && r.getBoolean(1);
        }
    }

    /** Whether {@code sql}, one of {@link StateSchema#DEFERRED}, indexes a table the cases' side of a build only reads. */
    private static boolean readOnlyWhileApart(String sql) {
        return sql.contains(" ON alerts (") || sql.contains(" ON events (") || sql.contains(" ON case_alerts (");
    }

    /** The passes of {@link #loaded} on two connections at once, the cases built in a file of their own (see there). */
    private void buildApart(long t0, long keyed) {
        Path side = file.resolveSibling(CASES_BUILD_NAME);
        // In WAL since the keys (see loaded): the second connection reads what this one has committed while this one writes on.
        write(c -> {
            sorterThreads(c, true);
            CaseBook.numberBuilt(c);
            return null;
        });
        commitNow();
        try {
            // What the cases' connection reads (the keys, the numbered alerts) into the file first: it reads the file through
            // the memory map, pages still in the write-ahead log each by a look-up and a read (at a million alerts its passes
            // took 19.3-20.5 s with them left there, 14.5 s so).
            checkpoint();
        } catch (SQLException e) {
            throw failed(e);
        }
        long numbered = System.nanoTime();
        java.util.concurrent.CompletableFuture<Long> cases = new java.util.concurrent.CompletableFuture<>();
        Thread beside = new Thread(() -> {
            try {
                cases.complete(buildCases(side));
            } catch (Throwable e) {
                cases.completeExceptionally(e);
            }
        }, "netra-alerts-state-cases");
        beside.setDaemon(true);
        beside.start();
        long[] at = new long[4];
        try {
            write(c -> {
                // The cases' connection takes an event read twice once (see CaseBook.deriveBuilt): its key need not wait.
                key(c, "events");
                try (Statement s = c.createStatement()) {
                    for (String sql : StateSchema.DEFERRED) {
                        if (readOnlyWhileApart(sql) && !StateSchema.FEED.contains(sql)) {
                            s.execute(sql);
                        }
                    }
                }
                // The alerts' facts stay until the cases are built: the other connection reads them.
                indexWords(c, "alert_search", "alert_facts", false);
                return null;
            });
            commitNow();
            at[0] = System.nanoTime();
            try {
                cases.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw new IllegalStateException("The cases of the state file " + file + " could not be built beside it in " + side + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
            at[1] = System.nanoTime();
            attach(side);
            write(c -> {
                try (Statement s = c.createStatement()) {
                    for (String table : CASE_TABLES) {
                        s.execute("INSERT INTO main." + table + moved(c, table) + " FROM cases_build." + table + " ORDER BY rowid");
                    }
                }
                at[2] = System.nanoTime();
                try (Statement s = c.createStatement()) {
                    for (String sql : StateSchema.DEFERRED) {
                        if (!readOnlyWhileApart(sql)) {
                            s.execute(sql);
                        }
                    }
                }
                indexWords(c, "case_search", "case_search_pending", true);
                sorterThreads(c, false);
                return null;
            });
            at[3] = System.nanoTime();
            commitNow();
        } finally {
            detach();
            try {
                // Done (or failed) with the file, on this side and on the other.
                cases.exceptionally(e -> null).join();
                delete(side);
            } catch (IOException e) {
                log.warn("Could not delete {}, where the cases were built: {}", side, e.getMessage());
            }
        }
        long end = System.nanoTime();
        log.info("Built the cases, the views' indexes, word tables and counts of the state file {} in {} s: the alerts' key {} s, the alerts numbered"
                + " in their cases {} s, then the events' key, the alerts' indexes and words {} s beside the cases derived, described and counted"
                + " in {} {} s; the cases moved in {} s after waiting {} s for them, their indexes and words {} s, commit {} s.", file,
                seconds(end - t0), seconds(keyed - t0), seconds(numbered - keyed),
                seconds(at[0] - numbered), side.getFileName(), seconds(cases.join()), seconds(at[2] - at[1]), seconds(at[1] - at[0]),
                seconds(at[3] - at[2]), seconds(end - at[3]));
    }

    /**
     * After a build on two connections, on the settling thread once the service is ready: the feed's indexes
     * ({@link StateSchema#FEED}), then the alerts' facts emptied. Whether it is done; if not, the state keeps its
     * building mark and the next start builds it again.
     */
    private boolean finishFeed() {
        long t0 = System.nanoTime();
        try {
            write(c -> {
                sorterThreads(c, true);
                try (Statement s = c.createStatement()) {
                    for (String sql : StateSchema.FEED) {
                        s.execute(sql);
                    }
                    s.execute("DELETE FROM alert_facts");
                    s.execute("PRAGMA optimize = 0x10002");
                }
                sorterThreads(c, false);
                return null;
            });
            commitNow();
            log.info("Built the feed's indexes of the state file {} in {} s, after the service was ready.", file, seconds(System.nanoTime() - t0));
            return true;
        } catch (RuntimeException e) {
            log.error("Could not build the feed's indexes of the state file {}: {}. The service goes on (its feed slower to list);"
                    + " its next start builds the state again.", file, e.getMessage(), e);
            return false;
        }
    }

    /** {@code (rowid, columns) SELECT rowid, columns}: a case table's rows with their rowids (which others refer to). */
    private static String moved(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA main.table_info(" + table + ")")) {
            while (r.next()) {
                columns.add(r.getString("name"));
            }
        }
        String list = (columns.contains("rowid") ? "" : "rowid, ") + String.join(", ", columns);
        return "(" + list + ") SELECT " + list;
    }

    /**
     * Derives, describes and counts the cases of the state being built into a new file {@code side} (the case tables only),
     * on a connection of its own that reads this file (attached read-only) where this one's writer has committed; how long
     * it took.
     */
    private long buildCases(Path side) throws SQLException, IOException {
        long t0 = System.nanoTime();
        delete(side);
        try (Connection c = DriverManager.getConnection(url(side))) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA page_size = " + PAGE_BYTES);
                s.execute("PRAGMA journal_mode = OFF");
                s.execute("PRAGMA synchronous = OFF");
                s.execute("PRAGMA cache_size = -" + BUILD_CACHE_KIB);
                s.execute("PRAGMA mmap_size = " + MMAP_BYTES);
                s.execute("PRAGMA temp_store = MEMORY");
                s.execute("PRAGMA busy_timeout = 5000");
                for (String sql : StateSchema.TABLES) {
                    if (CASE_TABLES.stream().anyMatch(t -> sql.startsWith("CREATE TABLE IF NOT EXISTS " + t + " ("))) {
                        s.execute(sql);
                    }
                }
            }
            // Read-only: every table this connection writes is in its own file; the others (events, alerts, their facts and
            // case_alerts) are found in the attached state file, where a write would fail instead of waiting for its writer.
            try (PreparedStatement p = c.prepareStatement("ATTACH DATABASE ? AS state")) {
                p.setString(1, file.toUri() + "?mode=ro");
                p.execute();
            }
            c.setAutoCommit(false);
            BUILDING.add(c);
            try {
                sorterThreads(c, true);
                CaseBook.deriveBuilt(c);
                CaseBook.linkBuilt(c);
                CaseCounts.recount(c);
                c.commit();
            } finally {
                BUILDING.remove(c);
            }
        }
        return System.nanoTime() - t0;
    }

    /** Attaches {@code side} to the writer as {@code cases_build}, outside a transaction as SQLite requires. */
    private void attach(Path side) {
        try {
            commit();
            writer.setAutoCommit(true);
            try (PreparedStatement p = writer.prepareStatement("ATTACH DATABASE ? AS cases_build")) {
                p.setString(1, side.toString());
                p.execute();
            } finally {
                writer.setAutoCommit(false);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Detaches what {@link #attach} attached, if it is. */
    private void detach() {
        try {
            commit();
            writer.setAutoCommit(true);
            try (Statement s = writer.createStatement(); ResultSet r = s.executeQuery("SELECT 1 FROM pragma_database_list WHERE name = 'cases_build'")) {
                if (r.next()) {
                    s.execute("DETACH DATABASE cases_build");
                }
            } finally {
                writer.setAutoCommit(false);
            }
        } catch (SQLException e) {
            log.warn("Could not detach the file the cases were built in from the state file {}: {}", file, e.getMessage());
        }
    }

    /**
     * The passes' sorts (the events in case order, the indexes) on more than one core, where there are (SQLite's sorter
     * threads; none by default), or back to none.
     */
    private static void sorterThreads(Connection c, boolean on) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA threads = " + (on ? Math.min(4, Runtime.getRuntime().availableProcessors()) : 0));
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /**
     * After a build, written without waiting for the disk: has the file and its log written out to the disk, then takes
     * the build's mark away (a crash of the machine before then leaves it, and the next start builds the state again).
     * Later writes wait for the disk as usual (checkpoints with {@code synchronous = NORMAL}).
     */
    private void settle() {
        long t0 = System.nanoTime();
        try {
            // The checkpoint the build's last commit left (see loaded), beside the writer; then as after every commit.
            autocheckpoint();
            try (Connection c = DriverManager.getConnection(url(file)); Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            }
            for (Path f : List.of(Path.of(file + "-wal"), file)) {
                if (Files.exists(f)) {
                    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
            }
            unmark();
            log.info("The state file {} built from the topics is on disk ({} s after it was built).", file,
                    String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        } catch (IOException | SQLException | RuntimeException e) {
            // The next start builds it again.
            log.warn("Could not make sure the state file {} is on disk ({}); if the service stops before it is, the next start builds it again.",
                    file, e.getMessage());
        }
    }

    /** The write-ahead log checkpointed at commits again, as SQLite does by default (see loaded). */
    private void autocheckpoint() {
        write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint = " + WAL_AUTOCHECKPOINT_PAGES);
            }
            return null;
        });
    }

    private void unmark() {
        write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM building");
            }
            return null;
        });
    }

    /** Whether the last build's passes ran on two connections (see {@link #loaded}). */
    boolean builtApart() {
        return builtApart;
    }

    /** Whether the state is being built from the beginning: the views' indexes, words and counts wait for {@link #loaded()}. */
    boolean building() {
        return building;
    }

    /** Whether {@code c} is the writer of a state being built (see {@link #building()}). */
    static boolean isBuilding(Connection c) {
        return BUILDING.contains(c);
    }

    /** Per writer of a state being built, the tables it stores without their key (see {@link StateSchema#KEYS}). */
    private static final Map<Connection, java.util.Set<String>> KEYLESS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The writers of states being built that placed a case event while building (see {@link CaseBook}'s keep). */
    private static final java.util.Set<Connection> PLACED_WHILE_BUILDING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Whether the writer {@code c} placed a case event while building without the events' key. */
    static boolean placedWhileBuilding(Connection c) {
        return PLACED_WHILE_BUILDING.contains(c);
    }

    /** Notes (or forgets, once the events' key is built) that the writer {@code c} placed a case event while building. */
    static void placedWhileBuilding(Connection c, boolean placed) {
        if (placed) {
            PLACED_WHILE_BUILDING.add(c);
        } else {
            PLACED_WHILE_BUILDING.remove(c);
        }
    }

    /** Whether {@code c} stores {@code table} without its key: appending each record (see {@link #key}). */
    static boolean keyless(Connection c, String table) {
        java.util.Set<String> tables = KEYLESS.get(c);
        return tables != null && tables.contains(table);
    }

    /** Notes which tables of {@link StateSchema#KEYS} the writer {@code c} of a state being built stores without their key. */
    private static void keyless(Connection c) throws SQLException {
        java.util.Set<String> tables = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (String sql : StateSchema.KEYS) {
            if (!uniqueId(c, StateSchema.keyed(sql))) {
                tables.add(StateSchema.keyed(sql));
            }
        }
        KEYLESS.put(c, tables);
    }

    /** Whether {@code table} has a unique index on its id alone (its key, or an earlier version's primary key). */
    private static boolean uniqueId(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM pragma_index_list(?) l WHERE l.\"unique\" = 1"
                + " AND (SELECT group_concat(i.name) FROM pragma_index_info(l.name) i) = 'id'")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    /**
     * Builds the key of {@code table} (alerts or events), stored without it while building, in the caller's transaction.
     * An alert or event read twice is then two rows: if the key finds copies, they are taken out first as storing each
     * again would have done (an alert keeps its first row with its last copy's values and facts; an event its first
     * row), and the key is built again.
     */
    private static void key(Connection c, String table) throws SQLException {
        if (!keyless(c, table)) {
            return;
        }
        String sql = StateSchema.KEYS.stream().filter(k -> StateSchema.keyed(k).equals(table)).findFirst().orElseThrow();
        try (Statement s = c.createStatement()) {
            try {
                s.execute(sql);
            } catch (org.sqlite.SQLiteException e) {
                if ((e.getResultCode().code & 0xff) != org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT.code) {
                    throw e;
                }
                log.info("Some {} were read twice while the state was built: the copies are taken out before their key is built.", table);
                for (String dedupe : table.equals("alerts") ? DEDUPE_ALERTS : DEDUPE_EVENTS) {
                    s.execute(dedupe);
                }
                s.execute(sql);
            }
        }
        KEYLESS.get(c).remove(table);
        if (table.equals("events")) {
            placedWhileBuilding(c, false);
        }
    }

    /** An alert stored more than once while building: its first row with its last copy's values and facts, as upserts leave it. */
    private static final List<String> DEDUPE_ALERTS = List.of(
            "DROP TABLE IF EXISTS temp.twice",
            "CREATE TEMP TABLE twice AS SELECT id, min(rowid) AS first, max(rowid) AS last FROM alerts GROUP BY id HAVING count(*) > 1",
            "UPDATE alerts SET (nip, severity, region, province, published_at, json) = (SELECT l.nip, l.severity, l.region, l.province,"
                    + " l.published_at, l.json FROM temp.twice t JOIN alerts l ON l.rowid = t.last WHERE t.first = alerts.rowid)"
                    + " WHERE rowid IN (SELECT first FROM temp.twice)",
            "DELETE FROM alert_facts WHERE rowid IN (SELECT first FROM temp.twice) AND EXISTS (SELECT 1 FROM temp.twice t"
                    + " JOIN alert_facts f ON f.rowid = t.last WHERE t.first = alert_facts.rowid)",
            "UPDATE alert_facts SET rowid = (SELECT first FROM temp.twice t WHERE t.last = alert_facts.rowid) WHERE rowid IN (SELECT last FROM temp.twice)",
            "DELETE FROM alert_facts WHERE rowid IN (SELECT a.rowid FROM alerts a JOIN temp.twice t ON t.id = a.id WHERE a.rowid <> t.first)",
            "DELETE FROM alerts WHERE rowid IN (SELECT a.rowid FROM alerts a JOIN temp.twice t ON t.id = a.id WHERE a.rowid <> t.first)",
            "DROP TABLE temp.twice");

    /**
     * An event stored more than once while building: its first row (one placed here is no longer placed once read from
     * the topic, without a copy: see CaseBook's keep).
     */
    private static final List<String> DEDUPE_EVENTS = List.of(
            "DELETE FROM events WHERE seq NOT IN (SELECT min(seq) FROM events GROUP BY id)");

    /** Forgets every row and position, to read the topics again from their beginnings. */
    public void wipe() {
        // A build's last passes and its settling first: they would take the state wiped here for the one they built.
        try {
            awaitSettled(java.time.Duration.ofMinutes(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted before the state file " + file + " was wiped", e);
        }
        write(c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : java.util.stream.Stream.concat(StateSchema.KEYS.stream(), StateSchema.DEFERRED.stream()).toList()) {
                    s.execute("DROP INDEX IF EXISTS " + sql.split(" ")[sql.startsWith("CREATE UNIQUE") ? 6 : 5]);
                }
                for (String table : List.of("positions", "alerts", "alert_search", "alert_facts", "cases", "case_texts", "case_search", "case_search_pending", "case_alerts", "case_subjects", "subjects",
                        "events", "case_counts", "case_subject_counts")) {
                    s.execute("DELETE FROM " + table);
                }
            }
            markBuilding(c);
            return null;
        });
        synchronized (this) {
            try {
                synchronous(BUILD_SYNC);
            } catch (SQLException e) {
                throw new IllegalStateException("The state file " + file + " could not be written: " + e.getMessage(), e);
            }
            rebuilt = true;
            building = true;
            BUILDING.add(writer);
            try {
                keyless(writer);
            } catch (SQLException e) {
                throw new IllegalStateException("The state file " + file + " could not be read: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Sets how the file is journaled; outside a transaction, as SQLite requires. A file that cannot go to WAL (a reader
     * in the middle of a read) is an error: left without a journal, a crash could leave it half written.
     */
    private void journalMode(String mode) throws SQLException {
        commit();
        writer.setAutoCommit(true);
        try (Statement s = writer.createStatement(); ResultSet r = s.executeQuery("PRAGMA journal_mode = " + mode)) {
            String now = r.next() ? r.getString(1) : null;
            if (!mode.equalsIgnoreCase(now)) {
                throw new SQLException("the state file's journal could not be set to " + mode + " (it is " + now + ")");
            }
        } finally {
            writer.setAutoCommit(false);
        }
    }

    /** Copies the write-ahead log into the file as far as no reader needs it; outside a transaction. */
    private void checkpoint() throws SQLException {
        commit();
        writer.setAutoCommit(true);
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } finally {
            writer.setAutoCommit(false);
        }
    }

    /** Sets how commits wait for the disk; outside a transaction (nothing uncommitted), as SQLite requires. */
    private void synchronous(String level) throws SQLException {
        commit();
        writer.setAutoCommit(true);
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA synchronous = " + level);
        } finally {
            writer.setAutoCommit(false);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Runs {@code work} in one transaction on the writing connection: all of it is committed, or none. Work that writes
     * again from inside joins the same transaction. While the state is built from the topics, or inside {@link #grouped},
     * the transaction is committed with those of the writes around it, at most {@link #GROUP_COMMIT_EVERY} apart; if
     * one of them fails, all that is not committed yet is undone and every later write fails (the service stops, and
     * the next start reads on from the positions last committed with their rows).
     *
     * @throws IllegalStateException when the file cannot be written, or an earlier grouped write failed
     */
    public synchronized <T> T write(Work<T> work) {
        if (failed != null) {
            throw new IllegalStateException("The state file " + file + " lost writes not yet committed when one of them failed ("
                    + failed.getMessage() + "); restart the service, it reads on from the last commit", failed);
        }
        depth++;
        long t0 = depth == 1 && building ? System.nanoTime() : 0;
        try {
            T out = work.on(writer);
            if (depth == 1) {
                uncommitted = true;
                if ((groups == 0 && !building) || System.nanoTime() - lastCommit >= groupCommitNanos) {
                    commit();
                }
            }
            return out;
        } catch (SQLException | RuntimeException e) {
            if (depth == 1) {
                rollback();
                if (uncommitted) {
                    // Earlier writes' work was in the transaction too: their callers believe it stored.
                    failed = e;
                    log.error("A write to the state file {} failed with earlier writes not yet committed; they are undone, and the service "
                            + "must be restarted to read them again.", file, e);
                }
                uncommitted = false;
            }
            if (e instanceof SQLException sql) {
                throw new IllegalStateException("The state file " + file + " could not be written: " + sql.getMessage(), sql);
            }
            throw (RuntimeException) e;
        } finally {
            depth--;
            if (t0 != 0) {
                buildWriteNanos += System.nanoTime() - t0;
            }
        }
    }

    /**
     * Runs {@code work}, which writes a lot (e.g. catching up on a topic), with its writes committed together (see
     * {@link #write}), then commits what is left. Only for work whose rows nothing reads until it is done.
     */
    public <T> T grouped(java.util.function.Supplier<T> work) {
        synchronized (this) {
            groups++;
        }
        try {
            return work.get();
        } finally {
            synchronized (this) {
                groups--;
                if (groups == 0 && !building && failed == null) {
                    commitNow();
                }
            }
        }
    }

    /** How far apart grouped commits are (see {@link #write}). */
    void groupCommitEvery(java.time.Duration every) {
        this.groupCommitNanos = every.toNanos();
    }

    /** Commits the writes not committed yet (grouped ones). */
    private synchronized void commitNow() {
        if (uncommitted && failed == null) {
            try {
                commit();
            } catch (SQLException e) {
                throw failed(e);
            }
        }
    }

    /** Undoes what is not committed and refuses every later write (see {@link #write}); the error to throw. */
    private IllegalStateException failed(SQLException e) {
        rollback();
        failed = e;
        return new IllegalStateException("The state file " + file + " could not be written: " + e.getMessage(), e);
    }

    private void commit() throws SQLException {
        writer.commit();
        uncommitted = false;
        lastCommit = System.nanoTime();
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            log.error("Could not roll back a failed write to the state file {}.", file, e);
        }
    }

    /**
     * Runs {@code work} on a read-only connection (the last committed state); while the state is built from the
     * beginning, on the writing one (what was written, committed or not: see {@link #write}).
     */
    public <T> T read(Work<T> work) {
        if (allReaders.isEmpty()) {
            // In memory: the writer's connection, inside its transaction if one is open on this thread.
            return write(work);
        }
        if (building) {
            // Writes are committed together while the state is built: what was written is read where it is.
            synchronized (this) {
                if (building) {
                    try {
                        return work.on(writer);
                    } catch (SQLException e) {
                        throw new IllegalStateException("The state file " + file + " could not be read: " + e.getMessage(), e);
                    }
                }
            }
        }
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a state connection", e);
        }
        try {
            return work.on(c);
        } catch (SQLException e) {
            throw new IllegalStateException("The state file " + file + " could not be read: " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    /** The writing connections of stores being built from the topics' beginnings (see {@link #wordTable}). */
    private static final java.util.Set<Connection> BUILDING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Where words to search go on {@code c}: the word table {@code table} itself, or while the state is built from the
     * beginning, {@code <table>_pending}, indexed in one pass by {@link #loaded()}.
     */
    static String wordTable(Connection c, String table) {
        return isBuilding(c) ? table + "_pending" : table;
    }

    /** FTS5's default automerge. */
    static final int AUTOMERGE = 4;

    /**
     * Indexes the words a build kept aside in {@code from} ({@code search} by rowid: the cases' pending words, the alerts'
     * facts) into the word table {@code table}, in the caller's transaction, then empties {@code from} if {@code empty}.
     */
    private static void indexWords(Connection c, String table, String from, boolean empty) throws SQLException {
        try (Statement s = c.createStatement()) {
            // FTS5 merges its segments as it goes (automerge): in one bulk insert that is half its time (a million alerts'
            // words: 9.5 s merged as they come, 5.3 s not). Left unmerged, searches take as long; the merging is done a
            // little at each later write once automerge is back at FTS5's default.
            s.execute("INSERT INTO " + table + "(" + table + ", rank) VALUES ('automerge', 0)");
            // The alerts' words were kept with their facts (see CaseBook.factsOf), which the cases take what they need from.
            s.execute(insertWords(c, table) + " SELECT rowid, search FROM " + from);
            if (empty) {
                s.execute("DELETE FROM " + from);
            }
            s.execute("INSERT INTO " + table + "(" + table + ", rank) VALUES ('automerge', " + AUTOMERGE + ")");
        }
    }

    /**
     * The insert into the word table {@code table}: replacing rows of the same rowid, unless it is empty (as after a build,
     * whose words all wait aside): FTS5 then looks no row up (a million alerts' words: a second less).
     */
    private static String insertWords(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
            return (r.next() ? "INSERT OR REPLACE INTO " : "INSERT INTO ") + table + "(rowid, search)";
        }
    }

    /** Statements compiled per connection of an open store, by SQL (see {@link #prepare}). */
    private static final Map<Connection, Map<String, Reused>> STATEMENTS = new java.util.concurrent.ConcurrentHashMap<>();
    /** How many statements each connection keeps compiled; the least recently used beyond it is finalised. */
    private static final int STATEMENTS_PER_CONNECTION = 128;

    /**
     * A prepared statement for {@code sql} on {@code c}, compiled once per connection of a store and reused: SQLite
     * compiles a statement against the whole schema, and compiling each of the dozen statements an alert's storing runs
     * anew took a fifth of a first start's time. Use it as any statement, in try-with-resources: closing it clears its
     * parameters and hands it back. A statement still open (the same SQL nested on one connection) is compiled afresh.
     * A connection is used by one thread at a time (the writer under the store's lock, a reader taken from its queue).
     */
    static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        Map<String, Reused> cache = STATEMENTS.get(c);
        if (cache == null) {
            return c.prepareStatement(sql);
        }
        Reused r = cache.get(sql);
        if (r == null) {
            r = new Reused(c.prepareStatement(sql));
            cache.put(sql, r);
        } else if (r.inUse) {
            return c.prepareStatement(sql);
        }
        r.inUse = true;
        return r.proxy;
    }

    /**
     * As {@link #prepare}, for a statement run once per record while catching up (storing an alert, its facts, a case
     * event): the compiled statement itself rather than the proxy that hands it back when closed, whose reflective call
     * per parameter cost a few seconds of a million-alert build. Set every parameter before each run; do not close it
     * (the store does, with its connection). Not for a statement that may be nested in itself.
     */
    static PreparedStatement compiled(Connection c, String sql) throws SQLException {
        Map<String, Reused> cache = STATEMENTS.get(c);
        if (cache == null) {
            throw new IllegalStateException("not a connection of an open state store");
        }
        Reused r = cache.get(sql);
        if (r == null) {
            r = new Reused(c.prepareStatement(sql));
            cache.put(sql, r);
        }
        return r.statement;
    }

    /** Gives {@code c} a cache of compiled statements (until {@link #forget}). */
    private static void cache(Connection c) {
        STATEMENTS.put(c, new java.util.LinkedHashMap<>(32, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Reused> eldest) {
                if (size() <= STATEMENTS_PER_CONNECTION) {
                    return false;
                }
                eldest.getValue().evict();
                return true;
            }
        });
    }

    /** Finalises {@code c}'s cached statements; its statements are no longer cached. */
    private static void forget(Connection c) {
        Map<String, Reused> cache = STATEMENTS.remove(c);
        if (cache != null) {
            cache.values().forEach(Reused::evict);
        }
    }

    /** A cached statement: its proxy's {@code close()} only clears the parameters, unless it was evicted meanwhile. */
    private static final class Reused implements java.lang.reflect.InvocationHandler {
        private final PreparedStatement statement;
        private final PreparedStatement proxy;
        private boolean inUse;
        private boolean evicted;

        Reused(PreparedStatement statement) {
            this.statement = statement;
            this.proxy = (PreparedStatement) java.lang.reflect.Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        void evict() {
            evicted = true;
            if (!inUse) {
                closeQuietly(statement);
            }
        }

        @Override
        public Object invoke(Object self, java.lang.reflect.Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                if (!inUse) {
                    return null;
                }
                inUse = false;
                if (evicted) {
                    statement.close();
                } else {
                    statement.clearParameters();
                }
                return null;
            }
            if (method.getName().equals("isClosed") && method.getParameterCount() == 0) {
                return !inUse || statement.isClosed();
            }
            try {
                return method.invoke(statement, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** The next offset to read per partition of a stream ({@code alerts}, {@code cases}); empty: from the beginning. */
    public Map<Integer, Long> positions(String stream) {
        return read(c -> positions(c, stream));
    }

    static Map<Integer, Long> positions(Connection c, String stream) throws SQLException {
        Map<Integer, Long> out = new HashMap<>();
        try (PreparedStatement p = prepare(c, "SELECT partition, next_offset FROM positions WHERE stream = ?")) {
            p.setString(1, stream);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.put(r.getInt(1), r.getLong(2));
                }
            }
        }
        return out;
    }

    /** Records that {@code stream}'s {@code partition} is read up to {@code next} (never backwards), in the caller's transaction. */
    static void advance(Connection c, String stream, int partition, long next) throws SQLException {
        try (PreparedStatement p = prepare(c, "INSERT INTO positions(stream, partition, next_offset) VALUES (?, ?, ?) "
                + "ON CONFLICT(stream, partition) DO UPDATE SET next_offset = max(next_offset, excluded.next_offset)")) {
            p.setString(1, stream);
            p.setInt(2, partition);
            p.setLong(3, next);
            p.executeUpdate();
        }
    }

    /** Records the next offset per partition of {@code stream} (a batch's last per partition, plus one), in the caller's transaction. */
    static void advance(Connection c, String stream, Map<Integer, Long> next) throws SQLException {
        for (Map.Entry<Integer, Long> e : next.entrySet()) {
            advance(c, stream, e.getKey(), e.getValue());
        }
    }

    /** The size of the file and its write-ahead log, in bytes (0 in memory). */
    public long sizeBytes() {
        long n = 0;
        for (String suffix : List.of("", "-wal")) {
            try {
                n += Files.size(Path.of(file + suffix));
            } catch (IOException e) {
                // absent: nothing to count
            }
        }
        return n;
    }

    @Override
    public void close() {
        try {
            awaitSettled(java.time.Duration.ofMinutes(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnections();
    }

    /** Waits (at most {@code limit}) until a built state is on disk and has lost its building mark (see {@link #settle}). */
    void awaitSettled(java.time.Duration limit) throws InterruptedException {
        Thread s = settler;
        if (s != null) {
            s.join(limit.toMillis());
        }
    }

    private synchronized void closeConnections() {
        try {
            commitNow();
        } catch (IllegalStateException e) {
            log.error("Writes not yet committed to the state file {} are lost: {}", file, e.getMessage());
        }
        for (Connection c : allReaders) {
            forget(c);
            closeQuietly(c);
        }
        forget(writer);
        BUILDING.remove(writer);
        KEYLESS.remove(writer);
        PLACED_WHILE_BUILDING.remove(writer);
        closeQuietly(writer);
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                log.warn("Could not release the lock of the state directory of {}: {}", file, e.getMessage());
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.warn("Could not close a state connection or statement: {}", e.getMessage());
        }
    }
}
