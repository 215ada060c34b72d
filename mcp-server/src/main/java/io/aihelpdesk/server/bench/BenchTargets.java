package io.aihelpdesk.server.bench;

import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.demo.DemoDatabase;
import io.aihelpdesk.tools.config.ConfigException;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the bench measures against, all embedded: the demo database ({@code demo}, the target of the
 * latency and throughput rows), and a second PostgreSQL server (300 connections) holding the fleet's
 * databases ({@code fleet-01} …) and the PostgreSQL audit store's database — or, to start faster, those
 * databases on the demo server too. An inventory and a
 * policy (allow read on every target tagged {@code bench}) are written to a temporary directory.
 */
public final class BenchTargets implements AutoCloseable {
    public static final String DEMO = "demo";
    private final Path dir;
    private final DemoDatabase demo;
    private final EmbeddedPostgres fleetServer;
    private final List<String> fleet = new ArrayList<>();
    private final Path inventory;
    private final Path policy;

    private BenchTargets(Path dir, DemoDatabase demo, EmbeddedPostgres fleetServer, int fleetSize) throws IOException, SQLException {
        this.dir = dir;
        this.demo = demo;
        this.fleetServer = fleetServer;
        StringBuilder inv = new StringBuilder("version: \"1\"\ndb_servers:\n  " + DEMO + ":\n    name: Demo shop database\n"
                + "    connection_string: \"" + demo.connectionString() + "\"\n    tags: [bench, demo]\n");
        try (Connection c = admin("postgres"); Statement s = c.createStatement()) {
            s.execute("create database bench_audit");
            for (int i = 1; i <= fleetSize; i++) {
                String name = String.format("fleet-%02d", i);
                s.execute("create database \"" + name + "\"");
                fleet.add(name);
                inv.append("  ").append(name).append(":\n    connection_string: \"host=localhost port=").append(fleetPort())
                        .append(" dbname=").append(name).append(" user=postgres\"\n    tags: [bench, fleet]\n");
            }
        }
        this.inventory = dir.resolve("inventory.yaml");
        Files.writeString(inventory, inv);
        this.policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "version: \"1\"\npolicies:\n  - name: bench-read\n"
                + "    resources: [{type: database, match: {tags: [bench]}}]\n    rules: [{action: read, effect: allow}]\n");
    }

    /** @param separateServer the fleet on its own server (else on the demo server, which allows 50 connections) */
    public static BenchTargets start(int fleetSize, boolean separateServer) throws IOException, SQLException {
        Path dir = Files.createTempDirectory("helpdesk-bench-");
        DemoDatabase demo = DemoDatabase.start(0, dir.resolve("demo-data"));
        EmbeddedPostgres fleet = null;
        try {
            if (separateServer) {
                // synchronous_commit on (the embedded default is off): the PostgreSQL audit row measures durable commits
                fleet = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").setServerConfig("synchronous_commit", "on")
                        .setDataDirectory(dir.resolve("fleet-data"))
                        .setCleanDataDirectory(false).start();
            }
            return new BenchTargets(dir, demo, fleet, fleetSize);
        } catch (IOException | SQLException | RuntimeException e) {
            if (fleet != null) {
                fleet.close();
            }
            demo.close();
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    public Path inventory() {
        return inventory;
    }

    public Path policy() {
        return policy;
    }

    public List<String> fleet() {
        return List.copyOf(fleet);
    }

    public int demoPort() {
        return demo.port();
    }

    /** A superuser JDBC session to the demo server's {@code database}. */
    public Connection demoJdbc(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + demo.port() + "/" + database, "postgres", "");
    }

    /** A superuser JDBC session to the fleet server's {@code database}. */
    public Connection admin(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + fleetPort() + "/" + database, "postgres", "");
    }

    /** Port of the server holding the fleet's databases and {@code bench_audit}. */
    public int fleetPort() {
        return fleetServer == null ? demo.port() : fleetServer.getPort();
    }

    /** Whether the fleet has its own server. */
    public boolean separateFleetServer() {
        return fleetServer != null;
    }

    /** The governed server the in-process rows measure: policy enforced, durable SQLite audit in {@code auditDb}. */
    public Helpdesk helpdesk(Path auditDb) throws ConfigException {
        return new Helpdesk(InventoryLoader.load(inventory), PostgresSettings.defaults(),
                new GovernanceOptions(auditDb, null, policy, Verdict.DENY, false));
    }

    /** The flags a child {@code helpdesk} needs to serve these targets under the same policy. */
    public List<String> childFlags(Path auditDb) {
        return List.of("--inventory", inventory.toString(), "--policy", policy.toString(), "--audit-db", auditDb.toString());
    }

    @Override
    public void close() throws IOException {
        try {
            if (fleetServer != null) {
                fleetServer.close();
            }
        } finally {
            demo.close();
            DemoDatabase.deleteTree(dir);
        }
    }
}
