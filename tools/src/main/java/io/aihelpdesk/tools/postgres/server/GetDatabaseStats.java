package io.aihelpdesk.tools.postgres.server;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

/** {@code get_database_stats}: cumulative activity counters per database from pg_stat_database. */
public final class GetDatabaseStats {
    /** Below this buffer cache hit ratio (percent) a database is flagged in the summary. */
    static final double LOW_HIT_RATIO = 99.0;

    private GetDatabaseStats() {
    }

    public record DatabaseStats(
            String database,
            @Describe("Backends currently connected") int numbackends,
            long commits,
            long rollbacks,
            @Describe("Blocks read from disk (or the OS cache)") long blksRead,
            @Describe("Blocks found in shared_buffers") long blksHit,
            @Describe("blks_hit / (blks_hit + blks_read) in percent; null before any block access") Double cacheHitRatio,
            long tupReturned,
            long tupFetched,
            long tupInserted,
            long tupUpdated,
            long tupDeleted,
            @Describe("Queries cancelled by recovery conflicts (standbys)") long conflicts,
            long deadlocks,
            long tempFiles,
            long tempBytes,
            @Describe("When these counters were last reset") OffsetDateTime statsReset) {
    }

    public record Reply(List<DatabaseStats> databases, int count,
                        @Describe("Databases whose cache hit ratio is below 99%") List<String> lowCacheHitRatio) {
    }

    static final String SQL = """
            select datname as database, numbackends, xact_commit as commits, xact_rollback as rollbacks,
                   blks_read, blks_hit,
                   round(100.0 * blks_hit / nullif(blks_hit + blks_read, 0), 2)::float8 as cache_hit_ratio,
                   tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted,
                   conflicts, deadlocks, temp_files, temp_bytes, stats_reset
              from pg_stat_database
             where datname is not null
             order by blks_hit + blks_read desc, datname
            """;

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("get_database_stats",
                "Per-database counters from pg_stat_database: backends, commits, rollbacks, blocks read/hit and "
                        + "cache hit ratio, tuples returned/fetched/inserted/updated/deleted, conflicts, deadlocks, "
                        + "temp files. Flags cache hit ratios below 99%. Use for slow queries and cache misses.",
                TargetOnly.class, Reply.class, GetDatabaseStats::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        List<DatabaseStats> stats = ctx.sql().list(DatabaseStats.class, SQL);
        Reply r = new Reply(stats, stats.size(), lowHitRatio(stats));
        return Result.of(r, summary(r));
    }

    static List<String> lowHitRatio(List<DatabaseStats> stats) {
        return stats.stream().filter(s -> s.cacheHitRatio() != null && s.cacheHitRatio() < LOW_HIT_RATIO)
                .map(DatabaseStats::database).toList();
    }

    static String summary(Reply r) {
        if (r.databases().isEmpty()) {
            return "No database statistics visible.";
        }
        long deadlocks = r.databases().stream().mapToLong(DatabaseStats::deadlocks).sum();
        String base = r.count() + " database" + (r.count() == 1 ? "" : "s")
                + (deadlocks > 0 ? "; " + deadlocks + " deadlock" + (deadlocks == 1 ? "" : "s") + " recorded" : "");
        if (r.lowCacheHitRatio().isEmpty()) {
            return base + "; all cache hit ratios at or above 99%";
        }
        return base + "; WARNING: cache hit ratio below 99% in " + r.databases().stream()
                .filter(s -> r.lowCacheHitRatio().contains(s.database()))
                .map(s -> s.database() + " (" + s.cacheHitRatio() + "%)")
                .collect(Collectors.joining(", "))
                + " — check shared_buffers and queries reading large tables";
    }
}
