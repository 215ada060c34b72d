package io.aihelpdesk.tools.triage;

import io.aihelpdesk.tools.postgres.config.GetPgSettings;
import io.aihelpdesk.tools.postgres.queries.GetSlowQueries;
import io.aihelpdesk.tools.postgres.server.GetDatabaseStats;
import io.aihelpdesk.tools.postgres.storage.GetCheckpointStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deadlocks, cache hit ratio, slow statements, checkpoint pressure and settings waiting for a restart. */
final class PerformanceRules {
    static final double CACHE_HIT_MEDIUM = 90;
    static final double CACHE_HIT_HIGH = 80;
    /** Below this many blocks touched, a hit ratio says nothing (a fresh database reads its catalog from disk). */
    static final long CACHE_MIN_BLOCKS = 10_000;
    static final double SLOW_MEAN_MS = 1000;
    static final long SLOW_MIN_CALLS = 3;
    static final long CHECKPOINT_MIN_REQUESTED = 10;

    private PerformanceRules() {
    }

    static List<Finding> databaseStats(Evidence e, Scope s) {
        GetDatabaseStats.Reply r = e.reply("get_database_stats", GetDatabaseStats.Reply.class);
        if (r == null) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (GetDatabaseStats.DatabaseStats d : r.databases()) {
            if (d.deadlocks() > 0) {
                out.add(Finding.of("deadlock", d.deadlocks() >= 10 ? Severity.HIGH : Severity.MEDIUM, 0.9,
                        d.deadlocks() + " deadlock" + (d.deadlocks() == 1 ? "" : "s") + " in database " + d.database()
                                + " since statistics were reset" + (d.statsReset() == null ? "" : " (" + d.statsReset() + ")"),
                        Map.of("database", d.database(), "deadlocks", d.deadlocks(), "rollbacks", d.rollbacks(),
                                "stats_reset", String.valueOf(d.statsReset()), "threshold", "any deadlock (pg_stat_database.deadlocks > 0)"),
                        "Two transactions took locks in opposite orders; PostgreSQL aborted one of them after deadlock_timeout "
                                + "with 'deadlock detected'. The fix is in the application: take locks (update rows) in a "
                                + "consistent order, keep transactions short.",
                        List.of(NextStep.read("get_lock_info", s.db(), "sessions waiting on each other right now"),
                                NextStep.read("get_config_parameter", s.db("parameter_name", "deadlock_timeout"), "how long before detection"))));
            }
            long touched = d.blksHit() + d.blksRead();
            if (d.cacheHitRatio() != null && touched >= CACHE_MIN_BLOCKS && d.cacheHitRatio() < CACHE_HIT_MEDIUM) {
                out.add(Finding.of("cache_performance", d.cacheHitRatio() < CACHE_HIT_HIGH ? Severity.HIGH : Severity.MEDIUM, 0.8,
                        "Cache hit ratio of database " + d.database() + " is " + d.cacheHitRatio() + "% (" + d.blksRead()
                                + " blocks read from disk, " + d.blksHit() + " from shared_buffers)",
                        Map.of("database", d.database(), "cache_hit_ratio", d.cacheHitRatio(), "blks_read", d.blksRead(),
                                "blks_hit", d.blksHit(), "stats_reset", String.valueOf(d.statsReset()),
                                "threshold", "below " + CACHE_HIT_MEDIUM + "% (high below " + CACHE_HIT_HIGH + "%) once "
                                        + CACHE_MIN_BLOCKS + " blocks were touched; relative to shared_buffers"),
                        "Queries read from disk (or the OS cache) instead of shared_buffers: the working set does not fit, or "
                                + "large sequential scans push it out. Look for missing indexes and check shared_buffers.",
                        List.of(NextStep.read("get_slow_queries", s.db("order_by", "total_time"), "which statements read the most"),
                                NextStep.read("get_table_stats", s.db(), "tables scanned sequentially"),
                                NextStep.read("get_config_parameter", s.db("parameter_name", "shared_buffers"), "cache size"))));
            }
        }
        return out;
    }

