package io.aihelpdesk.tools.postgres.server;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;

/** {@code check_connection}: can we connect, and to what. The first tool of every triage. */
public final class CheckConnection {
    private CheckConnection() {
    }

    public record Reply(
            @Describe("Server version string") String version,
            @Describe("Database connected to") String database,
            @Describe("Role connected as") String user,
            @Describe("Server address as the server sees it (null over a Unix socket)") String serverAddress,
            @Describe("Server port") Integer serverPort,
            @Describe("True when the server is a standby in recovery") boolean inRecovery,
            @Describe("Round trip of the probe query in milliseconds") double latencyMs) {
    }

    static final String SQL = "select version() as version, current_database() as database, current_user as user,"
            + " host(inet_server_addr()) as server_address, inet_server_port() as server_port,"
            + " pg_is_in_recovery() as in_recovery";

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("check_connection",
                "Check that the database accepts connections and report server version, database, user and role "
                        + "(primary or standby). Start every database triage here; failures come back as a diagnosis "
                        + "(refused, auth failed, no such database, too many clients, ...).",
                TargetOnly.class, Reply.class, CheckConnection::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        long t0 = System.nanoTime();
        Reply probe = ctx.sql().one(Reply.class, SQL).orElseThrow();
        double ms = (System.nanoTime() - t0) / 1e6;
        Reply r = new Reply(probe.version(), probe.database(), probe.user(), probe.serverAddress(), probe.serverPort(),
                probe.inRecovery(), Math.round(ms * 100) / 100.0);
        return Result.of(r, "Connection successful: " + r.database() + " as " + r.user() + " on "
                + ctx.database().spec().address() + (r.inRecovery() ? " (standby)" : " (primary)"));
    }
}
