package io.aihelpdesk.tools.postgres.activity;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/** {@code get_session_info}: everything about one backend, including the locks it holds and awaits. */
public final class GetSessionInfo {
    private GetSessionInfo() {
    }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param(value = "Process id of the backend (pid in pg_stat_activity)", required = true, min = 1) int pid) {
    }

    public record Session(
            int pid, String user, String database, String applicationName,
            String clientAddr, String clientHostname, Integer clientPort, String backendType,
            OffsetDateTime backendStart, OffsetDateTime xactStart, OffsetDateTime queryStart, OffsetDateTime stateChange,
            String state, String waitEventType, String waitEvent,
            @Describe("Transaction id the backend has assigned, if any") String backendXid,
            @Describe("The backend's xmin horizon; an old one holds back vacuum") String backendXmin,
            @Describe("Parallel-query leader, when this is a parallel worker") Integer leaderPid,
            @Describe("Query identifier (PostgreSQL 14+, compute_query_id)") Long queryId,
            Double querySeconds, Double xactSeconds,
            @Describe("Query text, up to 2000 characters") String query,
            @Describe("Backends this one waits for (pg_blocking_pids)") List<Integer> blockedBy,
            @Describe("Backends waiting for this one") List<Integer> blocking) {
    }

    public record Lock(
            String locktype, String mode,
            @Describe("True when held, false when awaited") boolean granted,
            @Describe("Relation, for relation-level locks") String relation,
            String transactionid, String virtualxid,
            @Describe("When the wait began (PostgreSQL 14+); null for held locks") OffsetDateTime waitstart) {
    }

    public record Reply(Session session, List<Lock> locks) {
    }

    static String sessionSql(int version) {
        return """
                select pid, usename as user, datname as database, application_name,
                       host(client_addr) as client_addr, client_hostname, client_port, backend_type,
                       backend_start, xact_start, query_start, state_change, state, wait_event_type, wait_event,
                       backend_xid::text as backend_xid, backend_xmin::text as backend_xmin, leader_pid,
                       %s as query_id,
                       round(extract(epoch from now() - query_start)::numeric, 1)::float8 as query_seconds,
                       round(extract(epoch from now() - xact_start)::numeric, 1)::float8 as xact_seconds,
                       left(query, 2000) as query,
                       pg_blocking_pids(pid) as blocked_by,
                       array(select b.pid from pg_stat_activity b where a.pid = any(pg_blocking_pids(b.pid))
                             order by b.pid) as blocking
                  from pg_stat_activity a
                 where pid = ?
                """.formatted(version >= 140000 ? "query_id" : "null::bigint");
    }

    static String locksSql(int version) {
        return """
                select locktype, mode, granted,
                       case when relation is not null then relation::regclass::text end as relation,
                       transactionid::text as transactionid, virtualxid, %s as waitstart
                  from pg_locks
                 where pid = ?
                 order by granted, locktype, mode
                """.formatted(version >= 140000 ? "waitstart" : "null::timestamptz");
    }

    public static ToolDefinition<Params, Reply> definition() {
        return ToolDefinition.databaseRead("get_session_info",
                "Everything about one backend by pid: user, client, timings, state and wait event, transaction ids, "
                        + "full query text, the locks it holds or awaits, which pids block it and which it blocks. "
                        + "Use before deciding whether to cancel or terminate a session.",
                Params.class, Reply.class, GetSessionInfo::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws SQLException, ToolFailure {
        int version = ctx.sql().serverVersion();
        Session s = ctx.sql().one(Session.class, sessionSql(version), p.pid()).orElseThrow(() -> new ToolFailure(
                new Diagnosis("session_not_found", "no backend with pid " + p.pid() + " on this server",
                        "it may have ended; list current sessions with get_active_connections", "")));
        List<Lock> locks = ctx.sql().list(Lock.class, locksSql(version), p.pid());
        Reply r = new Reply(s, locks);
        long awaited = locks.stream().filter(l -> !l.granted()).count();
        return Result.of(r, "pid " + s.pid() + " (" + s.user() + "@" + s.database() + ", " + s.backendType() + ") is "
                + (s.state() == null ? "running" : s.state())
                + (s.xactSeconds() == null ? "" : ", transaction open " + s.xactSeconds() + " s")
                + "; holds " + (locks.size() - awaited) + " lock" + (locks.size() - awaited == 1 ? "" : "s")
                + (awaited > 0 ? ", waits for " + awaited : "")
                + (s.blockedBy().isEmpty() ? "" : "; blocked by " + s.blockedBy())
                + (s.blocking().isEmpty() ? "" : "; blocking " + s.blocking()));
    }
}
