package io.aihelpdesk.tools.postgres.locks;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** {@code get_blocking_queries}: the whole lock chain as a tree rooted at the sessions that block but are not blocked. */
public final class GetBlockingQueries {
    private GetBlockingQueries() {
    }

    /**
     * A root blocker. The sessions behind it are listed in {@code blocked} in tree order (depth first),
     * each naming the session it waits behind; the schema stays flat because JSON Schema derivation
     * does not follow recursive records.
     */
    public record Root(
            int pid,
            String user,
            String database,
            @Describe("State; 'idle in transaction' here is an application holding a transaction open") String state,
            String waitEventType,
            String waitEvent,
            @Describe("Seconds in the current state") Double stateSeconds,
            @Describe("Seconds since its transaction started") Double xactSeconds,
            @Describe("Query, up to 300 characters") String query,
            @Describe("Pids this root waits for that are not sessions (0 = a prepared transaction); usually empty")
            List<Integer> blockedBy,
            @Describe("Sessions held up by this root, directly or further down the chain") int blockedCount,
            @Describe("The sessions held up, depth first: each waits behind waits_behind_pid") List<Waiter> blocked) {
    }

    public record Waiter(
            int pid,
            @Describe("The session this one is nested under: the nearest blocker in the chain") int waitsBehindPid,
            @Describe("1 = waits directly on the root, 2 = behind a depth-1 waiter, ...") int depth,
            String user,
            String database,
            String state,
            String waitEventType,
            String waitEvent,
            @Describe("Seconds in the current state: how long it has waited") Double waitSeconds,
            Double xactSeconds,
            @Describe("Lock mode this session waits for") String waitingForMode,
            @Describe("Relation of the awaited lock, if any") String waitingForRelation,
            @Describe("Query, up to 300 characters") String query,
            @Describe("Every pid this session waits for (pg_blocking_pids)") List<Integer> blockedBy,
            @Describe("Sessions held up behind this one") int blockedCount) {
    }

    public record Reply(
            @Describe("Root blockers with their chains, the one holding up most sessions first") List<Root> roots,
            @Describe("Sessions waiting on a lock held or requested by another session") int blockedSessions) {
    }

    /* pg_blocking_pids is costly; it is evaluated once per backend in the first CTE. */
    static final String SQL = """
            with waits as (
                select pid, pg_blocking_pids(pid) as blocked_by from pg_stat_activity
            ), blocked as (
                select pid, blocked_by from waits where cardinality(blocked_by) > 0
            ), involved as (
                select pid from blocked
                union
                select unnest(blocked_by) from blocked
            )
            select a.pid, a.usename as user, a.datname as database, a.state, a.wait_event_type, a.wait_event,
                   round(extract(epoch from now() - a.state_change)::numeric, 1)::float8 as wait_seconds,
                   round(extract(epoch from now() - a.xact_start)::numeric, 1)::float8 as xact_seconds,
                   l.mode as waiting_for_mode, l.relation as waiting_for_relation,
                   left(a.query, 300) as query, coalesce(b.blocked_by, '{}') as blocked_by
              from involved i
              join pg_stat_activity a on a.pid = i.pid
              left join blocked b on b.pid = a.pid
              left join lateral (select pl.mode,
                                        case when pl.relation is not null then pl.relation::regclass::text end as relation
                                   from pg_locks pl where pl.pid = a.pid and not pl.granted limit 1) l on true
             order by a.pid
            """;

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("get_blocking_queries",
                "Show the full lock chain as a tree: root blockers (blocking others, not blocked themselves) with "
                        + "the sessions waiting behind them nested below, each with state, wait time, awaited lock "
                        + "mode and query. Use when many sessions hang to find the one session to deal with.",
                TargetOnly.class, Reply.class, GetBlockingQueries::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        List<LockTree.Row> rows = ctx.sql().list(LockTree.Row.class, SQL);
        List<Root> roots = LockTree.build(rows).stream().map(GetBlockingQueries::root).toList();
        int blocked = (int) rows.stream().filter(r -> !r.blockedBy().isEmpty()).count();
        Reply r = new Reply(roots, blocked);
        return Result.of(r, summary(r));
    }

    static Root root(LockTree.Branch b) {
        LockTree.Row r = b.row();
        List<Waiter> waiters = new ArrayList<>();
        b.children().forEach(c -> flatten(c, r.pid(), 1, waiters));
        return new Root(r.pid(), r.user(), r.database(), r.state(), r.waitEventType(), r.waitEvent(), r.waitSeconds(),
                r.xactSeconds(), r.query(), r.blockedBy(), b.count(), List.copyOf(waiters));
    }

    private static void flatten(LockTree.Branch b, int parent, int depth, List<Waiter> out) {
        LockTree.Row r = b.row();
        out.add(new Waiter(r.pid(), parent, depth, r.user(), r.database(), r.state(), r.waitEventType(), r.waitEvent(),
                r.waitSeconds(), r.xactSeconds(), r.waitingForMode(), r.waitingForRelation(), r.query(), r.blockedBy(),
                b.count()));
        b.children().forEach(c -> flatten(c, r.pid(), depth + 1, out));
    }

    static String summary(Reply r) {
        if (r.roots().isEmpty()) {
            return "No blocking sessions found.";
        }
        Root top = r.roots().get(0);
        String head = "Root blocker pid " + top.pid() + " (" + top.user() + ", " + top.state() + ") holds up "
                + top.blockedCount() + " session" + (top.blockedCount() == 1 ? "" : "s");
        if (r.roots().size() == 1) {
            return head + "; " + r.blockedSessions() + " blocked in total";
        }
        return head + "; " + r.roots().size() + " root blockers in all: " + r.roots().stream()
                .map(n -> "pid " + n.pid() + " holds up " + n.blockedCount()).collect(Collectors.joining(", "))
                + "; " + r.blockedSessions() + " blocked in total";
    }
}
