package io.aihelpdesk.server.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
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
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("track_io_timing", "on")
                .setServerConfig("max_connections", "50");
        if (port > 0) {
            b.setPort(port);
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

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
