package io.aihelpdesk.tools.postgres.config;

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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code set_pg_setting}: ALTER SYSTEM SET one setting and reload. The name must be a row of
 * pg_settings; name and value are quoted by the server ({@code quote_ident}, {@code quote_literal})
 * and the value is validated by the server (set_config for session-settable settings before
 * anything changes, ALTER SYSTEM itself for the rest). The previous ALTER SYSTEM value is recorded
 * so {@code rollback_action} restores it (or resets the setting when there was none).
 */
public final class SetPgSetting {
    private SetPgSetting() {
    }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param(value = "Setting name, as in pg_settings (e.g. work_mem)", required = true) String name,
            @Param(value = "New value, as in postgresql.conf (e.g. '64MB', 'on', '5s')", required = true) String value,
            @Param(value = "Accept a setting that only applies after a server restart (context postmaster); the tool "
                    + "records it but does not restart", defaultValue = "false") boolean allowRestartRequired,
            @Param(value = DryRun.PARAM, defaultValue = "false") boolean dryRun) {
    }

    public record Reply(
            boolean dryRun,
            @Describe("The exact statement (would be) run, followed by select pg_reload_conf()") String statement,
            @Describe("The setting before the change") SettingState before,
            SettingState after,
            @Describe("The new value in base units as the server parses it; null when only ALTER SYSTEM can check it") String expected,
            @Describe("True when the value applies only after a restart") boolean restartRequired,
            boolean reversible,
            String undo,
            String rollbackId,
            Boolean verified,
            String evidence) {
    }

    public static ToolDefinition<Params, Reply> definition(RollbackJournal journal) {
        return new ToolDefinition<>("set_pg_setting",
                "Change a server setting with ALTER SYSTEM SET and reload the configuration. Validates the name "
                        + "against pg_settings and the value with the server; refuses restart-only (postmaster) settings "
                        + "unless allow_restart_required=true, and then says a restart is needed. Records the previous "
                        + "value for rollback_action. dry_run=true previews only. Verifies the new value is in force.",
                Effect.WRITE, TargetKind.DATABASE, Params.class, Reply.class, (p, ctx) -> run(p, ctx, journal));
    }

    static Result<Reply> run(Params p, ToolContext ctx, RollbackJournal journal) throws SQLException, ToolFailure {
        SettingState before = SettingState.find(ctx.sql(), p.name());
        before.refuseUnchangeable(p.allowRestartRequired());
        String expected = expected(ctx.sql(), before, p.value());
        String statement = "ALTER SYSTEM SET " + quoted(ctx.sql(), before.name(), p.value());
        String undo = "reversible: rollback_action restores " + (before.alterSystemValue() == null
                ? "the setting's value from outside ALTER SYSTEM (ALTER SYSTEM RESET)" : "'" + before.alterSystemValue() + "'");
        if (p.dryRun()) {
            return Result.of(new Reply(true, statement, before, null, expected, before.needsRestart(), true, undo, null, null,
                    DryRun.NOT_RUN), "Dry run: would run " + statement + " (now " + before.currentValue() + " from "
                    + before.source() + "); " + before.takesEffect() + ".");
        }
        journal.ready();
        alter(ctx.sql(), statement, before.name());
        ctx.sql().rows("select pg_reload_conf() as reloaded");
        String id = journal.record(ctx, "set " + before.name() + " to '" + p.value() + "' (was " + before.currentValue()
                        + (before.alterSystemValue() == null ? ", not set by ALTER SYSTEM" : ", ALTER SYSTEM value '"
                        + before.alterSystemValue() + "'") + ")",
                before.alterSystemValue() == null ? "reset_pg_setting" : "set_pg_setting", inverse(before), preState(before));
        SettingState[] after = new SettingState[1];
        Verification v = Verification.poll(Verification.DATABASE, () -> {
            after[0] = SettingState.find(ctx.sql(), before.name());
            return applied(after[0], p.value(), expected);
        });
        return Result.of(new Reply(false, statement, before, after[0], expected, before.needsRestart(), true, undo, id,
                        v.verified(), v.evidence()),
                "Set " + before.name() + " = '" + p.value() + "' with ALTER SYSTEM and reloaded; " + before.takesEffect()
                        + (v.verified() ? "; verified: " : "; NOT verified: ") + v.evidence() + ". Undo with rollback_action " + id + ".");
    }

    /** The value in base units as the server parses it, for session-settable settings; throws when the server rejects it. */
    static String expected(SqlRunner sql, SettingState s, String value) throws SQLException, ToolFailure {
        if (!"user".equals(s.context()) && !"superuser".equals(s.context())) {
            return null;
        }
        try {
            // set_config(..., true) lasts for this one autocommit statement only: it changes nothing.
            return String.valueOf(sql.rows("select (select setting from pg_settings where name = ?) as setting"
                    + " from (select set_config(?, ?, true)) probe", s.name(), s.name(), value).get(0).get("setting"));
        } catch (SQLException e) {
            if (rejectsValue(e)) {
                throw invalid(s.name(), value, e);
            }
            throw e;
        }
    }

    /** The server refused the value itself (22xxx: invalid value or out of range), not the caller's rights. */
    static boolean rejectsValue(SQLException e) {
        return e.getSQLState() != null && (e.getSQLState().startsWith("22") || e.getSQLState().equals("42704"));
    }

    static String quoted(SqlRunner sql, String name, String value) throws SQLException {
        Map<String, Object> q = sql.rows("select quote_ident(?) as ident, quote_literal(?) as literal", name, value).get(0);
        return q.get("ident") + " = " + q.get("literal");
    }

    static void alter(SqlRunner sql, String statement, String name) throws SQLException, ToolFailure {
        try {
            sql.execute(statement);
        } catch (SQLException e) {
            if (rejectsValue(e)) {
                throw invalid(name, statement, e);
            }
            throw e;
        }
    }

    static ToolFailure invalid(String name, String value, SQLException e) {
        return new ToolFailure(new Diagnosis("invalid_value", "the server rejects " + name + " = '" + value + "': "
                + e.getMessage(), "check the setting's unit and allowed range with get_config_parameter", e.getSQLState()), e);
    }

    /** Whether the reloaded configuration carries the new value (or, for restart-only settings, records it). */
    static Observation applied(SettingState now, String value, String expected) {
        if (now.needsRestart()) {
            return value.trim().equals(now.alterSystemValue()) ? Observation.done("postgresql.auto.conf holds '"
                    + now.alterSystemValue() + "'; value in force " + now.currentValue() + (now.pendingRestart()
                    ? ", pending_restart: RESTART the server to apply it" : " (no restart pending)"))
                    : Observation.pending("postgresql.auto.conf holds " + now.alterSystemValue());
        }
        if (now.context().endsWith("backend")) {
            // backend and superuser-backend settings are fixed when a session starts: only new sessions get the value.
            return value.trim().equals(now.alterSystemValue()) ? Observation.done("postgresql.auto.conf holds '"
                    + now.alterSystemValue() + "'; sessions that connect from now on get it (existing ones keep "
                    + now.currentValue() + ")") : Observation.pending("postgresql.auto.conf holds " + now.alterSystemValue());
        }
        boolean same = expected != null ? expected.equals(now.resetVal())
                : value.trim().equalsIgnoreCase(now.resetVal()) || value.trim().equalsIgnoreCase(now.setting())
                || value.trim().equalsIgnoreCase(now.currentValue());
        String seen = now.name() + " reset_val " + now.resetVal() + (now.unit() == null ? "" : " " + now.unit())
                + " (SHOW: " + now.currentValue() + ", source " + now.source() + ")";
        return same ? Observation.done(seen + " matches the new value") : Observation.pending(seen + " does not match '" + value + "' yet");
    }

    static Map<String, Object> inverse(SettingState before) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("name", before.name());
        if (before.alterSystemValue() != null) {
            args.put("value", before.alterSystemValue());
        }
        args.put("allow_restart_required", before.needsRestart());
        return args;
    }

    static Map<String, Object> preState(SettingState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("value_in_force", s.currentValue());
        m.put("source", s.source());
        m.put("alter_system_value", s.alterSystemValue());
        m.put("context", s.context().toLowerCase(Locale.ROOT));
        return m;
    }
}
