package io.aihelpdesk.tools.postgres.config;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.postgres.TargetOnly;
import io.aihelpdesk.tools.remediation.DryRun;
import io.aihelpdesk.tools.remediation.Verification;
import io.aihelpdesk.tools.remediation.Verification.Observation;
import io.aihelpdesk.tools.rollback.RollbackJournal;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code reset_pg_setting}: ALTER SYSTEM RESET one setting (remove it from postgresql.auto.conf) and
 * reload, so the value from postgresql.conf or the built-in default applies again. The removed value
 * is recorded so {@code rollback_action} can set it again.
 */
public final class ResetPgSetting {
    private ResetPgSetting() {
    }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param(value = "Setting name, as in pg_settings", required = true) String name,
            @Param(value = "Accept a setting that only applies after a server restart (context postmaster)",
                    defaultValue = "false") boolean allowRestartRequired,
            @Param(value = DryRun.PARAM, defaultValue = "false") boolean dryRun) {
    }

    public record Reply(
            boolean dryRun,
            String statement,
            @Describe("The setting before the reset") SettingState before,
            SettingState after,
            boolean restartRequired,
            boolean reversible,
            String undo,
            String rollbackId,
            Boolean verified,
            String evidence) {
    }

    public static ToolDefinition<Params, Reply> definition(RollbackJournal journal) {
        return new ToolDefinition<>("reset_pg_setting",
                "Remove a setting from postgresql.auto.conf (ALTER SYSTEM RESET) and reload, so postgresql.conf or "
                        + "the default applies again. Refuses restart-only (postmaster) settings unless "
                        + "allow_restart_required=true. Records the removed value for rollback_action. dry_run=true "
                        + "previews only. Verifies ALTER SYSTEM no longer sets it.",
                Effect.WRITE, TargetKind.DATABASE, Params.class, Reply.class, (p, ctx) -> run(p, ctx, journal));
    }

    static Result<Reply> run(Params p, ToolContext ctx, RollbackJournal journal) throws SQLException, ToolFailure {
        SettingState before = SettingState.find(ctx.sql(), p.name());
        before.refuseUnchangeable(p.allowRestartRequired());
        String statement = "ALTER SYSTEM RESET " + ctx.sql().rows("select quote_ident(?) as ident", before.name()).get(0).get("ident");
        if (before.alterSystemValue() == null) {
            return Result.of(new Reply(p.dryRun(), statement, before, before, before.needsRestart(), true, "nothing to undo",
                    null, p.dryRun() ? null : true, "ALTER SYSTEM holds no value for " + before.name() + "; nothing to reset"),
                    before.name() + " is not set by ALTER SYSTEM (value " + before.currentValue() + " from " + before.source()
                            + "); nothing to reset.");
        }
        String undo = "reversible: rollback_action sets '" + before.alterSystemValue() + "' again";
        if (p.dryRun()) {
            return Result.of(new Reply(true, statement, before, null, before.needsRestart(), true, undo, null, null, DryRun.NOT_RUN),
                    "Dry run: would run " + statement + " (removing '" + before.alterSystemValue() + "'); "
                            + before.takesEffect() + ".");
        }
        journal.ready();
        SetPgSetting.alter(ctx.sql(), statement, before.name());
        ctx.sql().rows("select pg_reload_conf() as reloaded");
        Map<String, Object> inverse = new LinkedHashMap<>();
        inverse.put("name", before.name());
        inverse.put("value", before.alterSystemValue());
        inverse.put("allow_restart_required", before.needsRestart());
        String id = journal.record(ctx, "reset " + before.name() + " (ALTER SYSTEM value was '" + before.alterSystemValue() + "')",
                "set_pg_setting", inverse, SetPgSetting.preState(before));
        SettingState[] after = new SettingState[1];
        Verification v = Verification.poll(Verification.DATABASE, () -> {
            after[0] = SettingState.find(ctx.sql(), before.name());
            boolean fileClear = after[0].alterSystemValue() == null;
            // A restart-only setting keeps its running value until a restart; the file is what changed.
            boolean applied = before.needsRestart() || !"configuration file".equals(after[0].source())
                    || !before.resetVal().equals(after[0].resetVal());
            String seen = "postgresql.auto.conf " + (fileClear ? "no longer sets " : "still sets ") + before.name()
                    + "; value in force " + after[0].currentValue() + " from " + after[0].source()
                    + (before.needsRestart() ? ", pending_restart " + after[0].pendingRestart() : "");
            return fileClear && applied ? Observation.done(seen) : Observation.pending(seen);
        });
        return Result.of(new Reply(false, statement, before, after[0], before.needsRestart(), true, undo, id, v.verified(),
                v.evidence()), "Reset " + before.name() + " and reloaded; " + before.takesEffect()
                + (v.verified() ? "; verified: " : "; NOT verified: ") + v.evidence() + ". Undo with rollback_action " + id + ".");
    }
}
