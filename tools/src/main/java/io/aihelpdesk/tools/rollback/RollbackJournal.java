package io.aihelpdesk.tools.rollback;

import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.postgres.DatabaseTarget;
import io.aihelpdesk.tools.kubernetes.KubernetesTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The durable record of reversible actions (a SQLite file beside the audit chain, WAL with
 * synchronous=FULL, so an acknowledged record survives a crash). A remediation tool records its
 * inverse after it acted; {@code rollback_action} claims an entry atomically so two rollbacks of
 * the same action cannot both run. Arguments stored here never carry secrets: a database target is
 * kept as its inventory id, or as the connection string the caller gave when it held no password
 * (else that connection without its password, to be completed from ~/.pgpass or PGPASSWORD).
 */
public final class RollbackJournal {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SCHEMA = """
            create table if not exists rollbacks (
              action_id text primary key, created_at text not null, trace_id text not null, principal text not null,
              tool text not null, target text not null, description text not null, inverse_tool text not null,
              inverse_arguments text not null, pre_state text not null, status text not null,
              rolled_back_at text, rollback_trace text)
            """;
    private final Path file;
    private volatile boolean created;

    /** Nothing is touched until the first use: a server that never changes anything never creates the file. */
    public RollbackJournal(Path file) {
        this.file = file;
    }

