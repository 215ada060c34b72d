package io.aihelpdesk.governance.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The audit chain in one SQLite file (WAL, synchronous=FULL, so an acknowledged event survives
 * kill -9 and power loss). One writer thread owns the write connection and group-commits; write
 * transactions are IMMEDIATE so another process appending to the same file still keeps one chain.
 * Queries and verification use their own short-lived connections and never block appends.
 */
public final class SqliteAuditStore implements AuditStore {
    static final int MAX_BATCH = 256;
    private final Path file;
    private final Connection writer;
    private final GroupCommit commits;

    public SqliteAuditStore(Path file) {
        this.file = file;
        try {
            this.writer = open(SQLiteConfig.TransactionMode.IMMEDIATE);
            AuditTable.create(writer, "INTEGER");
            Checkpoints.create(writer, "INTEGER");
        } catch (SQLException e) {
            throw failure("open", e);
        }
        this.commits = new GroupCommit(file.toString(), MAX_BATCH, this::write);
    }

    private Connection open(SQLiteConfig.TransactionMode mode) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.setTransactionMode(mode);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /**
     * One explicit BEGIN IMMEDIATE … COMMIT per batch. (The driver's autocommit=false mode would
     * re-open a write transaction right after each commit and hold the file's write lock between
     * batches, locking out every other process.)
     */
    private List<Appended> write(List<AuditEvent> events) throws SQLException {
        try (Statement tx = writer.createStatement()) {
            tx.execute("BEGIN IMMEDIATE");
            try {
                List<Appended> appended = AuditTable.insert(writer, AuditTable.last(writer), events);
                tx.execute("COMMIT");
                return appended;
            } catch (SQLException | RuntimeException e) {
                tx.execute("ROLLBACK");
                throw e;
            }
        }
    }

    @Override
    public Appended append(AuditEvent event) {
        return commits.submit(event);
    }

    @Override
    public List<AuditEvent> query(AuditQuery query) {
        try (Connection c = open(SQLiteConfig.TransactionMode.DEFERRED)) {
            return AuditTable.query(c, query);
        } catch (SQLException e) {
            throw failure("query", e);
        }
    }

    @Override
    public Verification verify() {
        return verify((byte[]) null);
    }

    @Override
    public Verification verify(byte[] key) {
        try (Connection c = open(SQLiteConfig.TransactionMode.DEFERRED)) {
            c.setAutoCommit(false); // one read snapshot for the whole walk
            return key == null ? AuditTable.verify(c, (Checkpoint) null) : AuditTable.verify(c, key);
        } catch (SQLException e) {
            throw failure("verify", e);
        }
    }

    @Override
    public Checkpoint checkpoint(byte[] key) {
        try (Connection c = open(SQLiteConfig.TransactionMode.IMMEDIATE); Statement tx = c.createStatement()) {
            tx.execute("BEGIN IMMEDIATE");
            Checkpoint cp = Checkpoints.seal(c, key);
            tx.execute("COMMIT");
            return cp;
        } catch (SQLException e) {
            throw failure("checkpoint", e);
        }
    }

    @Override
    public void close() {
        commits.close();
        try {
            writer.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }

    private AuditStoreException failure(String what, SQLException e) {
        return new AuditStoreException("cannot " + what + " audit store " + file.toAbsolutePath() + ": "
                + e.getMessage() + " — check the file exists, is writable and is a SQLite database", e);
    }
}
