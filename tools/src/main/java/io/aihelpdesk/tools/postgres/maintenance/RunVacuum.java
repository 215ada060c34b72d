package io.aihelpdesk.tools.postgres.maintenance;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.postgres.SqlRunner;
import io.aihelpdesk.tools.postgres.TargetOnly;
import io.aihelpdesk.tools.remediation.DryRun;
import io.aihelpdesk.tools.remediation.Verification;
import io.aihelpdesk.tools.remediation.Verification.Observation;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * {@code run_vacuum}: VACUUM (optionally ANALYZE, VERBOSE) one existing table. The table is looked
 * up by the server ({@code to_regclass}) and its name quoted by the server ({@code quote_ident}), so
 * caller text never reaches the statement. VACUUM cannot run in a transaction block: the session
 * runs it in autocommit. Verified by the table's vacuum counter moving.
 */
public final class RunVacuum {
    private RunVacuum() {
    }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param(value = "Table to vacuum: 'name' or 'schema.name' (quote mixed-case names as in SQL: '\"Orders\"')",
                    required = true) String table,
            @Param(value = "Also update planner statistics (VACUUM ANALYZE)", defaultValue = "true") boolean analyze,
            @Param(value = "Ask the server for a detailed report in its log (VACUUM VERBOSE)", defaultValue = "false") boolean verbose,
            @Param(value = DryRun.PARAM, defaultValue = "false") boolean dryRun) {
    }

    public record TableState(
            String schemaName,
            String tableName,
            @Describe("The statement's target, quoted by the server") String qualifiedName,
            @Describe("r (table), m (materialized view), p (partitioned), t (TOAST)") String kind,
            Long sizeBytes,
            String size,
            Long liveTuples,
            @Describe("Dead row versions VACUUM will remove (statistics estimate)") Long deadTuples,
            OffsetDateTime lastVacuum,
            OffsetDateTime lastAutovacuum,
            Long vacuumCount) {
    }

    public record Reply(
            boolean dryRun,
            @Describe("The exact statement (would be) run") String statement,
            @Describe("The table before the vacuum") TableState before,
            TableState after,
            boolean reversible,
            String undo,
            Boolean verified,
            String evidence) {
    }

    static final String UNDO = "nothing to undo: VACUUM removes only dead row versions and never changes data";

    static final String LOOKUP = """
            select n.nspname as schema_name, c.relname as table_name,
                   quote_ident(n.nspname) || '.' || quote_ident(c.relname) as qualified_name,
                   c.relkind::text as kind, pg_total_relation_size(c.oid) as size_bytes,
                   pg_size_pretty(pg_total_relation_size(c.oid)) as size,
                   s.n_live_tup as live_tuples, s.n_dead_tup as dead_tuples, s.last_vacuum, s.last_autovacuum,
                   s.vacuum_count
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
              left join pg_stat_all_tables s on s.relid = c.oid
             where c.oid = to_regclass(?)
            """;

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("run_vacuum",
                "Run VACUUM (with ANALYZE by default, optionally VERBOSE) on one table that must exist. Shows the "
                        + "table's size, dead tuples and last vacuum first; dry_run=true previews only. VACUUM does not "
                        + "block reads or writes (SHARE UPDATE EXCLUSIVE lock). Verifies the table's vacuum count moved.",
                Effect.WRITE, TargetKind.DATABASE, Params.class, Reply.class, RunVacuum::run);
    }

    static Optional<TableState> state(SqlRunner sql, String table) throws SQLException {
        return sql.one(TableState.class, LOOKUP, table);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws SQLException, ToolFailure {
        String table = p.table().trim();
        TableState before = find(ctx.sql(), table);
        String options = p.analyze() && p.verbose() ? " (ANALYZE, VERBOSE)" : p.analyze() ? " (ANALYZE)"
                : p.verbose() ? " (VERBOSE)" : "";
        String statement = "VACUUM" + options + " " + before.qualifiedName();
        if (p.dryRun()) {
            return Result.of(new Reply(true, statement, before, null, false, UNDO, null, DryRun.NOT_RUN),
                    "Dry run: would run " + statement + " on " + before.size() + " with ~" + orZero(before.deadTuples())
                            + " dead tuples (last vacuum " + last(before) + ").");
        }
        ctx.limitBlastRadius("rows", orZero(before.deadTuples()));
        ctx.sql().execute(statement);
        long countBefore = orZero(before.vacuumCount());
        TableState[] after = new TableState[1];
        Verification v = Verification.poll(Verification.DATABASE, () -> {
            after[0] = find(ctx.sql(), table);
            long count = orZero(after[0].vacuumCount());
            return count > countBefore ? Observation.done("vacuum_count of " + before.qualifiedName() + " went from "
                    + countBefore + " to " + count + "; dead tuples now ~" + orZero(after[0].deadTuples()))
                    : Observation.pending("vacuum_count of " + before.qualifiedName() + " is still " + count);
        });
        return Result.of(new Reply(false, statement, before, after[0], false, UNDO, v.verified(), v.evidence()),
                "Ran " + statement + (v.verified() ? "; verified: " : "; NOT verified: ") + v.evidence() + ".");
    }

    private static TableState find(SqlRunner sql, String table) throws SQLException, ToolFailure {
        TableState t = state(sql, table).orElseThrow(() -> new ToolFailure(new Diagnosis("table_not_found",
                "no table '" + table + "' in this database (search_path applies to unqualified names)",
                "list tables with get_table_stats; qualify the name as schema.table", "")));
        if (!"r".equals(t.kind()) && !"m".equals(t.kind()) && !"t".equals(t.kind()) && !"p".equals(t.kind())) {
            throw new ToolFailure(new Diagnosis("not_a_table", table + " is a relation of kind '" + t.kind()
                    + "', not a table or materialized view; VACUUM does not apply", "pass a table name", ""));
        }
        return t;
    }

    private static String last(TableState t) {
        OffsetDateTime a = t.lastVacuum();
        OffsetDateTime b = t.lastAutovacuum();
        OffsetDateTime latest = a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
        return latest == null ? "never" : latest.toString();
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
