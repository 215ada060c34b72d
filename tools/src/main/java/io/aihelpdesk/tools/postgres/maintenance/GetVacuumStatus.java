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
 * {@code get_vacuum_status}: where vacuum is behind. Tables with the most dead tuples and the dead-tuple
 * count at which autovacuum would pick them up (global settings overridden by per-table reloptions),
 * transaction-id wraparound headroom per database, and the vacuums running right now.
 */
public final class GetVacuumStatus {
    static final int TOP_TABLES = 20;
    static final double WARNING_PCT = 50;
    static final double CRITICAL_PCT = 90;
    static final long CRITICAL_AGE = 1_500_000_000L;

    private GetVacuumStatus() {
    }

    public record TableVacuum(
            String schemaName,
            String tableName,
            Long liveTuples,
            Long deadTuples,
            @Describe("Dead share of all tuples, percent") Double deadPct,
            @Describe("False when autovacuum is off for this table (reloption) or globally") Boolean autovacuumEnabled,
            @Describe("Dead tuples at which autovacuum vacuums the table: threshold + scale_factor * reltuples "
                    + "(per-table reloptions win; PG18 caps it at autovacuum_vacuum_max_threshold)") Long autovacuumThreshold,
            @Describe("True when dead tuples exceed the threshold, i.e. autovacuum is due or not keeping up") boolean overThreshold,
            OffsetDateTime lastVacuum,
            OffsetDateTime lastAutovacuum,
            Long vacuumCount,
            Long autovacuumCount) {
    }

    /** Wraparound headroom of one database. */
    public record DatabaseXidAge(
            String database,
            @Describe("age(datfrozenxid): transactions since the oldest unfrozen xid") Long xidAge,
            @Describe("mxid_age(datminmxid)") Long multixactAge,
            Long freezeMaxAge,
            @Describe("xid_age as percent of autovacuum_freeze_max_age") Double pctOfFreezeMaxAge,
            @Describe("ok (<50%), warning, critical (>90% of autovacuum_freeze_max_age or age > 1.5 billion)") String risk) {
    }

    public record RunningVacuum(
            int pid,
            String database,
            String relation,
            String phase,
            Long heapBlksTotal,
            Long heapBlksScanned,
            Long heapBlksVacuumed,
            Long indexVacuumCount,
            @Describe("Heap blocks scanned, percent") Double pctScanned,
            Double runningSeconds,
            @Describe("True for an autovacuum worker") Boolean autovacuum) {
    }

    public record Reply(
            List<TableVacuum> tables,
            @Describe("True when more tables have dead tuples than the 20 listed") boolean tablesTruncated,
            List<DatabaseXidAge> databases,
            @Describe("Worst wraparound risk across databases") String wraparoundRisk,
            List<RunningVacuum> runningVacuums) {
    }

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("get_vacuum_status",
                "Vacuum health: the 20 tables with the most dead tuples with the autovacuum threshold that applies to "
                        + "each (settings and per-table reloptions) and last (auto)vacuum; per-database transaction-id age "
                        + "vs autovacuum_freeze_max_age with a wraparound risk level; vacuums in progress "
                        + "(pg_stat_progress_vacuum). Use for bloat, 'autovacuum not running' and wraparound warnings.",
                TargetOnly.class, Reply.class, GetVacuumStatus::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        SqlRunner sql = ctx.sql();
        SqlRunner.Capped<TableVacuum> tables = sql.capped(TableVacuum.class, TOP_TABLES, VacuumSql.tables(sql.serverVersion()));
        List<DatabaseXidAge> databases = sql.list(DatabaseXidAge.class, VacuumSql.DATABASES).stream()
                .map(GetVacuumStatus::withRisk).toList();
        List<RunningVacuum> running = sql.list(RunningVacuum.class, VacuumSql.RUNNING);
        String worst = databases.stream().map(DatabaseXidAge::risk)
                .reduce("ok", (a, b) -> rank(a) >= rank(b) ? a : b);
        Reply r = new Reply(tables.rows(), tables.truncated(), databases, worst, running);
        return Result.of(r, summary(r));
    }

    static String risk(Long age, Double pct) {
        if (age == null || pct == null) {
            return "ok";
        }
        if (pct > CRITICAL_PCT || age > CRITICAL_AGE) {
            return "critical";
        }
        return pct >= WARNING_PCT ? "warning" : "ok";
    }

    private static DatabaseXidAge withRisk(DatabaseXidAge d) {
        return new DatabaseXidAge(d.database(), d.xidAge(), d.multixactAge(), d.freezeMaxAge(), d.pctOfFreezeMaxAge(),
                risk(d.xidAge(), d.pctOfFreezeMaxAge()));
    }

    private static int rank(String risk) {
        return switch (risk) {
            case "critical" -> 2;
            case "warning" -> 1;
            default -> 0;
        };
    }

    private static String summary(Reply r) {
        long over = r.tables().stream().filter(TableVacuum::overThreshold).count();
        long disabled = r.tables().stream().filter(t -> Boolean.FALSE.equals(t.autovacuumEnabled())).count();
        StringBuilder s = new StringBuilder();
        if (r.tables().isEmpty() || r.tables().get(0).deadTuples() == null || r.tables().get(0).deadTuples() == 0) {
            s.append("No dead tuples in user tables");
        } else {
            TableVacuum top = r.tables().get(0);
            s.append("Most dead tuples: ").append(top.schemaName()).append('.').append(top.tableName()).append(" (")
                    .append(top.deadTuples()).append(" dead, threshold ").append(top.autovacuumThreshold()).append(')');
        }
        s.append("; ").append(over).append(" table(s) over their autovacuum threshold");
        if (disabled > 0) {
            s.append(", ").append(disabled).append(" with autovacuum disabled");
        }
        s.append("; wraparound risk ").append(r.wraparoundRisk());
        s.append("; ").append(r.runningVacuums().size()).append(" vacuum(s) running");
        return s.toString();
    }
}
