package io.aihelpdesk.governance.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The audit chain in PostgreSQL, for several server replicas sharing one chain. Each batch runs in
 * one transaction that first takes a transaction-scoped advisory lock, so all writers in all
 * processes serialize on the chain tail; within a process appends are group-committed.
 */
public final class PostgresAuditStore implements AuditStore {
    /** The advisory lock key every writer of an audit chain takes ("aiHDaudt" as bytes). */
    static final long CHAIN_LOCK = 0x6169484461756474L;
    static final int MAX_BATCH = 256;
    private final DataSource dataSource;
    private final GroupCommit commits;

    public PostgresAuditStore(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            lock(c); // concurrent CREATE TABLE IF NOT EXISTS can still collide in the catalog
            AuditTable.create(c, "BIGINT");
            Checkpoints.create(c, "BIGINT");
            c.commit();
        } catch (SQLException e) {
            throw failure("create the audit_events table in", e);
        }
        this.commits = new GroupCommit("postgresql", MAX_BATCH, this::write);
    }

    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, CHAIN_LOCK);
            ps.execute();
        }
    }

    private List<Appended> write(List<AuditEvent> events) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                lock(c);
                List<Appended> appended = AuditTable.insert(c, AuditTable.last(c), events);
                c.commit();
                return appended;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
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
        try (Connection c = dataSource.getConnection()) {
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
    public Checkpoint checkpoint(byte[] key) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                lock(c);
                Checkpoint cp = Checkpoints.seal(c, key);
                c.commit();
                return cp;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("checkpoint", e);
        }
    }

    @Override
    public Verification verify(byte[] key) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // pgjdbc streams with a fetch size only inside a transaction
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            Verification result = key == null ? AuditTable.verify(c, (Checkpoint) null) : AuditTable.verify(c, key);
            c.commit();
            return result;
        } catch (SQLException e) {
            throw failure("verify", e);
        }
    }

    @Override
    public void close() {
        commits.close();
    }

    private static AuditStoreException failure(String what, SQLException e) {
        return new AuditStoreException("cannot " + what + " the PostgreSQL audit store: " + e.getMessage()
                + " (" + e.getSQLState() + ") — check the server is reachable and the role may create and "
                + "write audit_events", e);
    }
}
