package io.aihelpdesk.tools.postgres.activity;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.SqlRunner;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.util.List;

/** {@code get_active_connections}: what the backends are doing right now, longest running first. */
public final class GetActiveConnections {
    static final int LIMIT = 50;

    private GetActiveConnections() {
    }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param(value = "Also list idle sessions (state 'idle')", defaultValue = "false") boolean includeIdle) {
    }

    public record Connection(
            int pid,
            String user,
            String database,
            @Describe("Client address; null for Unix-socket and background processes") String clientAddr,
            String applicationName,
            @Describe("active, idle, idle in transaction, ...") String state,
            String waitEventType,
            String waitEvent,
            String backendType,
            @Describe("Seconds since the current (or last) query started") Double querySeconds,
            @Describe("Seconds since the current transaction started; null outside a transaction") Double xactSeconds,
            @Describe("First 200 characters of the current (or last) query") String query) {
    }

    public record Reply(List<Connection> connections, int count, boolean truncated) {
    }

    static final String SQL = """
            select pid, usename as user, datname as database, host(client_addr) as client_addr, application_name,
                   state, wait_event_type, wait_event, backend_type,
                   round(extract(epoch from now() - query_start)::numeric, 1)::float8 as query_seconds,
                   round(extract(epoch from now() - xact_start)::numeric, 1)::float8 as xact_seconds,
                   left(query, 200) as query
              from pg_stat_activity
             where pid <> pg_backend_pid()
               and state is not null
               and (? or state <> 'idle')
             order by query_start nulls last, pid
            """;

    public static ToolDefinition<Params, Reply> definition() {
        return ToolDefinition.databaseRead("get_active_connections",
                "List sessions from pg_stat_activity (excluding this tool's own): user, database, client, state, "
                        + "wait event, how long the query and transaction have run, and the query text; oldest first, "
                        + "at most 50. Idle sessions only with include_idle=true. Use when queries are slow or hang.",
                Params.class, Reply.class, GetActiveConnections::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws SQLException {
        SqlRunner.Capped<Connection> rows = ctx.sql().capped(Connection.class, LIMIT, SQL, p.includeIdle());
        Reply r = new Reply(rows.rows(), rows.rows().size(), rows.truncated());
        return Result.of(r, summary(r));
    }

    static String summary(Reply r) {
        if (r.count() == 0) {
            return "No active connections found.";
        }
        Connection oldest = r.connections().get(0);
        return r.count() + " connection" + (r.count() == 1 ? "" : "s") + (r.truncated() ? " (first 50 shown)" : "")
                + "; oldest query: pid " + oldest.pid() + " (" + oldest.state() + ") running "
                + oldest.querySeconds() + " s";
    }
}
