package io.aihelpdesk.tools.postgres.maintenance;

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
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code get_table_stats}: size, tuple counts, bloat indicators and maintenance history of one table,
 * or of the largest tables of a schema. Schema and table names are bind parameters compared with
 * {@code pg_stat_user_tables}; they are never spliced into SQL.
 */
public final class GetTableStats {
    static final int TOP = 20;

    private GetTableStats() {
    }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param(value = "Schema of the table(s)", defaultValue = "public") String schemaName,
            @Param("Table to report on (exact, case-sensitive name); empty lists the 20 largest tables of the schema")
            String tableName) {
    }

    public record TableStats(
            String schemaName,
            String tableName,
            @Describe("Table + TOAST + indexes, bytes") Long totalBytes,
            String totalSize,
            @Describe("Table + TOAST without indexes, bytes") Long tableBytes,
            String tableSize,
            @Describe("All indexes of the table, bytes") Long indexBytes,
            String indexSize,
            @Describe("Estimated live rows (n_live_tup)") Long liveTuples,
            @Describe("Dead rows not yet vacuumed (n_dead_tup)") Long deadTuples,
            @Describe("Dead share of all tuples, percent") Double deadPct,
            OffsetDateTime lastVacuum,
            OffsetDateTime lastAutovacuum,
            OffsetDateTime lastAnalyze,
            OffsetDateTime lastAutoanalyze,
            @Describe("Sequential scans since the statistics reset") Long seqScan,
            @Describe("Index scans since the statistics reset") Long idxScan,
            @Describe("Rows modified since the last analyze") Long nModSinceAnalyze) {
    }

    public record Reply(List<TableStats> tables, int count,
                        @Describe("True when the schema has more tables than the 20 listed") boolean truncated) {
    }

    static final String COLUMNS = """
            select s.schemaname as schema_name, s.relname as table_name,
                   pg_total_relation_size(s.relid) as total_bytes, pg_size_pretty(pg_total_relation_size(s.relid)) as total_size,
                   pg_table_size(s.relid) as table_bytes, pg_size_pretty(pg_table_size(s.relid)) as table_size,
                   pg_indexes_size(s.relid) as index_bytes, pg_size_pretty(pg_indexes_size(s.relid)) as index_size,
                   s.n_live_tup as live_tuples, s.n_dead_tup as dead_tuples,
                   round(100.0 * s.n_dead_tup / nullif(s.n_live_tup + s.n_dead_tup, 0), 2)::float8 as dead_pct,
                   s.last_vacuum, s.last_autovacuum, s.last_analyze, s.last_autoanalyze,
                   s.seq_scan, s.idx_scan, s.n_mod_since_analyze
              from pg_stat_user_tables s
            """;
    static final String ONE = COLUMNS + " where s.schemaname = ? and s.relname = ?";
    static final String TOP_OF_SCHEMA = COLUMNS + " where s.schemaname = ? order by pg_total_relation_size(s.relid) desc, s.relname";

    public static ToolDefinition<Params, Reply> definition() {
        return ToolDefinition.databaseRead("get_table_stats",
                "Table statistics from pg_stat_user_tables: total/table/index size, live and dead tuples, dead %, "
                        + "last (auto)vacuum and (auto)analyze, sequential vs index scans, rows modified since analyze. "
                        + "Give table_name for one table, or leave it empty for the 20 largest tables of schema_name. "
                        + "Use for bloat, disk growth and 'table got slow' questions.",
                Params.class, Reply.class, GetTableStats::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws SQLException, ToolFailure {
        String schema = p.schemaName() == null || p.schemaName().isEmpty() ? "public" : p.schemaName();
        if (p.tableName() == null || p.tableName().isEmpty()) {
            SqlRunner.Capped<TableStats> top = ctx.sql().capped(TableStats.class, TOP, TOP_OF_SCHEMA, schema);
            Reply r = new Reply(top.rows(), top.rows().size(), top.truncated());
            return Result.of(r, r.count() == 0 ? "No tables with statistics in schema " + schema + "."
                    : "Largest " + r.count() + " table" + (r.count() == 1 ? "" : "s") + " of schema " + schema
                    + (r.truncated() ? " (top " + TOP + "; more exist)" : "") + "; largest " + r.tables().get(0).tableName()
                    + " at " + r.tables().get(0).totalSize());
        }
        TableStats t = ctx.sql().one(TableStats.class, ONE, schema, p.tableName())
                .orElseThrow(() -> notFound(schema, p.tableName()));
        return Result.of(new Reply(List.of(t), 1, false), schema + "." + t.tableName() + ": " + t.totalSize() + " total, "
                + t.liveTuples() + " live / " + t.deadTuples() + " dead tuples ("
                + (t.deadPct() == null ? "0" : t.deadPct()) + "% dead)");
    }

    private static ToolFailure notFound(String schema, String table) {
        return new ToolFailure(new Diagnosis("table_not_found",
                "table " + schema + "." + table + " was not found in pg_stat_user_tables",
                "names are exact and case-sensitive; call get_table_stats without table_name to list the schema's tables, "
                        + "and check the database in the connection string", ""));
    }
}
