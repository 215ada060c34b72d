package io.aihelpdesk.tools.postgres.queries;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.postgres.SqlRunner;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code get_slow_queries}: the most expensive statements of the current database from
 * pg_stat_statements. The sort column comes from a fixed list in this class, never from the caller's
 * text; the limit is a bind parameter.
 */
public final class GetSlowQueries {
    static final String MISSING = "pg_stat_statements_missing";

    private GetSlowQueries() {
    }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param(value = "How many statements to return", defaultValue = "10", min = 1, max = 100) int limit,
            @Param(value = "Sort by total execution time, mean time per call, or number of calls",
                    defaultValue = "total_time", allowed = {"total_time", "mean_time", "calls"}) String orderBy) {
    }

    public record Statement(
            @Describe("pg_stat_statements queryid (null when this role may not see it)") Long queryid,
            @Describe("Normalized statement text, first 300 characters") String query,
            Long calls,
            Double totalMs,
            Double meanMs,
            Double maxMs,
            Long rows,
            Long sharedBlksHit,
            Long sharedBlksRead,
            @Describe("Shared buffer hit ratio, percent") Double hitPct,
            @Describe("Time spent reading blocks (needs track_io_timing), ms") Double blkReadTimeMs) {
    }

    public record Reply(List<Statement> statements, String orderBy, int count, boolean truncated) {
    }

    static final String EXTENSION = "select exists (select 1 from pg_extension where extname = 'pg_stat_statements') as present";

    public static ToolDefinition<Params, Reply> definition() {
        return ToolDefinition.databaseRead("get_slow_queries",
                "The most expensive statements of the current database from pg_stat_statements: calls, total/mean/"
                        + "max execution ms, rows, shared blocks hit/read and hit %. order_by total_time finds the "
                        + "biggest load, mean_time the slowest statements, calls the chattiest. Needs the "
                        + "pg_stat_statements extension (the failure says how to enable it).",
                Params.class, Reply.class, GetSlowQueries::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws SQLException, ToolFailure {
        SqlRunner sql = ctx.sql();
        if (!Boolean.TRUE.equals(sql.rows(EXTENSION).get(0).get("present"))) {
            throw missing("the pg_stat_statements extension is not installed in this database");
        }
        SqlRunner.Capped<Statement> rows;
        try {
            rows = sql.capped(Statement.class, p.limit(), statements(sql.serverVersion(), p.orderBy()));
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("shared_preload_libraries")) {
                throw missing("pg_stat_statements is installed but not loaded by the server", e);
            }
            throw e;
        }
        Reply r = new Reply(rows.rows(), orderKey(p.orderBy()), rows.rows().size(), rows.truncated());
        if (r.count() == 0) {
            return Result.of(r, "pg_stat_statements has no statements for this database yet.");
        }
        Statement top = r.statements().get(0);
        return Result.of(r, "Top " + r.count() + " statement(s) by " + r.orderBy() + "; first: " + top.calls()
                + " calls, " + top.totalMs() + " ms total, " + top.meanMs() + " ms mean");
    }

    /** The whitelist: caller text selects one of these constants and is never part of the SQL. */
    static String orderColumn(String orderBy) {
        return switch (orderKey(orderBy)) {
            case "mean_time" -> "s.mean_exec_time";
            case "calls" -> "s.calls";
            default -> "s.total_exec_time";
        };
    }

    private static String orderKey(String orderBy) {
        return orderBy == null || orderBy.isEmpty() ? "total_time" : orderBy;
    }

    /** PG17 renamed blk_read_time to shared_blk_read_time. */
    static String statements(int serverVersion, String orderBy) {
        String readTime = serverVersion >= 170000 ? "s.shared_blk_read_time" : "s.blk_read_time";
        return "select s.queryid, left(s.query, 300) as query, s.calls,"
                + " round(s.total_exec_time::numeric, 2)::float8 as total_ms,"
                + " round(s.mean_exec_time::numeric, 2)::float8 as mean_ms,"
                + " round(s.max_exec_time::numeric, 2)::float8 as max_ms, s.rows,"
                + " s.shared_blks_hit, s.shared_blks_read,"
                + " round(100.0 * s.shared_blks_hit / nullif(s.shared_blks_hit + s.shared_blks_read, 0), 2)::float8 as hit_pct,"
                + " round(" + readTime + "::numeric, 2)::float8 as blk_read_time_ms"
                + " from pg_stat_statements s"
                + " where s.dbid = (select oid from pg_database where datname = current_database())"
                + " order by " + orderColumn(orderBy) + " desc, s.queryid";
    }

    private static ToolFailure missing(String what) {
        return missing(what, null);
    }

    private static ToolFailure missing(String what, Throwable cause) {
        Diagnosis d = new Diagnosis(MISSING, what + "; slow-query statistics are unavailable",
                "enable it: set shared_preload_libraries = 'pg_stat_statements' in postgresql.conf, restart PostgreSQL, "
                        + "then run CREATE EXTENSION pg_stat_statements; in this database", "");
        return cause == null ? new ToolFailure(d) : new ToolFailure(d, cause);
    }
}
