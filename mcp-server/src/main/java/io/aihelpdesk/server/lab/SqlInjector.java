package io.aihelpdesk.server.lab;

import io.aihelpdesk.tools.faults.Fault;
import io.aihelpdesk.tools.faults.Injector;
import io.aihelpdesk.tools.faults.Step;
import io.aihelpdesk.tools.faults.UndoStack;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code sql} injector: each script of {@code sessions} runs from its own {@link HeldSession},
 * started in order once the previous one has settled (finished, waiting on a lock, or sleeping in
 * its last statement), or all at once with {@code parallel: true}. The fault is in place when every session has settled and {@code settle} has
 * passed. Errors whose SQLState is listed in {@code tolerate} are part of the fault (a deadlock
 * victim, a failed concurrent index build); any other error fails the injection.
 */
final class SqlInjector implements Injector {
    private final Lab lab;

    SqlInjector(Lab lab) {
        this.lab = lab;
    }

    @Override
    public String type() {
        return "sql";
    }

    @Override
    public void inject(Fault fault, Step step, UndoStack undo) throws Exception {
        LabPostgres server = "replica".equals(step.option("target", "primary")) ? lab.replica() : lab.primary();
        Set<String> tolerate = Arrays.stream(step.option("tolerate", "").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        long deadline = System.nanoTime() + fault.timeout().toNanos();
        boolean parallel = "true".equals(step.option("parallel", "false"));
        List<HeldSession> sessions = new ArrayList<>();
        try (Connection admin = server.connect("postgres")) {
            for (String script : step.sessions()) {
                HeldSession h = new HeldSession(server, Lab.DATABASE, "postgres", "lab-app " + fault.id(), SqlScript.statements(script),
                        tolerate);
                undo.push("end session " + h.pid(), h::close);
                sessions.add(h);
                if (!parallel) {
                    awaitSettled(List.of(h), admin, deadline, fault);
                }
            }
            awaitSettled(sessions, admin, deadline, fault);
            Lab.sleep(step.settle().toMillis());
            // A session whose script ended outside a transaction has nothing left to hold: ending it
            // flushes its statistics (dead tuples, deadlocks, blocks read) to the cumulative views now.
            for (HeldSession h : sessions) {
                if (h.done() && !h.inTransaction(admin)) {
                    h.end();
                }
            }
        }
        for (HeldSession h : sessions) {
            if (h.failure() != null) {
                throw new SQLException("fault " + fault.id() + ": a session script failed: " + h.failure().getMessage(),
                        h.failure().getSQLState(), h.failure());
            }
        }
    }

    private static void awaitSettled(List<HeldSession> sessions, Connection admin, long deadline, Fault fault) throws SQLException {
        while (true) {
            boolean all = true;
            for (HeldSession h : sessions) {
                all &= h.settled(admin);
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new SQLException("fault " + fault.id() + ": the injection did not settle within its timeout of "
                        + fault.timeout().toSeconds() + " s", "57014");
            }
            Lab.sleep(100);
        }
    }

    /**
     * Zeroes the checkpoint counters; repeated while a checkpoint that was already running when the
     * load stopped still completes and counts itself.
     */
    static void resetCheckpointer(LabPostgres server) throws SQLException {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            boolean v17 = c.getMetaData().getDatabaseMajorVersion() >= 17;
            String count = v17 ? "select num_requested from pg_stat_checkpointer" : "select checkpoints_req from pg_stat_bgwriter";
            for (int i = 0; i < 10; i++) {
                s.execute(v17 ? "select pg_stat_reset_shared('checkpointer')" : "select pg_stat_reset_shared('bgwriter')");
                Lab.sleep(500);
                try (java.sql.ResultSet r = s.executeQuery(count)) {
                    if (r.next() && r.getLong(1) == 0) {
                        return;
                    }
                }
            }
        }
    }

    /** The teardown step's own work after the undo actions: its script, and VACUUM (FREEZE) everywhere if asked. */
    static void teardown(Lab lab, Step step) throws SQLException {
        String script = step.option("script_inline", "");
        if (!script.isBlank()) {
            try (Connection c = lab.connectPrimary(); Statement s = c.createStatement()) {
                for (String sql : SqlScript.statements(script)) {
                    s.execute(sql);
                }
            }
        }
        if ("true".equals(step.option("reset_checkpoints", "false"))) {
            resetCheckpointer(lab.primary());
        }
        if ("true".equals(step.option("freeze", "false"))) {
            freezeAll(lab.primary());
        }
    }

    /** VACUUM (FREEZE) in every database, template0 included (opened for connections just for that, as the docs advise). */
    static void freezeAll(LabPostgres server) throws SQLException {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("update pg_database set datallowconn = true where datname = 'template0'");
            try {
                for (String db : List.of("postgres", Lab.DATABASE, "template1", "template0")) {
                    try (Connection d = server.connect(db); Statement v = d.createStatement()) {
                        v.execute("vacuum (freeze)");
                    }
                }
            } finally {
                s.execute("update pg_database set datallowconn = false where datname = 'template0'");
            }
        }
    }
}
