package io.aihelpdesk.governance.approval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;

/**
 * Approvals in one table of SQLite (the default, next to the audit chain) or PostgreSQL (shared by
 * several server replicas). Each row holds the searchable columns and the whole approval as JSON;
 * every statement binds its values, and an update only succeeds against the version it read.
 */
public final class JdbcApprovalStore implements ApprovalStore {
    private static final String COLUMNS = "approval_id, status, trace_id, tool_name, resource, arguments_sha256, requested_by,"
            + " created_at, expires_at, version, raw_json";
    private static final java.time.format.DateTimeFormatter STAMP = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);
    private final Connections connections;
    private final String where;

    @FunctionalInterface
    interface Connections {
        Connection open() throws SQLException;
    }

    /** @param lock statement run first in the creating transaction, so replicas starting together do not collide; or null */
    private JdbcApprovalStore(Connections connections, String where, String lock) {
        this.connections = connections;
        this.where = where;
        try (Connection c = connections.open(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            if (lock != null) {
                s.execute(lock);
            }
            s.execute("CREATE TABLE IF NOT EXISTS approvals (approval_id TEXT PRIMARY KEY, status TEXT NOT NULL,"
                    + " trace_id TEXT NOT NULL, tool_name TEXT NOT NULL, resource TEXT NOT NULL, arguments_sha256 TEXT NOT NULL,"
                    + " requested_by TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL,"
                    + " version BIGINT NOT NULL, raw_json TEXT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS approvals_call ON approvals (trace_id, tool_name, resource, arguments_sha256)");
            s.execute("CREATE INDEX IF NOT EXISTS approvals_status ON approvals (status, expires_at)");
            // One pending request per call, also when replicas ask at the same moment.
            s.execute("CREATE UNIQUE INDEX IF NOT EXISTS approvals_one_pending ON approvals (trace_id, tool_name, resource, arguments_sha256)"
                    + " WHERE status = 'pending'");
            c.commit();
        } catch (SQLException e) {
            throw failure("create the approvals table in", e);
        }
    }

    /** Approvals in a SQLite file (WAL, synchronous=FULL), created when missing. */
    public static JdbcApprovalStore sqlite(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new ApprovalStoreException("cannot create the directory of the approval store " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        return new JdbcApprovalStore(() -> config.createConnection(url), file.toAbsolutePath().toString(), null);
    }

    /** Approvals in PostgreSQL, e.g. the database that holds a shared audit chain. */
    public static JdbcApprovalStore postgres(DataSource dataSource) {
        // concurrent CREATE TABLE IF NOT EXISTS can still collide in the catalog: serialize on a lock ("aiHDapr0")
        return new JdbcApprovalStore(dataSource::getConnection, "postgresql", "SELECT pg_advisory_xact_lock(7019220952763363888)");
    }

    @Override
    public void insert(Approval a) {
        try (Connection c = connections.open(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO approvals (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, a.id());
            ps.setString(2, a.status().label());
            ps.setString(3, a.traceId());
            ps.setString(4, a.tool());
            ps.setString(5, a.resource());
            ps.setString(6, a.argumentsHash());
            ps.setString(7, a.requestedBy());
            ps.setString(8, stamp(a.createdAt()));
            ps.setString(9, stamp(a.expiresAt()));
            ps.setLong(10, a.version());
            ps.setString(11, ApprovalJson.write(a));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("record approval " + a.id() + " in", e);
        }
    }

    @Override
    public Optional<Approval> find(String id) {
        return first("SELECT version, raw_json FROM approvals WHERE approval_id = ?", id);
    }

    @Override
    public boolean update(Approval next) {
        try (Connection c = connections.open(); PreparedStatement ps = c.prepareStatement(
                "UPDATE approvals SET status = ?, version = ?, raw_json = ? WHERE approval_id = ? AND version = ?")) {
            ps.setString(1, next.status().label());
            ps.setLong(2, next.version() + 1);
            ps.setString(3, ApprovalJson.write(next));
            ps.setString(4, next.id());
            ps.setLong(5, next.version());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("update approval " + next.id() + " in", e);
        }
    }

    @Override
    public List<Approval> list(ApprovalQuery q) {
        StringBuilder sql = new StringBuilder("SELECT version, raw_json FROM approvals WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        filter(sql, args, "status", q.status() == null ? null : q.status().label());
        filter(sql, args, "trace_id", q.traceId());
        filter(sql, args, "requested_by", q.requestedBy());
        filter(sql, args, "tool_name", q.tool());
        sql.append(" ORDER BY created_at DESC, approval_id DESC LIMIT ").append(q.limit());
        return all(sql.toString(), args.toArray(String[]::new));
    }

    private static void filter(StringBuilder sql, List<String> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    @Override
    public Optional<Approval> latestFor(String traceId, String tool, String resource, String argumentsHash) {
        return first("SELECT version, raw_json FROM approvals WHERE trace_id = ? AND tool_name = ? AND resource = ?"
                + " AND arguments_sha256 = ? ORDER BY created_at DESC, approval_id DESC LIMIT 1", traceId, tool, resource, argumentsHash);
    }

    @Override
    public List<Approval> pendingExpiredAt(Instant now) {
        return all("SELECT version, raw_json FROM approvals WHERE status = 'pending' AND expires_at <= ?", stamp(now));
    }

    /** Fixed-width UTC timestamps, so that comparing and ordering them as text is chronological. */
    private static String stamp(Instant i) {
        return STAMP.format(i);
    }

    private Optional<Approval> first(String sql, String... args) {
        List<Approval> rows = all(sql, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<Approval> all(String sql, String... args) {
        try (Connection c = connections.open(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<Approval> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(ApprovalJson.read(rs.getString(2), rs.getLong(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read approvals from", e);
        }
    }

    @Override
    public void close() {
        // connections are opened per operation
    }

    private ApprovalStoreException failure(String what, SQLException e) {
        return new ApprovalStoreException("cannot " + what + " the approval store " + where + ": " + e.getMessage()
                + " — check the store is reachable and writable; calls that need an approval are refused until it is", e);
    }
}
