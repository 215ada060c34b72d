package io.aihelpdesk.tools.postgres.server;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.util.List;

/** {@code get_database_info}: the databases on the server, largest first. */
public final class GetDatabaseInfo {
    private GetDatabaseInfo() {
    }

    public record Database(
            String name,
            @Describe("Size in bytes; null when the caller lacks CONNECT on it") Long sizeBytes,
            @Describe("Size, human readable") String size,
            String owner,
            String encoding,
            @Describe("LC_COLLATE of the database") String collation,
            @Describe("LC_CTYPE of the database") String ctype,
            @Describe("Connection limit; -1 means no limit") int connectionLimit,
            @Describe("False when connections to it are disallowed") boolean allowConnections) {
    }

    public record Reply(List<Database> databases, int count, boolean inRecovery) {
    }

    record Recovery(boolean inRecovery) {
    }

    static final String SQL = """
            select d.datname as name, s.bytes as size_bytes, pg_size_pretty(s.bytes) as size,
                   pg_get_userbyid(d.datdba) as owner, pg_encoding_to_char(d.encoding) as encoding,
                   d.datcollate as collation, d.datctype as ctype, d.datconnlimit as connection_limit,
                   d.datallowconn as allow_connections
              from pg_database d
              cross join lateral (select case when has_database_privilege(d.oid, 'CONNECT')
                                              then pg_database_size(d.oid) end as bytes) s
             where not d.datistemplate
             order by s.bytes desc nulls last, d.datname
            """;

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("get_database_info",
                "List the non-template databases with size, owner, encoding, collation and connection limit, "
                        + "largest first. Use to see what lives on a server and where the space goes.",
                TargetOnly.class, Reply.class, GetDatabaseInfo::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        List<Database> dbs = ctx.sql().list(Database.class, SQL);
        boolean inRecovery = ctx.sql().one(Recovery.class, "select pg_is_in_recovery() as in_recovery")
                .map(Recovery::inRecovery).orElse(false);
        Reply r = new Reply(dbs, dbs.size(), inRecovery);
        return Result.of(r, dbs.isEmpty() ? "No databases visible."
                : dbs.size() + " database" + (dbs.size() == 1 ? "" : "s") + "; largest " + dbs.get(0).name()
                + " (" + dbs.get(0).size() + ")" + (inRecovery ? " on a standby" : ""));
    }
}
