package io.aihelpdesk.tools.postgres.activity;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.postgres.SqlRunner;
import io.aihelpdesk.tools.postgres.TargetOnly;
import io.aihelpdesk.tools.remediation.DryRun;
import io.aihelpdesk.tools.remediation.Verification;
import io.aihelpdesk.tools.remediation.Verification.Observation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code terminate_idle_connections}: end client sessions idle for longer than a threshold. The
 * preview lists exactly the sessions that match; the real run ends those of them that still match
 * when it reaches them (same pid, same idle period: a session that did anything since is spared).
 * Never ends aihelpdesk's own sessions or server processes.
 */
public final class TerminateIdleConnections {
    static final int LIMIT = 1000;

    private TerminateIdleConnections() {
    }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param(value = "End sessions idle for at least this many minutes", required = true, min = 0, max = 525_600) int idleMinutes,
            @Param("Only sessions connected to this database; empty: every database") String database,
            @Param(value = "Also end sessions idle inside an open transaction (their work is rolled back)",
                    defaultValue = "false") boolean includeIdleInTransaction,
            @Param("Comma-separated pids from the dry run: end only these (those of them still matching), never a "
                    + "session that started matching after the preview; empty: every matching session") String pids,
            @Param(value = DryRun.PARAM, defaultValue = "false") boolean dryRun) {
    }

    public record Reply(
            boolean dryRun,
            int idleMinutes,
            String database,
            @Describe("The sessions that match (would be / were ended), oldest idle first") List<SessionRow> sessions,
            int count,
            @Describe("Pids that were ended") List<Integer> terminated,
            @Describe("Pids that stopped matching before they were reached (became active, or ended themselves)") List<Integer> spared,
            boolean reversible,
            String undo,
            Boolean verified,
            String evidence) {
    }

    static final String UNDO = "terminated sessions cannot be restored; clients must reconnect";

    static final String MATCHING = SessionRow.SELECT + """
             where a.backend_type = 'client backend' and a.pid <> pg_backend_pid()
               and coalesce(a.application_name, '') not like 'aihelpdesk%'
               and (a.state = 'idle' or (?::boolean and a.state in ('idle in transaction', 'idle in transaction (aborted)')))
               and a.state_change < now() - make_interval(mins => ?::int)
               and (?::text = '' or a.datname = ?::text)
             order by a.state_change, a.pid
            """;

    /** Ends one listed session only if it is still in the idle period it was listed in. */
    static final String TERMINATE = """
            select pg_terminate_backend(pid) as terminated from pg_stat_activity
             where pid = ? and state = ? and state_change = ?::timestamptz
            """;

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("terminate_idle_connections",
                "Terminate client sessions idle for at least idle_minutes (optionally only in one database, optionally "
                        + "including idle-in-transaction sessions). dry_run=true lists exactly the sessions that would be "
                        + "ended; the real run ends those still idle since they were listed. Irreversible. Never ends "
                        + "aihelpdesk's own sessions or server processes.",
                Effect.DESTRUCTIVE, TargetKind.DATABASE, Params.class, Reply.class, TerminateIdleConnections::run);
    }

    static List<SessionRow> matching(SqlRunner sql, Params p) throws SQLException, ToolFailure {
        String db = p.database() == null ? "" : p.database().trim();
        List<SessionRow> all = sql.capped(SessionRow.class, LIMIT, MATCHING, p.includeIdleInTransaction(), p.idleMinutes(), db, db).rows();
        java.util.Set<Integer> only = previewed(p.pids());
        return only == null ? all : all.stream().filter(s -> only.contains(s.pid())).toList();
    }

    /** The pids the caller approved from a preview, or null for "every matching session". */
    static java.util.Set<Integer> previewed(String pids) throws ToolFailure {
        if (pids == null || pids.isBlank()) {
            return null;
        }
        java.util.Set<Integer> out = new java.util.LinkedHashSet<>();
        for (String part : pids.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                out.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                throw new ToolFailure(new io.aihelpdesk.tools.Diagnosis("invalid_pids", "pids must be a comma-separated "
                        + "list of process ids, got '" + part + "'", "copy the pids of the dry run's sessions", ""));
            }
        }
        return out;
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws SQLException, ToolFailure {
        List<SessionRow> sessions = matching(ctx.sql(), p);
        String db = p.database() == null ? "" : p.database().trim();
        String scope = "idle " + p.idleMinutes() + "+ min" + (db.isEmpty() ? "" : " in database " + db);
        if (p.dryRun() || sessions.isEmpty()) {
            Reply r = new Reply(p.dryRun(), p.idleMinutes(), db, sessions, sessions.size(), List.of(), List.of(), false, UNDO,
                    p.dryRun() ? null : true, p.dryRun() ? DryRun.NOT_RUN : "no session matched; nothing was ended");
            return Result.of(r, sessions.isEmpty() ? "No client session is " + scope + "." : "Dry run: would terminate "
                    + sessions.size() + " session" + (sessions.size() == 1 ? "" : "s") + " " + scope + ": "
                    + sessions.stream().map(SessionRow::describe).collect(Collectors.joining(", ")) + ". Irreversible. To end "
                    + "exactly these, call again without dry_run and with pids=\""
                    + sessions.stream().map(x -> String.valueOf(x.pid())).collect(Collectors.joining(",")) + "\".");
        }
        ctx.limitBlastRadius("sessions", sessions.size());
        List<Integer> terminated = new ArrayList<>();
        List<Integer> spared = new ArrayList<>();
        for (SessionRow s : sessions) {
            List<Map<String, Object>> rows = ctx.sql().rows(TERMINATE, s.pid(), s.state(), s.stateChange());
            if (!rows.isEmpty() && Boolean.TRUE.equals(rows.get(0).get("terminated"))) {
                terminated.add(s.pid());
            } else {
                spared.add(s.pid());
            }
        }
        Verification v = Verification.poll(Verification.DATABASE, () -> gone(ctx.sql(), terminated));
        Reply r = new Reply(false, p.idleMinutes(), db, sessions, sessions.size(), terminated, spared, false, UNDO,
                v.verified(), v.evidence());
        return Result.of(r, "Terminated " + terminated.size() + " session" + (terminated.size() == 1 ? "" : "s") + " "
                + scope + (spared.isEmpty() ? "" : "; spared " + spared.size() + " that stopped matching " + spared)
                + (v.verified() ? "; verified: " : "; NOT verified: ") + v.evidence() + ".");
    }

    private static Observation gone(SqlRunner sql, List<Integer> pids) throws SQLException {
        if (pids.isEmpty()) {
            return Observation.done("no session was ended");
        }
        List<Object> left = sql.rows("select pid from pg_stat_activity where pid = any(?::int[])", (Object) pids.toArray(Integer[]::new))
                .stream().map(r -> r.get("pid")).toList();
        return left.isEmpty() ? Observation.done("none of the " + pids.size() + " ended pids is in pg_stat_activity any more")
                : Observation.pending("still connected: " + left);
    }
}
