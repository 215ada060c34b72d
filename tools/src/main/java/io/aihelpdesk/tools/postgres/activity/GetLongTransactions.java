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

/** {@code get_long_transactions}: transactions open longer than a threshold, idle ones included. */
public final class GetLongTransactions {
    private GetLongTransactions() {
    }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param(value = "Only transactions open at least this many seconds", defaultValue = "60", min = 0)
            int minSeconds) {
    }

    public record Transaction(
            int pid, String user, String database, String applicationName,
            @Describe("active, idle in transaction, idle in transaction (aborted), ...") String state,
            @Describe("Seconds since the transaction started") double xactSeconds,
            @Describe("Seconds in the current state") Double stateSeconds,
            String backendXid,
            @Describe("age() of backend_xid in transactions") Integer xidAge,
            String backendXmin,
            @Describe("age() of backend_xmin: how far this snapshot holds back vacuum") Integer xminAge,
            String waitEventType, String waitEvent,
            @Describe("Current (or last) query, up to 300 characters") String query) {
    }

    public record Reply(List<Transaction> transactions, int count, boolean truncated, int minSeconds) {
    }

    static final String SQL = """
            select pid, usename as user, datname as database, application_name, state,
                   round(extract(epoch from now() - xact_start)::numeric, 1)::float8 as xact_seconds,
                   round(extract(epoch from now() - state_change)::numeric, 1)::float8 as state_seconds,
                   backend_xid::text as backend_xid, age(backend_xid) as xid_age,
                   backend_xmin::text as backend_xmin, age(backend_xmin) as xmin_age,
                   wait_event_type, wait_event, left(query, 300) as query
              from pg_stat_activity
             where pid <> pg_backend_pid() and xact_start is not null
               and xact_start <= now() - make_interval(secs => ?)
             order by xact_start, pid
            """;

    public static ToolDefinition<Params, Reply> definition() {
        return ToolDefinition.databaseRead("get_long_transactions",
                "List transactions open longer than min_seconds (default 60), including sessions idle in "
                        + "transaction, with transaction age, backend_xid/backend_xmin age and the last query; oldest "
                        + "first. Long transactions hold locks and stop vacuum from removing dead rows.",
                Params.class, Reply.class, GetLongTransactions::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws SQLException {
        SqlRunner.Capped<Transaction> rows = ctx.sql().capped(Transaction.class, ToolContext.DEFAULT_ROW_LIMIT, SQL,
                (double) p.minSeconds());
        Reply r = new Reply(rows.rows(), rows.rows().size(), rows.truncated(), p.minSeconds());
        if (r.count() == 0) {
            return Result.of(r, "No transactions open longer than " + p.minSeconds() + " s.");
        }
        Transaction oldest = r.transactions().get(0);
        long idle = r.transactions().stream().filter(t -> t.state() != null && t.state().startsWith("idle in")).count();
        return Result.of(r, r.count() + " transaction" + (r.count() == 1 ? "" : "s") + " open longer than "
                + p.minSeconds() + " s" + (idle > 0 ? " (" + idle + " idle in transaction)" : "") + "; oldest: pid "
                + oldest.pid() + " (" + oldest.state() + ") open " + oldest.xactSeconds() + " s");
    }
}
