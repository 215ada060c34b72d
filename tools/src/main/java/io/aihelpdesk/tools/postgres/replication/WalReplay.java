package io.aihelpdesk.tools.postgres.replication;

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
import io.aihelpdesk.tools.rollback.RollbackJournal;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code pause_wal_replay} and {@code resume_wal_replay}: stop or restart applying WAL on a standby
 * (to take a consistent look, or to stop a bad change from being replayed). Only a standby replays
 * WAL; on a primary both refuse with {@code not_a_standby}. Each is the other's rollback.
 */
public final class WalReplay {
    private WalReplay() {
    }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param(value = DryRun.PARAM, defaultValue = "false") boolean dryRun) {
    }

    public record Reply(
            boolean dryRun,
            @Describe("Replay state before: not paused, pause requested or paused") String before,
            String after,
            @Describe("Last WAL position replayed") String lastReplayLsn,
            boolean reversible,
            String undo,
            @Describe("Id for rollback_action; null when nothing changed or for a dry run") String rollbackId,
            Boolean verified,
            String evidence) {
    }

    record State(boolean inRecovery, String pauseState, String lastReplayLsn) {
    }

    static State state(SqlRunner sql) throws SQLException {
        String pause = sql.serverVersion() >= 140000 ? "pg_get_wal_replay_pause_state()"
                : "case when pg_is_wal_replay_paused() then 'paused' else 'not paused' end";
        return sql.one(State.class, "select pg_is_in_recovery() as in_recovery, case when pg_is_in_recovery() then "
                + pause + " end as pause_state, pg_last_wal_replay_lsn()::text as last_replay_lsn").orElseThrow();
    }

    public static ToolDefinition<Params, Reply> pause(RollbackJournal journal) {
        return new ToolDefinition<>("pause_wal_replay",
                "Pause WAL replay on a standby (pg_wal_replay_pause): the standby stops applying changes and its data "
                        + "stays as of now while WAL keeps arriving. Only on a standby; refuses on a primary. Reversible "
                        + "with resume_wal_replay or rollback_action. Verifies the replay state is paused.",
                Effect.WRITE, TargetKind.DATABASE, Params.class, Reply.class, (p, ctx) -> run(true, p, ctx, journal));
    }

    public static ToolDefinition<Params, Reply> resume(RollbackJournal journal) {
        return new ToolDefinition<>("resume_wal_replay",
                "Resume WAL replay on a standby (pg_wal_replay_resume) after pause_wal_replay. Only on a standby; "
                        + "refuses on a primary. Reversible with pause_wal_replay or rollback_action. Verifies the replay "
                        + "state is not paused.",
                Effect.WRITE, TargetKind.DATABASE, Params.class, Reply.class, (p, ctx) -> run(false, p, ctx, journal));
    }

    static Result<Reply> run(boolean pause, Params p, ToolContext ctx, RollbackJournal journal) throws SQLException, ToolFailure {
        String verb = pause ? "pause" : "resume";
        State before = state(ctx.sql());
        if (!before.inRecovery()) {
            throw new ToolFailure(new Diagnosis("not_a_standby", ctx.database().display() + " is a primary "
                    + "(pg_is_in_recovery() = false): only a standby replays WAL, so there is no replay to " + verb,
                    "point connection_string at a standby (get_replication_status on the primary lists them)", ""));
        }
        String wanted = pause ? "paused" : "not paused";
        boolean already = pause ? !"not paused".equals(before.pauseState()) : "not paused".equals(before.pauseState());
        String inverse = pause ? "resume_wal_replay" : "pause_wal_replay";
        String undo = "reversible: " + inverse + " (or rollback_action with this action's id)";
        if (p.dryRun() || already) {
            return Result.of(new Reply(p.dryRun(), before.pauseState(), before.pauseState(), before.lastReplayLsn(), true,
                    undo, null, p.dryRun() ? null : true, p.dryRun() ? DryRun.NOT_RUN : "replay was already " + before.pauseState()),
                    (p.dryRun() ? "Dry run: would " + verb + " WAL replay (now " : "WAL replay already " + verb + "d (")
                            + before.pauseState() + ", replayed up to " + before.lastReplayLsn() + ").");
        }
        journal.ready();
        ctx.sql().rows("select " + (pause ? "pg_wal_replay_pause()" : "pg_wal_replay_resume()") + "::text as done");
        State[] after = new State[1];
        Verification v = Verification.poll(Verification.DATABASE, () -> {
            after[0] = state(ctx.sql());
            return wanted.equals(after[0].pauseState()) ? Observation.done("replay state is " + after[0].pauseState()
                    + " at " + after[0].lastReplayLsn()) : Observation.pending("replay state is " + after[0].pauseState());
        });
        String id = journal.record(ctx, verb + "d WAL replay (was " + before.pauseState() + ")", inverse, Map.of(),
                Map.of("pause_state", before.pauseState(), "last_replay_lsn", String.valueOf(before.lastReplayLsn())));
        return Result.of(new Reply(false, before.pauseState(), after[0] == null ? null : after[0].pauseState(),
                        before.lastReplayLsn(), true, undo, id, v.verified(), v.evidence()),
                (pause ? "Paused" : "Resumed") + " WAL replay" + (v.verified() ? "; verified: " : "; NOT verified: ")
                        + v.evidence() + ". Undo with rollback_action " + id + ".");
    }
}
