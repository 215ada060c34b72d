package io.aihelpdesk.server.lab;

import io.aihelpdesk.server.demo.DemoDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The fault-injection lab: an embedded PostgreSQL primary with a physical streaming replica, a
 * simulated Kubernetes cluster where the database is placed, and an inventory file registering
 * them ({@value #TARGET} and {@value #REPLICA}). Everything lives under one directory and is
 * stopped by {@link #close()}.
 */
public final class Lab implements AutoCloseable {
    public static final String TARGET = "lab";
    public static final String REPLICA = "lab-replica";
    public static final String DATABASE = "labdb";
    static final String MONITOR_ROLE = "helpdesk";
    static final String APP_ROLE = "lab_app";
    /**
     * Server settings of both lab servers. Small on purpose so faults are reachable in seconds:
     * 30 connections (3 reserved for superusers, 5 for pg_use_reserved_connections, which the
     * helpdesk's role has), 32 MB of shared buffers, and autovacuum_freeze_max_age at its minimum.
     */
    static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("max_connections", "30"),
            Map.entry("superuser_reserved_connections", "3"),
            Map.entry("reserved_connections", "5"),
            Map.entry("shared_buffers", "32MB"),
            Map.entry("shared_preload_libraries", "pg_stat_statements"),
            Map.entry("track_io_timing", "on"),
            Map.entry("autovacuum_freeze_max_age", "100000"),
            Map.entry("wal_level", "replica"),
            Map.entry("max_wal_senders", "5"),
            Map.entry("hot_standby", "on"),
            Map.entry("wal_retrieve_retry_interval", "500ms"));

    private final Path dir;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private LabPostgres primary;
    private LabPostgres replica;
    private SimulatedCluster cluster;
    private Blackhole blackhole;
    private LabTarget registered;
    private volatile LabTarget current;

    private Lab(Path dir) {
        this.dir = dir;
    }

    /** Starts the lab in {@code dir} (created; must not hold a running lab). */
    public static Lab start(Path dir) throws IOException, SQLException {
        Lab lab = new Lab(dir);
        try {
            lab.up();
            return lab;
        } catch (IOException | SQLException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void up() throws IOException, SQLException {
        Files.createDirectories(dir);
        primary = LabPostgres.start("primary", dir.resolve("primary"), 0, SETTINGS);
        started.push(primary);
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        LabSeed.seed(primary, password);
        replica = StreamingReplica.create(primary, dir.resolve("replica"), 0, SETTINGS);
        started.push(replica);
        awaitStreaming();
        LabSeed.resetStatistics(primary);
        cluster = SimulatedCluster.start(dir.resolve("kubeconfig"));
        started.push(cluster);
        blackhole = new Blackhole();
        started.push(blackhole);
        Path pgpass = dir.resolve("pgpass");
        writePrivate(pgpass, "*:*:*:" + MONITOR_ROLE + ":" + password + "\n");
        registered = new LabTarget("localhost", primary.port(), DATABASE, MONITOR_ROLE, pgpass, null);
        current = registered;
        writeInventory();
    }

    /** Waits until the replica streams from the primary (after lab start, or after the primary restarted). */
    void awaitStreaming() throws SQLException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (Connection c = primary.connect("postgres"); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet r = s.executeQuery("select count(*) from pg_stat_replication where state = 'streaming'")) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return;
                    }
                }
                sleep(200);
            }
        }
        throw new SQLException("the lab replica did not start streaming from the primary within 60 s; see "
                + dir.resolve("replica") + " and the server log", "08006");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path inventoryFile() {
        return dir.resolve("inventory.yaml");
    }

    /**
     * A fresh server over the lab as it is now — its inventory re-read (the config injector may have
     * rewritten it), no pooled connections — auditing into the lab's audit file. The caller closes it.
     */
    public io.aihelpdesk.server.Helpdesk helpdesk() throws IOException, io.aihelpdesk.tools.config.ConfigException {
        return new io.aihelpdesk.server.Helpdesk(io.aihelpdesk.tools.inventory.InventoryLoader.load(inventoryFile()),
                io.aihelpdesk.tools.postgres.PostgresSettings.defaults(),
                new io.aihelpdesk.tools.kubernetes.KubernetesSettings(kubeconfig(), io.aihelpdesk.tools.kubernetes.KubernetesSettings.DEFAULT_TIMEOUT),
                io.aihelpdesk.server.GovernanceOptions.auditOnly(dir.resolve("audit.db")));
    }

    public Path kubeconfig() {
        return cluster.kubeconfig();
    }

    public String namespace() {
        return SimulatedCluster.NAMESPACE;
    }

    public String k8sContext() {
        return SimulatedCluster.CONTEXT;
    }

    LabPostgres primary() {
        return primary;
    }

    LabPostgres replica() {
        return replica;
    }

    SimulatedCluster cluster() {
        return cluster;
    }

    Blackhole blackhole() {
        return blackhole;
    }

    LabTarget registeredTarget() {
        return registered;
    }

    LabTarget currentTarget() {
        return current;
    }

    /** Points the inventory's {@value #TARGET} entry at {@code target} (the config injector's lever). */
    synchronized void retarget(LabTarget target) throws IOException {
        current = target;
        writeInventory();
    }

    /** A superuser session to the lab database on the primary. */
    public Connection connectPrimary() throws SQLException {
        return primary.connect(DATABASE);
    }

    private void writeInventory() throws IOException {
        String replicaConn = registered.withEndpoint("localhost", replica.port()).connectionString();
        String text = "# Written by `helpdesk lab up`: the aiHelpDesk fault-injection lab. The Kubernetes cluster is SIMULATED.\n"
                + "version: \"1\"\ndb_servers:\n  " + TARGET + ":\n    name: \"aiHelpDesk lab primary (embedded PostgreSQL)\"\n"
                + "    connection_string: \"" + current.connectionString() + "\"\n    tags: [lab, development]\n"
                + SimulatedCluster.inventoryPlacement()
                + "  " + REPLICA + ":\n    name: \"aiHelpDesk lab streaming replica\"\n    connection_string: \"" + replicaConn + "\"\n"
                + "    tags: [lab, replica]\n" + SimulatedCluster.inventoryClusters();
        Path tmp = dir.resolve("inventory.yaml.tmp");
        writePrivate(tmp, text);
        Files.move(tmp, inventoryFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Writes a file only its owner may read (the lab's password file, its inventory, the control
     * token). The file is created with those permissions before anything is written, so there is no
     * moment at which the secret is readable by others. Without POSIX permissions (Windows) the file
     * is created plainly and the lab directory's ACL is what protects it.
     */
    static void writePrivate(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, text);
    }

    /** Stops everything the lab started, newest first, and removes its directory. */
    @Override
    public void close() throws IOException {
        List<AutoCloseable> all = List.copyOf(started);
        started.clear();
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("lab: stopping " + c.getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
        DemoDatabase.deleteTree(dir);
    }
}
