package io.aihelpdesk.server.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded PostgreSQL behind {@code helpdesk demo}: real server binaries from Maven Central,
 * a temporary data directory removed on close, and a small shop schema with the kinds of findings
 * the tools exist to surface (dead tuples, an unused duplicate index, a sequence nearing its limit).
 */
public final class DemoDatabase implements AutoCloseable {
    public static final String DATABASE = "shop";
    private final EmbeddedPostgres pg;

    private DemoDatabase(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    public static DemoDatabase start(int port) throws IOException, SQLException {
        return start(port, null);
    }

    /** Starts the server with its data in {@code dataDirectory} (null: a temporary directory). */
    public static DemoDatabase start(int port, Path dataDirectory) throws IOException, SQLException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("track_io_timing", "on")
                .setServerConfig("max_connections", "50");
        if (port > 0) {
            b.setPort(port);
        }
        if (dataDirectory != null) {
            b.setDataDirectory(dataDirectory).setCleanDataDirectory(false); // close() removes it, retrying while children exit
        }
        DemoDatabase db = new DemoDatabase(b.start());
        try {
            db.seed();
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    public int port() {
        return pg.getPort();
    }

    /** A libpq connection string for the demo database (trust authentication: no password). */
    public String connectionString() {
        return "host=localhost port=" + port() + " dbname=" + DATABASE + " user=postgres";
    }

    /** An inventory file's text registering this database as {@code demo}. */
    public String inventory() {
        return "version: \"1\"\ndb_servers:\n  demo:\n    name: Demo shop database\n"
                + "    connection_string: \"" + connectionString() + "\"\n    tags: [demo, development]\n";
    }

    /** The same, with the database placed in the demo's Kubernetes cluster ({@link DemoCluster}). */
    public String inventoryInCluster() {
        return inventory() + DemoCluster.inventoryPlacement() + DemoCluster.inventoryClusters();
    }

    private void seed() throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + DATABASE);
        }
        try (Connection c = pg.getDatabase("postgres", DATABASE).getConnection(); Statement s = c.createStatement()) {
            for (String sql : SEED) {
                s.execute(sql);
            }
        }
    }

    private static final String[] SEED = {
        "create extension if not exists pg_stat_statements",
        "create table customers (id bigserial primary key, email text not null unique, name text not null,"
                + " created_at timestamptz not null default now())",
        "create table products (id serial primary key, sku text not null unique, title text not null,"
                + " price_cents int not null check (price_cents >= 0))",
        "create table orders (id bigserial primary key, customer_id bigint not null references customers(id),"
                + " product_id int not null references products(id), quantity int not null, status text not null,"
                + " created_at timestamptz not null default now())",
        "create index orders_customer_idx on orders(customer_id)",
        "create index orders_customer_dup_idx on orders(customer_id)",
        "alter table orders set (autovacuum_enabled = false)",
        "insert into customers(email, name) select 'user' || g || '@example.com', 'Customer ' || g from generate_series(1, 5000) g",
        "insert into products(sku, title, price_cents) select 'SKU-' || g, 'Product ' || g, (g * 137) % 10000 from generate_series(1, 200) g",
        "insert into orders(customer_id, product_id, quantity, status, created_at) select 1 + (g * 7919) % 5000, 1 + g % 200,"
                + " 1 + g % 5, (array['new','paid','shipped','cancelled'])[1 + g % 4], now() - (g || ' minutes')::interval"
                + " from generate_series(1, 40000) g",
        "delete from orders where status = 'cancelled'",
        "create sequence invoice_no as smallint",
        "select setval('invoice_no', 31000)",
        "analyze customers",
        "analyze products",
    };

    /**
     * Stops a server whose start was interrupted (the JVM began shutting down while initdb or the
     * postmaster was starting, so no handle to it exists): ends every process whose command line
     * names the data directory, twice with a pause to catch a postmaster forked just then, and
     * removes the directory.
     */
    public static void stopInterrupted(Path dataDirectory) throws IOException {
        String dir = dataDirectory.toAbsolutePath().toString();
        for (int round = 0; round < 2; round++) {
            ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false))
                    .forEach(p -> {
                        p.destroy();
                        p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> p).join();
                    });
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        deleteTree(dataDirectory);
    }

    /**
     * Removes a directory and everything in it; absent is fine. Retries for a few seconds because
     * a PostgreSQL child process that is still exiting may be writing into it.
     */
    public static void deleteTree(Path dir) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 20 && Files.exists(dir); attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                last = e instanceof IOException io ? io : ((java.io.UncheckedIOException) e).getCause();
            }
            if (Files.exists(dir)) {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (Files.exists(dir) && last != null) {
            throw last;
        }
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
