package io.aihelpdesk.server.lab;

import io.aihelpdesk.tools.faults.Fault;
import io.aihelpdesk.tools.faults.Injector;
import io.aihelpdesk.tools.faults.Step;
import io.aihelpdesk.tools.faults.UndoStack;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@code replication} injector on the lab's streaming replica: {@code pause_replay} pauses WAL
 * replay on the replica while the primary writes {@code write_mb} of WAL (undo resumes replay and
 * waits until the replica has caught up); {@code stale_slot} leaves a physical slot without a
 * consumer that reserves WAL, then writes past it (undo drops the slot).
 */
final class ReplicationInjector implements Injector {
    static final String STALE_SLOT = "lab_stale_slot";
    private final Lab lab;

    ReplicationInjector(Lab lab) {
        this.lab = lab;
    }

    @Override
    public String type() {
        return "replication";
    }

    @Override
    public void inject(Fault fault, Step step, UndoStack undo) throws Exception {
        String action = step.option("action", "");
        int mb = Integer.parseInt(step.option("write_mb", "16"));
        switch (action) {
            case "pause_replay" -> {
                awaitCaughtUp(30_000);
                try (Connection r = lab.replica().connect("postgres"); Statement s = r.createStatement()) {
                    undo.push("resume replay on the replica", () -> resume());
                    s.execute("select pg_wal_replay_pause()");
                }
            }
            case "stale_slot" -> {
                try (Connection c = lab.primary().connect("postgres"); Statement s = c.createStatement()) {
                    undo.push("drop slot " + STALE_SLOT, () -> dropSlot());
                    s.execute("select pg_create_physical_replication_slot('" + STALE_SLOT + "', true)");
                }
            }
            default -> throw new IllegalArgumentException("fault " + fault.id() + ": unknown replication action '" + action
                    + "' (known: pause_replay, stale_slot)");
        }
        writeWal(fault, mb, undo);
    }

    /** Writes about {@code mb} megabytes of WAL on the primary into a table that undo drops. */
    private void writeWal(Fault fault, int mb, UndoStack undo) throws SQLException {
        String table = "wal_" + fault.id().replaceAll("[^a-z0-9]", "_");
        undo.push("drop table " + table, () -> {
            try (Connection c = lab.connectPrimary(); Statement s = c.createStatement()) {
                s.execute("drop table if exists " + table);
            }
        });
        try (Connection c = lab.connectPrimary(); Statement s = c.createStatement()) {
            s.execute("create table " + table + " (id int, pad text)");
            s.execute("insert into " + table + " select g, repeat('w', 200) from generate_series(1, " + (mb * 3500) + ") g");
            s.execute("select pg_switch_wal()");
        }
    }

    private void resume() throws SQLException {
        try (Connection r = lab.replica().connect("postgres"); Statement s = r.createStatement()) {
            s.execute("select pg_wal_replay_resume()");
        }
        awaitCaughtUp(60_000);
    }

    private void dropSlot() throws SQLException {
        try (Connection c = lab.primary().connect("postgres"); Statement s = c.createStatement()) {
            s.execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '" + STALE_SLOT + "'");
        }
    }

    /** Waits until the replica streams and has replayed everything the primary has written so far. */
    void awaitCaughtUp(long timeoutMs) throws SQLException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        try (Connection c = lab.primary().connect("postgres"); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet r = s.executeQuery("select count(*) from pg_stat_replication where state = 'streaming'"
                        + " and replay_lsn >= pg_current_wal_lsn()")) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new SQLException("the lab replica has not caught up with the primary after " + timeoutMs + " ms", "55000");
                }
                Lab.sleep(100);
            }
        }
    }
}
