package io.aihelpdesk.tools.postgres.maintenance;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.SqlRunner;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code get_index_health}: indexes that cost writes and space without helping reads. Invalid indexes
 * (a failed CREATE INDEX CONCURRENTLY), duplicate indexes (same table, columns, operator classes,
 * expressions and predicate) and unused indexes (never scanned since the statistics reset, and not
 * enforcing a constraint). System schemas are excluded.
 */
public final class GetIndexHealth {
    static final int LIMIT = 50;
    private static final String USER_SCHEMAS = " n.nspname not in ('pg_catalog', 'information_schema')"
            + " and n.nspname not like 'pg\\_toast%' ";

    private GetIndexHealth() {
    }

    public record IndexInfo(
            String schemaName,
            String tableName,
            String indexName,
            Long indexBytes,
            String indexSize,
            @Describe("Index scans since the statistics reset") Long idxScan,
            String definition) {
    }

    /** Two or more indexes that index the same thing; all but one can be dropped. */
    public record DuplicateSet(
            String schemaName,
            String tableName,
            List<String> indexNames,
            @Describe("Combined size of the set, bytes") Long totalBytes,
            String totalSize,
            List<String> definitions) {
    }

    public record Reply(
            @Describe("indisvalid = false: ignored by the planner but still maintained on every write")
            List<IndexInfo> invalidIndexes,
            List<DuplicateSet> duplicateIndexes,
            @Describe("idx_scan = 0 and not unique, primary or backing a constraint; largest first")
            List<IndexInfo> unusedIndexes,
            @Describe("True when a list was cut at 50 entries") boolean truncated,
            @Describe("When this database's statistics were reset (null = since cluster creation); 'unused' is since then")
            OffsetDateTime statsReset) {
    }

    private static final String INDEX_COLUMNS = """
            select n.nspname as schema_name, t.relname as table_name, i.relname as index_name,
                   pg_relation_size(i.oid) as index_bytes, pg_size_pretty(pg_relation_size(i.oid)) as index_size,
                   s.idx_scan, pg_get_indexdef(i.oid) as definition
              from pg_index x
              join pg_class i on i.oid = x.indexrelid
              join pg_class t on t.oid = x.indrelid
              join pg_namespace n on n.oid = i.relnamespace
              left join pg_stat_all_indexes s on s.indexrelid = x.indexrelid
            """;

    static final String INVALID = INDEX_COLUMNS + " where not x.indisvalid and" + USER_SCHEMAS
            + " order by n.nspname, t.relname, i.relname";

    static final String UNUSED = INDEX_COLUMNS + " where s.idx_scan = 0 and not x.indisunique and not x.indisprimary"
            + " and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid) and" + USER_SCHEMAS
            + " order by pg_relation_size(i.oid) desc, n.nspname, i.relname";

    static final String DUPLICATES = """
            select n.nspname as schema_name, t.relname as table_name,
                   array_agg(i.relname::text order by i.relname) as index_names,
                   sum(pg_relation_size(i.oid))::bigint as total_bytes,
                   pg_size_pretty(sum(pg_relation_size(i.oid))::bigint) as total_size,
                   array_agg(pg_get_indexdef(i.oid) order by i.relname) as definitions
              from pg_index x
              join pg_class i on i.oid = x.indexrelid
              join pg_class t on t.oid = x.indrelid
              join pg_namespace n on n.oid = t.relnamespace
             where""" + USER_SCHEMAS + """
             group by n.nspname, t.relname, x.indrelid, x.indkey::text, x.indclass::text,
                      coalesce(pg_get_expr(x.indexprs, x.indrelid), ''), coalesce(pg_get_expr(x.indpred, x.indrelid), '')
            having count(*) > 1
             order by sum(pg_relation_size(i.oid)) desc, n.nspname, t.relname
            """;

    static final String STATS_RESET = "select stats_reset from pg_stat_database where datname = current_database()";

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("get_index_health",
                "Index health in one reply: invalid indexes (indisvalid = false, e.g. a failed CREATE INDEX "
                        + "CONCURRENTLY), duplicate indexes (same table, columns, operator classes, expressions and "
                        + "predicate) and unused indexes (idx_scan = 0, not unique/primary/constraint) with sizes. "
                        + "Use for write amplification, disk growth and cleanup planning.",
                TargetOnly.class, Reply.class, GetIndexHealth::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        SqlRunner sql = ctx.sql();
        SqlRunner.Capped<IndexInfo> invalid = sql.capped(IndexInfo.class, LIMIT, INVALID);
        SqlRunner.Capped<DuplicateSet> duplicates = sql.capped(DuplicateSet.class, LIMIT, DUPLICATES);
        SqlRunner.Capped<IndexInfo> unused = sql.capped(IndexInfo.class, LIMIT, UNUSED);
        OffsetDateTime reset = sql.rows(STATS_RESET).stream().findFirst()
                .map(r -> (OffsetDateTime) r.get("stats_reset")).orElse(null);
        Reply r = new Reply(invalid.rows(), duplicates.rows(), unused.rows(),
                invalid.truncated() || duplicates.truncated() || unused.truncated(), reset);
        long unusedBytes = r.unusedIndexes().stream().mapToLong(i -> i.indexBytes() == null ? 0 : i.indexBytes()).sum();
        return Result.of(r, r.invalidIndexes().size() + " invalid, " + r.duplicateIndexes().size() + " duplicate set(s), "
                + r.unusedIndexes().size() + " unused index(es) (" + unusedBytes + " bytes)"
                + (r.truncated() ? "; lists truncated at " + LIMIT : ""));
    }
}
