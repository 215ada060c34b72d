package io.aihelpdesk.server.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The lab primary's starting state: a healthy database {@value Lab#DATABASE} (vacuumed and analysed,
 * no findings), the role the helpdesk connects as (scram-sha-256 password, pg_monitor, reserved
 * connection slots) and an application role without privileges beyond connecting.
 */
final class LabSeed {
    private LabSeed() {
    }

    static void seed(LabPostgres primary, String password) throws SQLException, IOException {
        Path hba = primary.dataDir().resolve("pg_hba.conf");
        String rules = "host all " + Lab.MONITOR_ROLE + " 127.0.0.1/32 scram-sha-256\nhost all " + Lab.MONITOR_ROLE
                + " ::1/128 scram-sha-256\n";
        Files.writeString(hba, rules + Files.readString(hba));
        // The settings are on the server's command line; the file must agree, or a reload marks
        // them pending_restart (which the triage engine rightly reports as a configuration problem).
        StringBuilder conf = new StringBuilder("\n# aiHelpDesk lab settings (also on the command line)\n");
        Lab.SETTINGS.forEach((k, v) -> conf.append(k).append(" = '").append(v).append("'\n"));
        Files.writeString(primary.dataDir().resolve("postgresql.conf"), conf, java.nio.file.StandardOpenOption.APPEND);
        try (Connection c = primary.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("set password_encryption = 'scram-sha-256'");
            s.execute("create role " + Lab.MONITOR_ROLE + " login password '" + password + "'");
            s.execute("grant pg_monitor, pg_read_all_data, pg_use_reserved_connections to " + Lab.MONITOR_ROLE);
            s.execute("create role " + Lab.APP_ROLE + " login");
            s.execute("create database " + Lab.DATABASE);
            s.execute("select pg_reload_conf()");
        }
        try (Connection c = primary.connect(Lab.DATABASE); Statement s = c.createStatement()) {
            for (String sql : SCHEMA) {
                s.execute(sql);
            }
        }
    }

    /** Zeroes the cumulative statistics the seeding itself produced (catalog reads, CREATE DATABASE checkpoints). */
    static void resetStatistics(LabPostgres primary) throws SQLException {
        for (String db : new String[] {"postgres", Lab.DATABASE, "template1"}) {
            try (Connection c = primary.connect(db); Statement s = c.createStatement()) {
                s.execute("select pg_stat_reset()");
            }
        }
        SqlInjector.resetCheckpointer(primary);
    }

    private static final String[] SCHEMA = {
        "create extension if not exists pg_stat_statements",
        "create table accounts (id int primary key, owner text not null, balance bigint not null default 0)",
        "insert into accounts select g, 'owner ' || g, 1000 from generate_series(1, 1000) g",
        "create table orders (id bigserial primary key, account_id int not null references accounts(id),"
                + " amount_cents int not null, created_at timestamptz not null default now())",
        "insert into orders (account_id, amount_cents) select 1 + g % 1000, g % 9000 from generate_series(1, 5000) g",
        "vacuum analyze accounts",
        "vacuum analyze orders",
    };
}
