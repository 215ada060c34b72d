package io.aihelpdesk.tools.postgres.storage;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.SqlRunner;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * {@code get_disk_usage}: where the space goes. Database sizes, the largest tables and indexes of the
 * current database, and the size of pg_wal. Reading pg_wal needs superuser or pg_monitor; without it
 * the WAL fields are null and a note says why, rather than failing the whole call.
 */
public final class GetDiskUsage {
    static final int TOP = 20;

    private GetDiskUsage() {
    }

    public record DatabaseSize(
            String database,
            @Describe("Null when this role may not connect to the database") Long bytes,
            String size) {
    }

    public record RelationSize(
            String schemaName,
            String name,
            @Describe("For an index: its table") String tableName,
            @Describe("Tables: with TOAST and indexes; indexes: the index alone") Long bytes,
            String size) {
    }

    public record Reply(
            List<DatabaseSize> databases,
            @Describe("20 largest tables of the current database") List<RelationSize> topTables,
            @Describe("20 largest indexes of the current database") List<RelationSize> topIndexes,
            @Describe("Total size of pg_wal; null when not permitted") Long walBytes,
            String walSize,
            @Describe("Number of WAL segment files; null when not permitted") Long walFiles,
            @Describe("Why a value is missing, if one is") String note) {
    }

    static final String DATABASES = """
            select datname as database,
                   case when has_database_privilege(oid, 'CONNECT') then pg_database_size(oid) end as bytes,
                   case when has_database_privilege(oid, 'CONNECT') then pg_size_pretty(pg_database_size(oid)) end as size
              from pg_database
             order by bytes desc nulls last, datname
            """;

    static final String TABLES = """
            select n.nspname as schema_name, c.relname as name, null::text as table_name,
                   pg_total_relation_size(c.oid) as bytes, pg_size_pretty(pg_total_relation_size(c.oid)) as size
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where c.relkind in ('r', 'm') and n.nspname not in ('pg_catalog', 'information_schema')
               and n.nspname not like 'pg\\_toast%'
             order by pg_total_relation_size(c.oid) desc, n.nspname, c.relname
            """;

    static final String INDEXES = """
            select n.nspname as schema_name, c.relname as name, t.relname as table_name,
                   pg_relation_size(c.oid) as bytes, pg_size_pretty(pg_relation_size(c.oid)) as size
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
              join pg_index x on x.indexrelid = c.oid join pg_class t on t.oid = x.indrelid
             where c.relkind = 'i' and n.nspname not in ('pg_catalog', 'information_schema')
               and n.nspname not like 'pg\\_toast%'
             order by pg_relation_size(c.oid) desc, n.nspname, c.relname
            """;

    static final String WAL_ALLOWED = "select has_function_privilege('pg_ls_waldir()', 'execute') as allowed";
    static final String WAL = "select sum(size)::bigint as bytes, pg_size_pretty(sum(size)::bigint) as size,"
            + " count(*) as files from pg_ls_waldir()";

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("get_disk_usage",
                "Disk usage: size of every database, the 20 largest tables (with indexes and TOAST) and 20 largest "
                        + "indexes of the current database, and the total size of pg_wal (needs superuser or "
                        + "pg_monitor; reported as null with a note otherwise). Use for disk-full and growth questions.",
                TargetOnly.class, Reply.class, GetDiskUsage::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        SqlRunner sql = ctx.sql();
        List<DatabaseSize> databases = sql.list(DatabaseSize.class, DATABASES);
        List<RelationSize> tables = sql.capped(RelationSize.class, TOP, TABLES).rows();
        List<RelationSize> indexes = sql.capped(RelationSize.class, TOP, INDEXES).rows();
        Reply r = withWal(sql, databases, tables, indexes);
        StringBuilder s = new StringBuilder(databases.size() + " database(s)");
        databases.stream().findFirst().ifPresent(d -> s.append(", largest ").append(d.database()).append(" at ").append(d.size()));
        tables.stream().findFirst().ifPresent(t -> s.append("; largest table ").append(t.schemaName()).append('.')
                .append(t.name()).append(" at ").append(t.size()));
        s.append("; pg_wal ").append(r.walSize() == null ? "unknown (" + r.note() + ")" : r.walSize());
        return Result.of(r, s.toString());
    }

    private static Reply withWal(SqlRunner sql, List<DatabaseSize> databases, List<RelationSize> tables,
                                 List<RelationSize> indexes) throws SQLException {
        boolean allowed = Boolean.TRUE.equals(sql.rows(WAL_ALLOWED).get(0).get("allowed"));
        if (!allowed) {
            return new Reply(databases, tables, indexes, null, null, null,
                    "WAL size needs superuser or membership in pg_monitor (pg_ls_waldir); grant pg_monitor to this role");
        }
        Map<String, Object> wal = sql.rows(WAL).get(0);
        return new Reply(databases, tables, indexes, number(wal.get("bytes")), (String) wal.get("size"),
                number(wal.get("files")), null);
    }

    private static Long number(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }
}
