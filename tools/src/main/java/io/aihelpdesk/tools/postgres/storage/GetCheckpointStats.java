package io.aihelpdesk.tools.postgres.storage;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * {@code get_checkpoint_stats}: checkpoint frequency and who writes dirty buffers. PostgreSQL 17 moved
 * the checkpoint counters from {@code pg_stat_bgwriter} to {@code pg_stat_checkpointer} and dropped
 * {@code buffers_backend}; fields a version lacks are null.
 */
public final class GetCheckpointStats {
    private GetCheckpointStats() {
    }

    public record Reply(
            @Describe("pg_stat_checkpointer (PG17+) or pg_stat_bgwriter") String source,
            @Describe("Checkpoints started because checkpoint_timeout elapsed") Long checkpointsTimed,
            @Describe("Checkpoints requested: WAL reached max_wal_size, or CHECKPOINT / shutdown / base backup") Long checkpointsRequested,
            @Describe("Requested share of all checkpoints, percent") Double requestedPct,
            @Describe("True when requested checkpoints outnumber timed ones: max_wal_size is probably too small") boolean requestedExceedsTimed,
            @Describe("Time spent writing checkpoint files, ms") Double writeTimeMs,
            @Describe("Time spent syncing checkpoint files, ms") Double syncTimeMs,
            @Describe("Buffers written by the checkpointer") Long buffersCheckpoint,
            @Describe("Buffers written by the background writer") Long buffersClean,
            @Describe("Buffers written by backends themselves (null from PG17: see pg_stat_io)") Long buffersBackend,
            @Describe("Times the background writer stopped because it wrote bgwriter_lru_maxpages") Long maxwrittenClean,
            Long buffersAlloc,
            OffsetDateTime statsReset,
            String checkpointTimeout,
            String maxWalSize,
            @Describe("What the numbers suggest") String advice) {
    }

    /** Raw counters; the same labels from both catalogs. */
    record Counters(Long checkpointsTimed, Long checkpointsRequested, Double writeTimeMs, Double syncTimeMs,
                    Long buffersCheckpoint, Long buffersClean, Long buffersBackend, Long maxwrittenClean,
                    Long buffersAlloc, OffsetDateTime statsReset, String checkpointTimeout, String maxWalSize) {
    }

    private static final String SETTINGS = ", current_setting('checkpoint_timeout') as checkpoint_timeout,"
            + " current_setting('max_wal_size') as max_wal_size";

    static final String SINCE_17 = "select c.num_timed as checkpoints_timed, c.num_requested as checkpoints_requested,"
            + " c.write_time as write_time_ms, c.sync_time as sync_time_ms, c.buffers_written as buffers_checkpoint,"
            + " b.buffers_clean, null::bigint as buffers_backend, b.maxwritten_clean, b.buffers_alloc,"
            + " c.stats_reset" + SETTINGS + " from pg_stat_checkpointer c cross join pg_stat_bgwriter b";

    static final String BEFORE_17 = "select checkpoints_timed, checkpoints_req as checkpoints_requested,"
            + " checkpoint_write_time as write_time_ms, checkpoint_sync_time as sync_time_ms, buffers_checkpoint,"
            + " buffers_clean, buffers_backend, maxwritten_clean, buffers_alloc, stats_reset" + SETTINGS
            + " from pg_stat_bgwriter";

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("get_checkpoint_stats",
                "Checkpoint and background writer statistics (pg_stat_checkpointer on PG17+, pg_stat_bgwriter "
                        + "before): timed vs requested checkpoints, write/sync time, buffers written by checkpointer, "
                        + "bgwriter and backends, maxwritten_clean, stats reset time, checkpoint_timeout and "
                        + "max_wal_size. Flags requested > timed (max_wal_size too small). Use for I/O spikes and "
                        + "'checkpoints are occurring too frequently' log warnings.",
                TargetOnly.class, Reply.class, GetCheckpointStats::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        boolean checkpointer = ctx.sql().serverVersion() >= 170000;
        Counters c = ctx.sql().one(Counters.class, checkpointer ? SINCE_17 : BEFORE_17).orElseThrow();
        long timed = c.checkpointsTimed() == null ? 0 : c.checkpointsTimed();
        long requested = c.checkpointsRequested() == null ? 0 : c.checkpointsRequested();
        Double pct = timed + requested == 0 ? null : Math.round(10000.0 * requested / (timed + requested)) / 100.0;
        boolean tooMany = requested > timed;
        String advice = tooMany
                ? "requested checkpoints (" + requested + ") outnumber timed ones (" + timed + "): WAL fills max_wal_size ("
                + c.maxWalSize() + ") before checkpoint_timeout (" + c.checkpointTimeout()
                + ") elapses; consider raising max_wal_size"
                : "checkpoints are mostly timed; checkpoint spacing looks healthy";
        Reply r = new Reply(checkpointer ? "pg_stat_checkpointer" : "pg_stat_bgwriter", c.checkpointsTimed(),
                c.checkpointsRequested(), pct, tooMany, c.writeTimeMs(), c.syncTimeMs(), c.buffersCheckpoint(),
                c.buffersClean(), c.buffersBackend(), c.maxwrittenClean(), c.buffersAlloc(), c.statsReset(),
                c.checkpointTimeout(), c.maxWalSize(), advice);
        return Result.of(r, timed + " timed / " + requested + " requested checkpoint(s) since "
                + (c.statsReset() == null ? "statistics reset" : c.statsReset()) + "; " + advice);
    }
}
