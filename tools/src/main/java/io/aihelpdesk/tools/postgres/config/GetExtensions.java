package io.aihelpdesk.tools.postgres.config;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/** {@code get_extensions}: extensions installed in the current database and whether newer versions are available. */
public final class GetExtensions {
    private GetExtensions() {
    }

    public record Extension(
            String name,
            @Describe("Version installed in this database") String installedVersion,
            @Describe("Version CREATE EXTENSION would install now; null when the files are missing") String defaultVersion,
            @Describe("Schema holding its objects") String schema,
            @Describe("True when ALTER EXTENSION ... UPDATE would move to default_version") boolean updateAvailable,
            String description) {
    }

    public record Reply(List<Extension> extensions, int count,
                        @Describe("Extensions with a newer version available") List<String> updatesAvailable) {
    }

    static final String SQL = """
            select e.extname as name, e.extversion as installed_version, a.default_version, n.nspname as schema,
                   coalesce(a.default_version is distinct from e.extversion and a.default_version is not null, false)
                       as update_available,
                   a.comment as description
              from pg_extension e
              join pg_namespace n on n.oid = e.extnamespace
              left join pg_available_extensions a on a.name = e.extname
             order by e.extname
            """;

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("get_extensions",
                "List the extensions installed in the database with installed version, available default version "
                        + "and schema; flags those with updates available (e.g. after a PostgreSQL upgrade).",
                TargetOnly.class, Reply.class, GetExtensions::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        List<Extension> rows = ctx.sql().list(Extension.class, SQL);
        List<Extension> stale = rows.stream().filter(Extension::updateAvailable).toList();
        Reply r = new Reply(rows, rows.size(), stale.stream().map(Extension::name).toList());
        return Result.of(r, rows.size() + " extension" + (rows.size() == 1 ? "" : "s") + " installed"
                + (stale.isEmpty() ? "; all at their default version" : "; updates available: " + stale.stream()
                .map(e -> e.name() + " " + e.installedVersion() + " → " + e.defaultVersion())
                .collect(Collectors.joining(", "))));
    }
}
