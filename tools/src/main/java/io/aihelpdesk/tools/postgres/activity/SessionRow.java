package io.aihelpdesk.tools.postgres.activity;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.postgres.SqlRunner;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * A session as the session-ending tools show it before they act (their pre-state): who, where,
 * what it runs and since when. {@code stateChange} identifies "the same idle period": a session
 * that did anything since it was listed has a newer one.
 */
public record SessionRow(
        int pid,
        String user,
        String database,
        String applicationName,
        String clientAddr,
        @Describe("client backend, walsender, autovacuum worker, ...") String backendType,
        String state,
        OffsetDateTime backendStart,
        OffsetDateTime xactStart,
        OffsetDateTime queryStart,
        OffsetDateTime stateChange,
        @Describe("Seconds in the current state") Long stateSeconds,
        @Describe("The session's current or last statement (first 500 characters)") String query,
        @Describe("The session's role is a superuser: only a superuser may signal it") boolean superuser) {

    static final String SELECT = """
            select a.pid, a.usename as user, a.datname as database, a.application_name,
                   host(a.client_addr) as client_addr, a.backend_type, a.state, a.backend_start, a.xact_start,
                   a.query_start, a.state_change,
                   extract(epoch from now() - coalesce(a.state_change, a.backend_start))::bigint as state_seconds,
                   left(a.query, 500) as query, coalesce(r.rolsuper, false) as superuser
              from pg_stat_activity a left join pg_roles r on r.rolname = a.usename
            """;

    /** Sessions of aihelpdesk itself carry this application_name prefix; they are never ended by its tools. */
    static final String OWN_PREFIX = "aihelpdesk";

    /** The session with this pid, or a failure saying there is none. */
    static SessionRow find(SqlRunner sql, int pid) throws SQLException, ToolFailure {
        return sql.one(SessionRow.class, SELECT + " where a.pid = ?", pid).orElseThrow(() -> new ToolFailure(new Diagnosis(
                "session_not_found", "no session with pid " + pid + " on this server (it may have ended already)",
                "list sessions with get_active_connections and pass one of their pids", "")));
    }

    /**
     * Refuses sessions the tools must not signal: this tool's own session, the other sessions of
     * aihelpdesk (monitoring), and server processes that are not client sessions.
     */
    static void refuseProtected(SqlRunner sql, SessionRow s, String action) throws SQLException, ToolFailure {
        int own = ((Number) sql.rows("select pg_backend_pid() as pid").get(0).get("pid")).intValue();
        if (s.pid() == own || (s.applicationName() != null && s.applicationName().startsWith(OWN_PREFIX))) {
            throw new ToolFailure(new Diagnosis("own_session", "pid " + s.pid() + " is a session of aihelpdesk itself ("
                    + s.applicationName() + "); it will not " + action + " its own monitoring sessions",
                    "pick the pid of the application session you mean (get_active_connections)", ""));
        }
        if (!"client backend".equals(s.backendType())) {
            throw new ToolFailure(new Diagnosis("not_a_client_session", "pid " + s.pid() + " is a " + s.backendType()
                    + ", not a client session; it will not " + action + " a server process",
                    "for a walsender drop or fix its replication consumer; autovacuum and background workers are "
                            + "managed by the server", ""));
        }
    }

    /** The one-line description used in previews: {@code pid 123 (app@db, user bob, idle for 300 s)}. */
    String describe() {
        return "pid " + pid + " (" + (applicationName == null || applicationName.isEmpty() ? "?" : applicationName) + "@"
                + database + ", user " + user + ", " + state + (stateSeconds == null ? "" : " for " + stateSeconds + " s")
                + (superuser ? ", superuser" : "") + ")";
    }
}
