package io.aihelpdesk.server.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/**
 * A session the lab keeps open for as long as a fault lasts: it runs its script on its own thread
 * (the last statement may block or sleep for minutes, as the fault needs) and is ended by
 * {@link #close()} with {@code pg_terminate_backend}, which releases its locks and transaction.
 */
final class HeldSession implements AutoCloseable {
    private final LabPostgres server;
    private final Connection connection;
    private final int pid;
    private final Thread thread;
    private volatile boolean done;
    private volatile boolean atLast;
    private volatile SQLException failure;

    HeldSession(LabPostgres server, String database, String role, String application, List<String> statements, Set<String> tolerate)
            throws SQLException {
        this.server = server;
        this.connection = server.connect(database, role, application);
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("select pg_backend_pid()")) {
            r.next();
            this.pid = r.getInt(1);
        }
        thread = new Thread(() -> run(statements, tolerate), "lab-session-" + pid);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(List<String> statements, Set<String> tolerate) {
        try (Statement s = connection.createStatement()) {
            for (int i = 0; i < statements.size(); i++) {
                atLast = i == statements.size() - 1;
                s.execute(statements.get(i));
            }
        } catch (SQLException e) {
            if (!tolerate.contains(e.getSQLState()) && !"57P01".equals(e.getSQLState())) {
                failure = e;
            }
        } finally {
            done = true;
        }
    }

    int pid() {
        return pid;
    }

    boolean done() {
        return done;
    }

    /** The error that stopped the script, unless tolerated by the fault (null otherwise). */
    SQLException failure() {
        return failure;
    }

    /**
     * The state the fault wants, as pg_stat_activity shows it: the script is done, or a statement
     * waits on a lock, or the last statement sleeps (a sleep half-way through is part of the script).
     */
    boolean settled(Connection admin) throws SQLException {
        if (done) {
            return true;
        }
        try (PreparedStatement p = admin.prepareStatement(
                "select wait_event_type, wait_event, state from pg_stat_activity where pid = ?")) {
            p.setInt(1, pid);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return true;
                }
                return "Lock".equals(r.getString(1)) || (atLast && "PgSleep".equals(r.getString(2)));
            }
        }
    }

    /** Whether the session is inside a transaction (idle in transaction, or aborted), as the server sees it. */
    boolean inTransaction(Connection admin) throws SQLException {
        try (PreparedStatement p = admin.prepareStatement("select state from pg_stat_activity where pid = ?")) {
            p.setInt(1, pid);
            try (ResultSet r = p.executeQuery()) {
                return r.next() && r.getString(1) != null && r.getString(1).startsWith("idle in transaction")
                        && !r.getString(1).contains("aborted");
            }
        }
    }

    /** Ends the session cleanly (a Terminate message): the backend flushes its statistics as it exits. */
    void end() throws SQLException {
        connection.close();
        try (Connection admin = server.connect("postgres"); PreparedStatement q = admin.prepareStatement("select 1 from pg_stat_activity where pid = ?")) {
            q.setInt(1, pid);
            for (int i = 0; i < 100; i++) {
                try (ResultSet r = q.executeQuery()) {
                    if (!r.next()) {
                        return;
                    }
                }
                Lab.sleep(50);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        try (Connection admin = server.connect("postgres"); PreparedStatement p = admin.prepareStatement("select pg_terminate_backend(?)")) {
            p.setInt(1, pid);
            p.execute();
            try (PreparedStatement q = admin.prepareStatement("select 1 from pg_stat_activity where pid = ?")) {
                q.setInt(1, pid);
                for (int i = 0; i < 100; i++) {
                    try (ResultSet r = q.executeQuery()) {
                        if (!r.next()) {
                            break;
                        }
                    }
                    Lab.sleep(50);
                }
            }
        } catch (SQLException serverDown) {
            // A stopped server has no session left to end.
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // terminated above; closing the socket is all that is left
            }
        }
    }
}
