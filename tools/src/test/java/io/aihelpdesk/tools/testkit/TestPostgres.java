package io.aihelpdesk.tools.testkit;

import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.aihelpdesk.tools.postgres.PostgresToolset;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL for tests (embedded binaries from Maven Central), started once per test JVM,
 * plus an {@link Invoker} over the full catalog pointed at it. Tests create their own objects with
 * unique names so they can share the server.
 */
public final class TestPostgres {
    /**
     * Runs each task on its own thread. Sessions that block on locks must not share the common
     * fork-join pool: with 2 cores it has one thread, and the second blocked session would never start.
     */
    public static final java.util.concurrent.Executor OWN_THREAD = task -> {
        Thread t = new Thread(task, "test-session");
        t.setDaemon(true);
        t.start();
    };

    private static EmbeddedPostgres server;
    private static Invoker invoker;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            server = start(EmbeddedPostgres.builder());
        }
        return server;
    }

    /** Starts a server with the settings the tool tests rely on (statistics collection, pg_stat_statements). */
    public static EmbeddedPostgres start(EmbeddedPostgres.Builder builder) {
        try {
            EmbeddedPostgres pg = builder
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("track_io_timing", "on")
                    .setServerConfig("max_connections", "60")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary directory is removed by the OS later
                }
            }));
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    public static String connectionString() {
        return connectionString(server());
    }

    public static String connectionString(EmbeddedPostgres pg) {
        return "host=localhost port=" + pg.getPort() + " dbname=postgres user=postgres";
    }

    /** A superuser connection for test setup (not the tools' own pool). */
    public static Connection admin() throws SQLException {
        return server().getPostgresDatabase().getConnection();
    }

    public static void exec(String... statements) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("setup failed: " + e.getMessage(), e);
        }
    }

    public static synchronized Invoker invoker() {
        if (invoker == null) {
            server();
            invoker = new Invoker(new Catalog(PostgresToolset.all()), DatabaseTargets.of(Inventory.none()),
                    new ConnectionPools(PostgresSettings.defaults()));
        }
        return invoker;
    }

    /** Runs a tool against the test server through the same seam every door uses. */
    public static Outcome call(String tool, Map<String, Object> args) {
        Map<String, Object> withTarget = new java.util.LinkedHashMap<>(args);
        withTarget.putIfAbsent("connection_string", connectionString());
        return invoker().invoke(new Invocation(tool, withTarget, Caller.osUser("test"), null, "test"));
    }

    /** Like {@link #call} but fails the test unless the tool succeeded; returns the structured data. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> data(String tool, Map<String, Object> args) {
        Outcome o = call(tool, args);
        if (!(o instanceof Outcome.Succeeded s)) {
            throw new AssertionError(tool + " did not succeed: " + o.text());
        }
        return s.data();
    }
}
