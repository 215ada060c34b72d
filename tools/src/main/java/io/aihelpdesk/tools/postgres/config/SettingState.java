package io.aihelpdesk.tools.postgres.config;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.postgres.SqlRunner;
import java.sql.SQLException;
import java.util.List;

/**
 * A setting as the setting-changing tools capture it before they act: its value in force, where it
 * came from, and what ALTER SYSTEM has recorded for it in {@code postgresql.auto.conf} (the value a
 * rollback restores). Reading pg_file_settings needs superuser or pg_read_all_settings, as ALTER
 * SYSTEM itself needs superuser or the ALTER SYSTEM privilege.
 */
public record SettingState(
        String name,
        @Describe("Value in base units, as pg_settings shows it") String setting,
        String unit,
        @Describe("When it can change: postmaster (restart), sighup (reload), superuser, user, ...") String context,
        String vartype,
        @Describe("Where the value in force came from") String source,
        @Describe("The value a session gets without SET: the configuration value after the last reload, base units") String resetVal,
        @Describe("The value as SHOW displays it") String currentValue,
        @Describe("Changed in a file but waiting for a restart") boolean pendingRestart,
        @Describe("What ALTER SYSTEM recorded (postgresql.auto.conf); null when it holds nothing for this setting") String alterSystemValue) {

    static final String SELECT = """
            select s.name, s.setting, s.unit, s.context, s.vartype, s.source, s.reset_val,
                   current_setting(s.name) as current_value, s.pending_restart,
                   (select f.setting from pg_file_settings f
                     where f.name = s.name and f.sourcefile like '%postgresql.auto.conf'
                     order by f.seqno desc limit 1) as alter_system_value
              from pg_settings s
             where s.name = lower(?)
            """;

    boolean needsRestart() {
        return "postmaster".equals(context);
    }

    /** The setting of this name, or a failure naming similar ones. */
    static SettingState find(SqlRunner sql, String name) throws SQLException, ToolFailure {
        var found = sql.one(SettingState.class, SELECT, name.trim());
        if (found.isPresent()) {
            return found.get();
        }
        String wanted = name.trim().toLowerCase(java.util.Locale.ROOT);
        List<Object> similar = sql.rows("select name from pg_settings where strpos(name, ?) > 0 or strpos(?, name) > 0"
                        + " or split_part(name, '_', 1) = split_part(?, '_', 1) order by name limit 10",
                wanted, wanted, wanted).stream().map(r -> r.get("name")).toList();
        throw new ToolFailure(new Diagnosis("unknown_setting", "'" + name + "' is not a setting of this server (pg_settings)",
                similar.isEmpty() ? "list settings with get_pg_settings" : "similar names: " + similar, ""));
    }

    /** Refuses settings that cannot change at all, and restart-only ones unless the caller accepts a restart. */
    void refuseUnchangeable(boolean allowRestartRequired) throws ToolFailure {
        if ("internal".equals(context)) {
            throw new ToolFailure(new Diagnosis("setting_read_only", name + " is fixed when the server is built or "
                    + "initialized (context internal); it cannot be changed by configuration", "", ""));
        }
        if (needsRestart() && !allowRestartRequired) {
            throw new ToolFailure(new Diagnosis("restart_required", name + " only changes when the server restarts "
                    + "(context postmaster): ALTER SYSTEM would record the value but a reload does not apply it",
                    "pass allow_restart_required=true to record it anyway, then restart the server in a maintenance window", ""));
        }
    }

    /** How the change takes effect, for previews and summaries. */
    String takesEffect() {
        return needsRestart() ? "takes effect only after a server RESTART (context postmaster)"
                : context.endsWith("backend") ? "applies to sessions that connect after the reload (context " + context + ")"
                : "applies on reload (context " + context + ")";
    }
}
