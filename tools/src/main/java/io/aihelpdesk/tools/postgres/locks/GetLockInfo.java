package io.aihelpdesk.tools.postgres.locks;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.SqlRunner;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.util.List;

/** {@code get_lock_info}: who is blocked by whom, with both queries. */
public final class GetLockInfo {
    private GetLockInfo() {
    }

    public record BlockingPair(
            @Describe("Waiting backend") int blockedPid,
            String blockedUser,
            @Describe("Seconds the blocked backend has waited in its current state") Double blockedWaitSeconds,
            @Describe("Lock mode the blocked backend waits for") String blockedMode,
            String blockedQuery,
            @Describe("Backend holding the conflicting lock") int blockingPid,
            String blockingUser,
            @Describe("State of the blocker (idle in transaction is a common culprit)") String blockingState,
            String blockingQuery,
            @Describe("Relation the lock is on, if any") String relation) {
    }

    public record Reply(List<BlockingPair> blockingPairs, int count, boolean truncated) {
    }

    /** Public for the benchmark's JDBC floor, which runs exactly this SQL. */
    public static final String SQL = """
            select w.pid as blocked_pid, w.usename as blocked_user,
                   round(extract(epoch from now() - w.state_change)::numeric, 1)::float8 as blocked_wait_seconds,
                   wl.mode as blocked_mode, left(w.query, 300) as blocked_query,
                   b.pid as blocking_pid, b.usename as blocking_user, b.state as blocking_state,
                   left(b.query, 300) as blocking_query,
                   case when wl.relation is not null then wl.relation::regclass::text end as relation
              from pg_stat_activity w
              join pg_locks wl on wl.pid = w.pid and not wl.granted
              cross join lateral unnest(pg_blocking_pids(w.pid)) as bp(pid)
              join pg_stat_activity b on b.pid = bp.pid
             order by blocked_wait_seconds desc nulls last, w.pid, b.pid
            """;

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("get_lock_info",
                "List blocked/blocking session pairs from pg_locks and pg_stat_activity, with lock modes, wait times "
                        + "and both queries. Use when queries hang or time out.",
                TargetOnly.class, Reply.class, GetLockInfo::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        SqlRunner.Capped<BlockingPair> rows = ctx.sql().capped(BlockingPair.class, ToolContext.DEFAULT_ROW_LIMIT, SQL);
        Reply r = new Reply(rows.rows(), rows.rows().size(), rows.truncated());
        return Result.of(r, r.count() == 0 ? "No blocking locks found."
                : r.count() + " blocked/blocking pair" + (r.count() == 1 ? "" : "s") + (r.truncated() ? " (truncated)" : "")
                + "; longest wait " + r.blockingPairs().get(0).blockedWaitSeconds() + " s (pid "
                + r.blockingPairs().get(0).blockedPid() + " blocked by " + r.blockingPairs().get(0).blockingPid() + ")");
    }
}
