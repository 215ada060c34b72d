package io.aihelpdesk.tools.postgres.config;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.util.List;

/** {@code get_pg_settings}: every setting that differs from its built-in default, and where it was set. */
public final class GetPgSettings {
    private GetPgSettings() {
    }

    public record Setting(
            String name,
            String setting,
            String unit,
            @Describe("configuration file, command line, database, user, session, environment variable, ...")
            String source,
            @Describe("File that set it; null unless superuser or pg_read_all_settings") String sourcefile,
            @Describe("Line in sourcefile") Integer sourceline,
            String context,
            @Describe("The built-in default") String bootVal,
            @Describe("Changed in the configuration file but waiting for a restart") boolean pendingRestart) {
    }

    public record Reply(List<Setting> settings, int count,
                        @Describe("Names of settings waiting for a restart") List<String> pendingRestart) {
    }

    static final String SQL = """
            select name, setting, unit, source, sourcefile, sourceline, context, boot_val, pending_restart
              from pg_settings
             where source not in ('default', 'override')
             order by name
            """;

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("get_pg_settings",
                "List the settings changed from their defaults (by the configuration file, command line, ALTER "
                        + "SYSTEM/DATABASE/ROLE or the session), with source file and line when visible, and any "
                        + "waiting for a restart. Use to review how a server has been tuned.",
                TargetOnly.class, Reply.class, GetPgSettings::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        List<Setting> rows = ctx.sql().list(Setting.class, SQL);
        List<String> pending = rows.stream().filter(Setting::pendingRestart).map(Setting::name).toList();
        Reply r = new Reply(rows, rows.size(), pending);
        return Result.of(r, rows.size() + " setting" + (rows.size() == 1 ? "" : "s") + " changed from the default"
                + (pending.isEmpty() ? "" : "; WARNING: restart needed to apply " + String.join(", ", pending)));
    }
}
