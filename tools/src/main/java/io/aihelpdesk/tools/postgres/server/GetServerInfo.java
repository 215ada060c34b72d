package io.aihelpdesk.tools.postgres.server;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** {@code get_server_info}: what the server is, how long it has run, and how busy it is. */
public final class GetServerInfo {
    private GetServerInfo() {
    }

    public record Reply(
            @Describe("Full version() string") String version,
            @Describe("server_version_num, e.g. 170004") int versionNum,
            @Describe("When the postmaster started") OffsetDateTime startedAt,
            @Describe("Seconds since the postmaster started") long uptimeSeconds,
            @Describe("Uptime as days/hours/minutes/seconds") String uptime,
            @Describe("data_directory; null unless superuser or pg_read_all_settings") String dataDirectory,
            @Describe("config_file; null unless superuser or pg_read_all_settings") String configFile,
            @Describe("Database connected to") String database,
            @Describe("Size of the current database in bytes") Long databaseSizeBytes,
            @Describe("Size of the current database, human readable") String databaseSize,
            @Describe("True when the server is a standby in recovery") boolean inRecovery,
            @Describe("primary or replica") String role,
            @Describe("Client backends connected, all databases") long totalSessions,
            @Describe("Client backends currently running a statement") long activeSessions,
            @Describe("max_connections") int maxConnections) {
    }

    /*
     * data_directory and config_file are read from pg_settings rather than current_setting():
     * the view omits settings the caller may not see, where current_setting() raises an error.
     */
    static final String SQL = """
            select version() as version, current_setting('server_version_num')::int as version_num,
                   pg_postmaster_start_time() as started_at,
                   extract(epoch from now() - pg_postmaster_start_time())::bigint as uptime_seconds,
                   justify_hours(date_trunc('second', now() - pg_postmaster_start_time()))::text as uptime,
                   (select setting from pg_settings where name = 'data_directory') as data_directory,
                   (select setting from pg_settings where name = 'config_file') as config_file,
                   current_database() as database,
                   pg_database_size(current_database()) as database_size_bytes,
                   pg_size_pretty(pg_database_size(current_database())) as database_size,
                   pg_is_in_recovery() as in_recovery,
                   case when pg_is_in_recovery() then 'replica' else 'primary' end as role,
                   (select count(*) from pg_stat_activity where backend_type = 'client backend') as total_sessions,
                   (select count(*) from pg_stat_activity
                     where backend_type = 'client backend' and state = 'active') as active_sessions,
                   current_setting('max_connections')::int as max_connections
            """;

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("get_server_info",
                "Server overview: version, start time and uptime, data directory and config file (when visible), "
                        + "current database size, primary or replica, total and active sessions against "
                        + "max_connections. Use right after check_connection to orient yourself.",
                TargetOnly.class, Reply.class, GetServerInfo::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        Reply r = ctx.sql().one(Reply.class, SQL).orElseThrow();
        return Result.of(r, "PostgreSQL " + (r.versionNum() / 10000) + " " + r.role() + ", up " + r.uptime()
                + "; " + r.totalSessions() + " of " + r.maxConnections() + " connections in use ("
                + r.activeSessions() + " active); database " + r.database() + " is " + r.databaseSize());
    }
}
