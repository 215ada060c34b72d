package io.aihelpdesk.tools.postgres.activity;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A test session on the embedded server whose pid we know; closing rolls back and disconnects. */
final class Backend implements AutoCloseable {
    final Connection connection;
    final int pid;

    private Backend(Connection connection, int pid) {
        this.connection = connection;
        this.pid = pid;
    }

    static Backend open(String applicationName) throws SQLException {
        Connection c = TestPostgres.admin();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_backend_pid(), set_config('application_name', '"
                     + applicationName + "', false)")) {
            rs.next();
            return new Backend(c, rs.getInt(1));
        }
    }

    /** Leaves the session idle in transaction after running the statements. */
    Backend inTransaction(String... statements) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
        return this;
    }

    /** Runs a statement that is expected to block, on another thread. */
    CompletableFuture<Void> runBlocked(String sql) {
        return CompletableFuture.runAsync(() -> {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            } catch (SQLException ignored) {
                // ends when the blocker rolls back or the connection closes
            }
        }, TestPostgres.OWN_THREAD);
    }

    /** Waits until this backend waits on a heavyweight lock. */
    void awaitLockWait() throws Exception {
        for (int i = 0; i < 200; i++) {
            try (Connection c = TestPostgres.admin(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select wait_event_type from pg_stat_activity where pid = " + pid)) {
                if (rs.next() && "Lock".equals(rs.getString(1))) {
                    return;
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("pid " + pid + " never waited on a lock");
    }

    @Override
    public void close() throws SQLException {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> data, String key) {
        return (List<Map<String, Object>>) data.get(key);
    }

    static Map<String, Object> byPid(List<Map<String, Object>> rows, int pid) {
        return rows.stream().filter(r -> ((Number) r.get("pid")).intValue() == pid).findFirst()
                .orElseThrow(() -> new AssertionError("pid " + pid + " not in " + rows));
    }
}
