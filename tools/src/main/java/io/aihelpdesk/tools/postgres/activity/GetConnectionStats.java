package io.aihelpdesk.tools.postgres.activity;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.util.List;

/** {@code get_connection_stats}: how connections are spread and how close the server is to max_connections. */
public final class GetConnectionStats {
    /** Share of max_connections in use above which the summary warns. */
    static final double WARN_PERCENT = 80.0;

    private GetConnectionStats() {
    }

    public record DatabaseConnections(
            @Describe("Database; null for backends not bound to one") String database,
            long total,
            long active,
            long idle,
            @Describe("Idle in transaction, including aborted transactions") long idleInTransaction,
            @Describe("Sessions waiting on a heavyweight lock") long waitingOnLock) {
    }

    public record Limits(
            @Describe("Client backends connected, all databases") long totalConnections,
            int maxConnections,
            @Describe("Slots only superusers may use") int superuserReservedConnections,
            @Describe("Slots reserved for pg_use_reserved_connections (PostgreSQL 16+); null before") Integer reservedConnections,
            @Describe("total_connections as a percentage of max_connections") double percentUsed,
            @Describe("Connections an ordinary role can still open") long availableForOrdinaryRoles) {
    }

    public record Reply(List<DatabaseConnections> databases, Limits limits) {
    }

    /** Public for the benchmark's JDBC floor, which runs exactly this SQL. */
    public static final String PER_DATABASE = """
            select datname as database, count(*) as total,
                   count(*) filter (where state = 'active') as active,
                   count(*) filter (where state = 'idle') as idle,
                   count(*) filter (where state like 'idle in transaction%') as idle_in_transaction,
                   count(*) filter (where wait_event_type = 'Lock') as waiting_on_lock
              from pg_stat_activity
             where backend_type = 'client backend'
             group by datname
             order by total desc, datname
            """;

    public static String limitsSql(int version) {
        return "select (select count(*) from pg_stat_activity where backend_type = 'client backend') as total_connections,"
                + " current_setting('max_connections')::int as max_connections,"
                + " current_setting('superuser_reserved_connections')::int as superuser_reserved_connections, "
                + (version >= 160000 ? "current_setting('reserved_connections')::int" : "null::int")
                + " as reserved_connections";
    }

    record RawLimits(long totalConnections, int maxConnections, int superuserReservedConnections,
                     Integer reservedConnections) {
    }

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("get_connection_stats",
                "Connections per database (total, active, idle, idle in transaction, waiting on a lock) and overall "
                        + "use against max_connections and the reserved slots, with percent used. Use for 'too many "
                        + "clients' errors and connection-pool exhaustion.",
                TargetOnly.class, Reply.class, GetConnectionStats::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        List<DatabaseConnections> dbs = ctx.sql().list(DatabaseConnections.class, PER_DATABASE);
        RawLimits raw = ctx.sql().one(RawLimits.class, limitsSql(ctx.sql().serverVersion())).orElseThrow();
        Reply r = new Reply(dbs, limits(raw));
        return Result.of(r, summary(r));
    }

    static Limits limits(RawLimits raw) {
        int reserved = raw.superuserReservedConnections()
                + (raw.reservedConnections() == null ? 0 : raw.reservedConnections());
        double percent = Math.round(1000.0 * raw.totalConnections() / raw.maxConnections()) / 10.0;
        return new Limits(raw.totalConnections(), raw.maxConnections(), raw.superuserReservedConnections(),
                raw.reservedConnections(), percent, Math.max(0, raw.maxConnections() - reserved - raw.totalConnections()));
    }

    static String summary(Reply r) {
        Limits l = r.limits();
        long idleInTx = r.databases().stream().mapToLong(DatabaseConnections::idleInTransaction).sum();
        long waiting = r.databases().stream().mapToLong(DatabaseConnections::waitingOnLock).sum();
        String s = l.totalConnections() + " of " + l.maxConnections() + " connections used (" + l.percentUsed() + "%)"
                + (idleInTx > 0 ? ", " + idleInTx + " idle in transaction" : "")
                + (waiting > 0 ? ", " + waiting + " waiting on locks" : "");
        if (l.percentUsed() > WARN_PERCENT) {
            s += "; WARNING: above " + (int) WARN_PERCENT + "% of max_connections, only " + l.availableForOrdinaryRoles()
                    + " left for ordinary roles — look for idle or leaked sessions and use a connection pooler";
        }
        return s;
    }
}
