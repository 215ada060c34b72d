package io.aihelpdesk.tools.postgres.config;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.SqlRunner;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.util.List;

/** {@code get_config_parameter}: settings matching a name fragment, or the key settings for triage. */
public final class GetConfigParameter {
    /** Shown when no parameter_name is given: connections, memory, WAL/replication, network, timeouts. */
    static final List<String> KEY_SETTINGS = List.of("max_connections", "shared_buffers", "effective_cache_size",
            "work_mem", "maintenance_work_mem", "wal_level", "max_wal_size", "max_replication_slots", "max_wal_senders",
            "listen_addresses", "port", "log_min_duration_statement", "statement_timeout", "lock_timeout",
            "idle_in_transaction_session_timeout");

    private GetConfigParameter() {
    }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param("Part of a setting name, matched case-insensitively anywhere in the name (e.g. 'timeout'); "
                    + "empty lists the 15 key settings") String parameterName) {
    }

    public record Setting(
            String name,
            @Describe("Current value, in unit") String setting,
            @Describe("Unit of setting, e.g. 8kB or ms") String unit,
            @Describe("When it can change: postmaster (restart), sighup (reload), user, ...") String context,
            @Describe("Where the value came from: default, configuration file, command line, ...") String source,
            String shortDesc,
            @Describe("Changed in the configuration file but waiting for a restart") boolean pendingRestart) {
    }

    public record Reply(List<Setting> settings, int count, boolean truncated) {
    }

    static final String MATCHING = """
            select name, setting, unit, context, source, short_desc, pending_restart
              from pg_settings
             where name ilike '%' || ? || '%'
             order by name
            """;

    static final String KEY = """
            select name, setting, unit, context, source, short_desc, pending_restart
              from pg_settings
             where name = any(?::text[])
             order by array_position(?::text[], name)
            """;

    public static ToolDefinition<Params, Reply> definition() {
        return ToolDefinition.databaseRead("get_config_parameter",
                "Show configuration settings from pg_settings with unit, context (restart or reload needed), source "
                        + "and description. Give parameter_name to search by name fragment; leave it empty for the key "
                        + "settings (connections, memory, WAL and replication, listen address and port, slow-query "
                        + "logging, statement/lock/idle-in-transaction timeouts).",
                Params.class, Reply.class, GetConfigParameter::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws SQLException {
        String name = p.parameterName() == null ? "" : p.parameterName().trim();
        SqlRunner.Capped<Setting> rows;
        if (name.isEmpty()) {
            String[] keys = KEY_SETTINGS.toArray(String[]::new);
            rows = ctx.sql().capped(Setting.class, ToolContext.DEFAULT_ROW_LIMIT, KEY, keys, keys);
        } else {
            rows = ctx.sql().capped(Setting.class, ToolContext.DEFAULT_ROW_LIMIT, MATCHING, name);
        }
        Reply r = new Reply(rows.rows(), rows.rows().size(), rows.truncated());
        if (r.count() == 0) {
            return Result.of(r, "No setting name contains '" + name + "'.");
        }
        long pending = r.settings().stream().filter(Setting::pendingRestart).count();
        return Result.of(r, (name.isEmpty() ? r.count() + " key settings" : r.count() + " setting"
                + (r.count() == 1 ? "" : "s") + " matching '" + name + "'") + (r.truncated() ? " (truncated)" : "")
                + (pending > 0 ? "; " + pending + " pending restart" : ""));
    }
}