    private synchronized void create() {
        if (created) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the rollback journal " + file, e);
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(SCHEMA);
        } catch (SQLException e) {
            throw failure("open", e);
        }
        created = true;
    }

    /**
     * Makes sure the journal can record before a reversible tool changes anything: a change whose
     * inverse cannot be recorded is refused rather than made unrecoverable.
     */
    public void ready() throws io.aihelpdesk.tools.ToolFailure {
        try (Connection c = open()) {
            c.isValid(1);
        } catch (SQLException | RuntimeException e) {
            throw new io.aihelpdesk.tools.ToolFailure(new io.aihelpdesk.tools.Diagnosis("rollback_journal_unavailable",
                    "the rollback journal " + file + " cannot be opened, so this reversible change is not made: " + e.getMessage(),
                    "check that the directory of the audit database is writable", ""));
        }
    }

    public Path file() {
        return file;
    }

    private Connection open() throws SQLException {
        if (!created) {
            create();
        }
        return connect();
    }

    private Connection connect() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /**
     * Records how to undo the action the calling tool just made; the inverse call is completed with
     * this call's target arguments. Returns the action id.
     */
    public String record(ToolContext ctx, String description, String inverseTool, Map<String, Object> inverseArguments,
                         Map<String, Object> preState) {
        Map<String, Object> args = new LinkedHashMap<>(targetArguments(ctx));
        args.putAll(inverseArguments);
        String id = "act_" + HexFormat.of().formatHex(randomBytes());
        try (Connection c = open(); PreparedStatement ps = c.prepareStatement(
                "insert into rollbacks values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null)")) {
            ps.setString(1, id);
            ps.setString(2, Instant.now().toString());
            ps.setString(3, ctx.invocation().traceId());
            ps.setString(4, ctx.invocation().caller().id());
            ps.setString(5, ctx.invocation().tool());
            ps.setString(6, target(ctx));
            ps.setString(7, description);
            ps.setString(8, inverseTool);
            ps.setString(9, Json.write(args));
            ps.setString(10, Json.write(preState));
            ps.setString(11, RollbackEntry.AVAILABLE);
            ps.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw failure("record", e);
        }
    }

    /** Newest first; {@code status} empty for every status. */
    public List<RollbackEntry> list(String status, int limit) {
        boolean all = status == null || status.isEmpty();
        try (Connection c = open(); PreparedStatement ps = c.prepareStatement("select * from rollbacks"
                + (all ? "" : " where status = ?") + " order by created_at desc, action_id limit ?")) {
            int i = 1;
            if (!all) {
                ps.setString(i++, status);
            }
            ps.setInt(i, limit);
            return read(ps);
        } catch (SQLException e) {
            throw failure("list", e);
        }
    }

    public Optional<RollbackEntry> find(String actionId) {
        try (Connection c = open(); PreparedStatement ps = c.prepareStatement("select * from rollbacks where action_id = ?")) {
            ps.setString(1, actionId);
            return read(ps).stream().findFirst();
        } catch (SQLException e) {
            throw failure("find", e);
        }
    }

    /** Moves an available entry to rolling_back; false when it was not available (already used or in use). */
    public boolean claim(String actionId) {
        return move(actionId, RollbackEntry.AVAILABLE, RollbackEntry.ROLLING_BACK, null);
    }

    /** Makes a claimed entry available again (the rollback did not run: denied, pending approval, failed). */
    public void release(String actionId) {
        move(actionId, RollbackEntry.ROLLING_BACK, RollbackEntry.AVAILABLE, null);
    }

    /** Marks a claimed entry rolled back by the call with this trace id. */
    public void complete(String actionId, String rollbackTrace) {
        move(actionId, RollbackEntry.ROLLING_BACK, RollbackEntry.ROLLED_BACK, rollbackTrace);
    }

    private boolean move(String actionId, String from, String to, String trace) {
        boolean done = RollbackEntry.ROLLED_BACK.equals(to);
        try (Connection c = open(); PreparedStatement ps = c.prepareStatement("update rollbacks set status = ?"
                + (done ? ", rolled_back_at = ?, rollback_trace = ?" : "") + " where action_id = ? and status = ?")) {
            int i = 1;
            ps.setString(i++, to);
            if (done) {
                ps.setString(i++, Instant.now().toString());
                ps.setString(i++, trace);
            }
            ps.setString(i++, actionId);
            ps.setString(i, from);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("update", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<RollbackEntry> read(PreparedStatement ps) throws SQLException {
        List<RollbackEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new RollbackEntry(rs.getString("action_id"), rs.getString("created_at"), rs.getString("trace_id"),
                        rs.getString("principal"), rs.getString("tool"), rs.getString("target"), rs.getString("description"),
                        rs.getString("inverse_tool"), Json.mapper().readValue(rs.getString("inverse_arguments"), Map.class),
                        Json.mapper().readValue(rs.getString("pre_state"), Map.class), rs.getString("status"),
                        rs.getString("rolled_back_at"), rs.getString("rollback_trace")));
            }
        }
        return out;
    }

    /** The arguments that name this call's target again, without secrets. */
    static Map<String, Object> targetArguments(ToolContext ctx) {
        Map<String, Object> given = ctx.invocation().arguments();
        Map<String, Object> args = new LinkedHashMap<>();
        DatabaseTarget db = database(ctx);
        if (db != null) {
            Object connection = given.get("connection_string");
            args.put("connection_string", !db.id().isEmpty() ? db.id()
                    : db.spec().password() == null ? (connection == null ? "" : connection) : db.spec().toString());
            return args;
        }
        KubernetesTarget k = cluster(ctx);
        if (k != null) {
            args.put("context", given.getOrDefault("context", ""));
            args.put("namespace", k.namespace() == null ? given.getOrDefault("namespace", "") : k.namespace());
        }
        return args;
    }

    private static String target(ToolContext ctx) {
        DatabaseTarget db = database(ctx);
        KubernetesTarget k = db == null ? cluster(ctx) : null;
        return db != null ? db.display() : k != null ? k.display() : "";
    }

    private static DatabaseTarget database(ToolContext ctx) {
        try {
            return ctx.database();
        } catch (IllegalStateException notADatabaseTool) {
            return null;
        }
    }

    private static KubernetesTarget cluster(ToolContext ctx) {
        try {
            return ctx.cluster();
        } catch (IllegalStateException notAKubernetesTool) {
            return null;
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("rollback journal " + file + ": " + what + " failed: " + e.getMessage()
                + " — check the file is writable and not corrupted", e);
    }
}
