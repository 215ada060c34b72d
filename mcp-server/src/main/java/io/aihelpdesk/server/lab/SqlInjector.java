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
 * started in order once the previous one has settled (finished, waiting on a lock, sleeping or idle
 * in transaction). The fault is in place when every session has settled and {@code settle} has
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
        if ("true".equals(step.option("checkpoint_pressure", "false"))) {
            undo.push("reset checkpointer statistics", () -> resetCheckpointer(server));
        }
        long deadline = System.nanoTime() + fault.timeout().toNanos();
        List<HeldSession> sessions = new ArrayList<>();
        try (Connection admin = server.connect("postgres")) {
            for (String script : step.sessions()) {
                HeldSession h = new HeldSession(server, Lab.DATABASE, "postgres", "lab-app " + fault.id(), SqlScript.statements(script),
                        tolerate);
                undo.push("end session " + h.pid(), h::close);
                sessions.add(h);
                awaitSettled(List.of(h), admin, deadline, fault);
            }
            awaitSettled(sessions, admin, deadline, fault);
        }
        Lab.sleep(step.settle().toMillis());
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

    private static void resetCheckpointer(LabPostgres server) throws SQLException {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            int major = c.getMetaData().getDatabaseMajorVersion();
            s.execute(major >= 17 ? "select pg_stat_reset_shared('checkpointer')" : "select pg_stat_reset_shared('bgwriter')");
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
        if ("true".equals(step.option("freeze", "false"))) {
            for (String db : List.of("postgres", Lab.DATABASE, "template1")) {
                try (Connection c = lab.primary().connect(db); Statement s = c.createStatement()) {
                    s.execute("vacuum (freeze)");
                }
            }
        }
    }
}
