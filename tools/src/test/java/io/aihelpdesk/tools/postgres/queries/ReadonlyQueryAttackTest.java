package io.aihelpdesk.tools.postgres.queries;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;

/**
 * The attack corpus against a real PostgreSQL, connected as a superuser (the worst case): every case
 * must be refused by {@code run_readonly_query} — by the statement guard, or (for user functions that
 * write) by the read-only transaction — and afterwards the database must be as it was: rows, sequence,
 * settings (also of the tool's pooled sessions), a victim session alive and not notified, no advisory
 * locks, no large objects, no slots or prepared transactions, no new tables, stats not reset, no files
 * written. The same corpus runs against {@code explain_query}: guard cases are refused, and nothing is
 * ever executed.
 */
class ReadonlyQueryAttackTest {
    /** Which layer must stop the case: the statement guard, or the database's read-only transaction. */
    enum Layer { GUARD, DATABASE }

    private static Connection victim;
    private static int victimPid;
    private static final Path[] FILES = {Path.of("/tmp/atk_copy_out"), Path.of("/tmp/atk_pwned"), Path.of("/tmp/atk_lo")};

    @BeforeAll
    static void setUp() throws Exception {
        TestPostgres.exec("drop table if exists atk_accounts", "drop sequence if exists atk_seq",
                "create table atk_accounts(id serial primary key, balance int not null)",
                "insert into atk_accounts(balance) select g * 10 from generate_series(1, 10) g",
                "create sequence atk_seq start 7",
                "create or replace function atk_write() returns int language sql as $$ insert into atk_accounts(balance) values (999) returning 1 $$",
                "create or replace function atk_plpgsql_write() returns int language plpgsql as $$ begin update atk_accounts set balance = 0; return 1; end $$",
                "create or replace function atk_nextval() returns bigint language sql as $$ select nextval('atk_seq') $$",
                "create or replace function atk_create_table() returns int language plpgsql as $$ begin create table atk_made(id int); return 1; end $$",
                "create or replace function atk_delete_rows() returns setof int language sql as $$ delete from atk_accounts returning id $$",
                "create or replace procedure atk_proc() language sql as $$ delete from atk_accounts $$");
        victim = TestPostgres.admin();
        try (Statement s = victim.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            victimPid = rs.getInt(1);
            s.execute("listen atk_channel");
        }
        for (Path f : FILES) {
            Files.deleteIfExists(f);
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        victim.close();
        TestPostgres.exec("drop procedure if exists atk_proc", "drop function if exists atk_write, atk_plpgsql_write, atk_nextval, "
                + "atk_create_table, atk_delete_rows", "drop table if exists atk_accounts, atk_made, atk_copy", "drop sequence if exists atk_seq");
    }

    static Stream<Arguments> corpus() {
        List<Arguments> all = new ArrayList<>();
        String v = "%d";
        for (String sql : List.of(
                // stacked statements and transaction escapes
                "select 1; delete from atk_accounts", "select 1;delete from atk_accounts;", "select 1 /* */; delete from atk_accounts",
                "select 1; commit; delete from atk_accounts", "commit; delete from atk_accounts", "rollback; delete from atk_accounts",
                "end; delete from atk_accounts", "abort; update atk_accounts set balance = 0",
                "set session characteristics as transaction read write; delete from atk_accounts", "set transaction read write",
                "set default_transaction_read_only = off", "reset all", "begin read write; delete from atk_accounts; commit",
                "start transaction read write", "sElEcT 1; DeLeTe FrOm atk_accounts", "select\n1\n;\ndelete\nfrom atk_accounts",
                "(select 1); delete from atk_accounts", "table atk_accounts; truncate atk_accounts", "values (1); drop table atk_accounts",
                "show work_mem; set work_mem = '1GB'", "show all; delete from atk_accounts", "discard all",
                // writes in CTEs, SELECT INTO, row locks
                "with d as (delete from atk_accounts returning *) select count(*) from d",
                "with u as (update atk_accounts set balance = 0 returning 1) select * from u",
                "with i as (insert into atk_accounts(balance) values (1) returning 1) select * from i",
                "WITH x AS (SELECT 1), y AS (DELETE FROM atk_accounts RETURNING 1) SELECT * FROM y",
                "select * into atk_copy from atk_accounts", "select * into temp atk_tmp from atk_accounts",
                "select * from atk_accounts for update", "select * from atk_accounts for share",
                "select * from atk_accounts for no key update", "select * from atk_accounts for key share",
                "select * from atk_accounts where id = 1 for update skip locked", "select * from atk_accounts for update of atk_accounts",
                // other statement kinds
                "copy atk_accounts to '/tmp/atk_copy_out'", "copy (select 1) to program 'touch /tmp/atk_pwned'",
                "copy atk_accounts from program 'echo 1'", "do $$ begin delete from atk_accounts; end $$",
                "DO 'begin delete from atk_accounts; end'", "call atk_proc()", "delete from atk_accounts",
                "update atk_accounts set balance = 0", "insert into atk_accounts(balance) values (1)", "truncate atk_accounts",
                "drop table atk_accounts", "alter system set work_mem = '1GB'", "alter table atk_accounts add column pwned int",
                "create table atk_new(id int)", "vacuum atk_accounts", "analyze atk_accounts",
                "lock table atk_accounts in access exclusive mode", "prepare p as delete from atk_accounts", "execute p",
                "listen atk_channel", "notify atk_channel, 'x'", "checkpoint", "grant all on atk_accounts to public",
                "security label on table atk_accounts is 'x'", "select atk_delete_rows() from atk_accounts where id in (select 1 into x)",
                // EXPLAIN that would execute
                "explain analyze select * from atk_accounts", "explain (analyze) select 1", "explain (analyse true) select 1",
                "explain (analyze, format json) select 1", "explain analyze delete from atk_accounts", "explain delete from atk_accounts",
                "explain verbose analyze select 1",
                // functions with side effects, in every spelling
                "select pg_terminate_backend(" + v + ")", "select pg_cancel_backend(" + v + ")",
                "select pg_catalog.pg_terminate_backend(" + v + ")", "select \"pg_terminate_backend\"(" + v + ")",
                "select U&\"\\0070g_terminate_backend\"(" + v + ")", "select u&\"pg_\\+000074erminate_backend\"(" + v + ")",
                "select PG_TERMINATE_BACKEND(" + v + ")", "select pg_terminate_backend /* x */ (" + v + ")",
                "select pg_catalog . \"pg_cancel_backend\" (" + v + ")", "select count(*) from pg_stat_activity where pg_terminate_backend(pid)",
                "select * from pg_read_file('postgresql.conf')", "select pg_read_binary_file('postgresql.conf')",
                "select pg_ls_dir('.')", "select pg_stat_file('postgresql.conf')", "select lo_import('/etc/hostname')",
                "select lo_create(0)", "select lo_from_bytea(0, 'x')", "select lo_export(1, '/tmp/atk_lo')", "select lowrite(0, 'x')",
                "select set_config('default_transaction_read_only', 'off', false)", "select set_config('statement_timeout', '0', false)",
                "select pg_reload_conf()", "select pg_stat_reset()", "select pg_stat_reset_shared('bgwriter')",
                "select nextval('atk_seq')", "select setval('atk_seq', 1000)", "select pg_advisory_lock(42)",
                "select pg_try_advisory_lock(42)", "select pg_advisory_xact_lock(42)", "select txid_current()", "select pg_current_xact_id()",
                "select pg_notify('atk_channel', 'x')", "select pg_logical_emit_message(true, 'atk', 'x')",
                "select pg_create_physical_replication_slot('atk_slot')", "select query_to_xml('delete from atk_accounts returning 1', true, true, '')",
                "select dblink_exec('dbname=postgres', 'delete from atk_accounts')",
                "select * from dblink('dbname=postgres', 'select 1') as t(x int)", "select pg_switch_wal()",
                "select ts_stat('select 1')", "select pg_sleep_for('1 hour')",
                // tokenizer tricks
                "select 1 from atk_accounts where id = $1", "select 'unterminated", "select 1 /* unterminated",
                "select $x$ ; delete from atk_accounts", "select '\\'; delete from atk_accounts; --'",
                "select 1 /* /* nested */ ; delete from atk_accounts", "select \"x;\" from atk_accounts; delete from atk_accounts",
                "select 1 " + " ".repeat(ReadOnlyStatement.MAX_LENGTH) + "from atk_accounts", "", "   ", ";")) {
            all.add(Arguments.of(Layer.GUARD, named(sql)));
        }
        for (String sql : List.of("select atk_write()", "select atk_plpgsql_write()", "select atk_nextval()", "select atk_create_table()",
                "select * from atk_delete_rows()", "with x as materialized (select atk_write()) select * from x",
                "select 1 where atk_write() = 1", "select (select atk_plpgsql_write())")) {
            all.add(Arguments.of(Layer.DATABASE, named(sql)));
        }
        return all.stream();
    }

    private static org.junit.jupiter.api.Named<String> named(String sql) {
        String oneLine = sql.isBlank() ? "(blank: '" + sql + "')" : sql.replaceAll("\\s+", " ");
        return org.junit.jupiter.api.Named.of(oneLine.length() > 90 ? oneLine.substring(0, 60) + "… (" + sql.length() + " chars)" : oneLine, sql);
    }

    /** Refused before anything ran: by the statement guard (or, for oversized input, the argument binder), or by the database. */
    private static void assertRefused(Outcome o, String sql, String code, String text) {
        if (o instanceof Outcome.Invalid invalid) {
            assertThat(sql.length()).as("only oversized input is refused as invalid arguments: " + o.text()).isGreaterThan(ReadOnlyStatement.MAX_LENGTH);
            assertThat(invalid.text()).contains("characters long");
            return;
        }
        assertThat(o).as(sql).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) o).diagnosis().code()).as(o.text()).isEqualTo(code);
        assertThat(o.text()).contains(text);
    }

    @Test
    void the_corpus_has_at_least_80_cases() {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(80);
    }

    @ParameterizedTest(name = "{index} {0}: {1}")
    @MethodSource("corpus")
    void run_readonly_query_refuses_and_the_database_is_unchanged(Layer layer, String template) throws Exception {
        String sql = template.replace("%d", String.valueOf(victimPid));
        Map<String, Object> before = state();
        Outcome o = TestPostgres.call("run_readonly_query", Map.of("sql", sql));
        assertRefused(o, sql, "query_refused", layer == Layer.GUARD ? "refused the statement: " : "refused a write inside the read-only transaction");
        assertThat(state()).as("database state after: " + sql).isEqualTo(before);
    }

    @ParameterizedTest(name = "{index} {0}: {1}")
    @MethodSource("corpus")
    void explain_query_refuses_or_only_plans_and_the_database_is_unchanged(Layer layer, String template) throws Exception {
        String sql = template.replace("%d", String.valueOf(victimPid));
        Map<String, Object> before = state();
        Outcome o = TestPostgres.call("explain_query", Map.of("query", sql));
        if (layer == Layer.GUARD) {
            assertRefused(o, sql, "explain_refused", "refused the statement: ");
        }
        assertThat(state()).as("database state after explaining: " + sql).isEqualTo(before);
    }

    /** Everything the corpus tries to change, read through a separate superuser connection and the tool's own sessions. */
    private static Map<String, Object> state() throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        try (Connection c = TestPostgres.admin(); Statement st = c.createStatement()) {
            s.put("rows", scalar(st, "select count(*) || '/' || sum(balance) from atk_accounts"));
            s.put("sequence", scalar(st, "select last_value || '/' || is_called from atk_seq"));
            s.put("victim_alive", scalar(st, "select count(*) from pg_stat_activity where pid = " + victimPid));
            s.put("advisory_locks", scalar(st, "select count(*) from pg_locks where locktype = 'advisory'"));
            s.put("large_objects", scalar(st, "select count(*) from pg_largeobject_metadata"));
            s.put("slots", scalar(st, "select count(*) from pg_replication_slots"));
            s.put("prepared", scalar(st, "select count(*) from pg_prepared_xacts"));
            s.put("tables", scalar(st, "select string_agg(relname, ',' order by relname) from pg_class where relname like 'atk%'"));
            s.put("stats_reset", scalar(st, "select coalesce(stats_reset::text, '-') from pg_stat_database where datname = current_database()"));
            s.put("writes", scalar(st, "select n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables where relname = 'atk_accounts'"));
            s.put("auto_conf", scalar(st, "select count(*) from pg_file_settings where sourcefile like '%postgresql.auto.conf'"));
            s.put("columns", scalar(st, "select count(*) from pg_attribute where attrelid = 'atk_accounts'::regclass and attnum > 0"));
        }
        try (Statement st = victim.createStatement()) {
            s.put("victim_settings", scalar(st, "select current_setting('work_mem')"));
        } catch (SQLException e) {
            s.put("victim_settings", "victim gone: " + e.getMessage());
        }
        s.put("victim_notified", ((PGConnection) victim.unwrap(PGConnection.class)).getNotifications() != null
                && ((PGConnection) victim.unwrap(PGConnection.class)).getNotifications().length > 0);
        for (int i = 0; i < 4; i++) { // the tool's pooled sessions: still read-only, still bounded
            Map<String, Object> d = TestPostgres.data("run_readonly_query", Map.of("sql",
                    "select current_setting('default_transaction_read_only') || '/' || current_setting('statement_timeout') || '/' "
                            + "|| current_setting('work_mem') as s"));
            s.merge("tool_sessions", String.valueOf(((List<?>) ((List<?>) d.get("rows")).get(0)).get(0)), (a, b) -> a.equals(b) ? a : a + "|" + b);
        }
        for (Path f : FILES) {
            s.put(f.toString(), Files.exists(f));
        }
        return s;
    }

    private static String scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