    static List<Finding> slowQueries(Evidence e, Scope s) {
        GetSlowQueries.Reply r = e.reply("get_slow_queries", GetSlowQueries.Reply.class);
        if (r == null) {
            return List.of();
        }
        List<GetSlowQueries.Statement> slow = r.statements().stream()
                .filter(q -> q.meanMs() != null && q.meanMs() >= SLOW_MEAN_MS && q.calls() != null && q.calls() >= SLOW_MIN_CALLS)
                .toList();
        if (slow.isEmpty()) {
            return List.of();
        }
        GetSlowQueries.Statement top = slow.get(0);
        return List.of(Finding.of("slow_queries", top.meanMs() >= 10 * SLOW_MEAN_MS ? Severity.HIGH : Severity.MEDIUM, 0.75,
                slow.size() + " statement(s) average over " + (long) SLOW_MEAN_MS + " ms; worst " + Math.round(top.meanMs())
                        + " ms over " + top.calls() + " calls",
                Map.of("statements", slow.stream().limit(5).map(q -> Map.of("queryid", String.valueOf(q.queryid()),
                        "mean_ms", q.meanMs(), "calls", q.calls(), "query", String.valueOf(q.query()))).toList(),
                        "threshold", "mean execution time at least " + (long) SLOW_MEAN_MS + " ms over at least " + SLOW_MIN_CALLS + " calls"),
                "These statements dominate response time. Their plans usually show a sequential scan or a bad join order "
                        + "on a large table.",
                List.of(NextStep.read("explain_query", s.db("query", String.valueOf(top.query())), "the plan of the worst statement"),
                        NextStep.read("get_index_health", s.db(), "indexes that exist but are invalid or unused"))));
    }

    static List<Finding> checkpoints(Evidence e, Scope s) {
        GetCheckpointStats.Reply r = e.reply("get_checkpoint_stats", GetCheckpointStats.Reply.class);
        if (r == null || r.checkpointsRequested() == null || r.checkpointsRequested() < CHECKPOINT_MIN_REQUESTED || !r.requestedExceedsTimed()) {
            return List.of();
        }
        return List.of(Finding.of("checkpoint_pressure", Severity.MEDIUM, 0.8,
                r.checkpointsRequested() + " requested checkpoints vs " + r.checkpointsTimed() + " timed (" + r.requestedPct()
                        + "% requested): WAL fills max_wal_size (" + r.maxWalSize() + ") before checkpoint_timeout ("
                        + r.checkpointTimeout() + ")",
                Map.of("checkpoints_requested", r.checkpointsRequested(), "checkpoints_timed", String.valueOf(r.checkpointsTimed()),
                        "requested_pct", String.valueOf(r.requestedPct()), "max_wal_size", String.valueOf(r.maxWalSize()),
                        "checkpoint_timeout", String.valueOf(r.checkpointTimeout()),
                        "threshold", "at least " + CHECKPOINT_MIN_REQUESTED + " requested checkpoints and more requested than timed"),
                "Checkpoints forced by WAL volume come in bursts of writes and full-page images, which hurts latency and "
                        + "multiplies WAL. Raise max_wal_size so checkpoint_timeout drives them. " + String.valueOf(r.advice()),
                List.of(NextStep.read("get_checkpoint_stats", s.db(), "the counters and buffers written by backends"),
                        NextStep.change("set_pg_setting", s.db("name", "max_wal_size", "value", "4GB"), "WRITE", "fewer forced checkpoints"))));
    }

    static List<Finding> settings(Evidence e, Scope s) {
        GetPgSettings.Reply r = e.reply("get_pg_settings", GetPgSettings.Reply.class);
        if (r == null) {
            return List.of();
        }
        List<GetPgSettings.Setting> pending = r.settings().stream().filter(GetPgSettings.Setting::pendingRestart).toList();
        if (pending.isEmpty()) {
            return List.of();
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("pending_restart", pending.stream().map(p -> Map.of("name", p.name(), "running_value", String.valueOf(p.setting()),
                "source", String.valueOf(p.sourcefile()) + (p.sourceline() == null ? "" : ":" + p.sourceline()))).toList());
        ev.put("threshold", "a changed setting that only takes effect at the next restart (pg_settings.pending_restart)");
        return List.of(Finding.of("config_problem", Severity.HIGH, 0.85,
                "Configuration changed but not applied: " + String.join(", ", pending.stream().map(GetPgSettings.Setting::name).toList())
                        + " wait" + (pending.size() == 1 ? "s" : "") + " for a restart",
                ev, "The running server uses the old values; the new ones (from postgresql.conf or ALTER SYSTEM) apply at the "
                        + "next restart — and a bad value (e.g. shared_buffers larger than memory) will stop the server from "
                        + "starting then. Check the new values before anyone restarts it.",
                List.of(NextStep.read("get_pg_settings", s.db(), "every non-default setting, with its source file and line"),
                        NextStep.change("reset_pg_setting", s.db("name", pending.get(0).name()), "WRITE",
                                "undo an ALTER SYSTEM change before it is applied"))));
    }
}
