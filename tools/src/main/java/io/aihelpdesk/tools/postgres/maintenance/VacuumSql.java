package io.aihelpdesk.tools.postgres.maintenance;

/** The catalog SQL of {@code get_vacuum_status}, version-aware for PostgreSQL 13-18. */
final class VacuumSql {
    private VacuumSql() {
    }

    /** Per-table reloptions that override the global autovacuum settings; absent options are NULL. */
    private static final String TABLE_OPTIONS = """
            cross join lateral (
              select max(case when o.option_name = 'autovacuum_vacuum_threshold' then o.option_value end)::float8 as threshold,
                     max(case when o.option_name = 'autovacuum_vacuum_scale_factor' then o.option_value end)::float8 as scale_factor,
                     max(case when o.option_name = 'autovacuum_vacuum_max_threshold' then o.option_value end)::float8 as max_threshold,
                     max(case when o.option_name = 'autovacuum_enabled' then o.option_value end)::bool as enabled
                from pg_options_to_table(c.reloptions) o) t
            """;

    private static final String BASE_THRESHOLD = "(coalesce(t.threshold, current_setting('autovacuum_vacuum_threshold')::float8)"
            + " + coalesce(t.scale_factor, current_setting('autovacuum_vacuum_scale_factor')::float8) * greatest(c.reltuples, 0))";

    /** PG18 caps the threshold at autovacuum_vacuum_max_threshold (-1 disables the cap). */
    private static final String MAX_THRESHOLD =
            "coalesce(t.max_threshold, current_setting('autovacuum_vacuum_max_threshold')::float8)";
    private static final String CAPPED_THRESHOLD = "(case when " + MAX_THRESHOLD + " < 0 then " + BASE_THRESHOLD
            + " else least(" + BASE_THRESHOLD + ", " + MAX_THRESHOLD + ") end)";

    static String tables(int serverVersion) {
        String threshold = serverVersion >= 180000 ? CAPPED_THRESHOLD : BASE_THRESHOLD;
        return "select s.schemaname as schema_name, s.relname as table_name, s.n_live_tup as live_tuples,"
                + " s.n_dead_tup as dead_tuples,"
                + " round(100.0 * s.n_dead_tup / nullif(s.n_live_tup + s.n_dead_tup, 0), 2)::float8 as dead_pct,"
                + " coalesce(t.enabled, true) and current_setting('autovacuum')::bool as autovacuum_enabled,"
                + " round(" + threshold + ")::bigint as autovacuum_threshold,"
                + " s.n_dead_tup > " + threshold + " as over_threshold,"
                + " s.last_vacuum, s.last_autovacuum, s.vacuum_count, s.autovacuum_count"
                + " from pg_stat_user_tables s join pg_class c on c.oid = s.relid "
                + TABLE_OPTIONS
                + " order by s.n_dead_tup desc, s.schemaname, s.relname";
    }

    static final String DATABASES = """
            select datname as database, age(datfrozenxid)::bigint as xid_age, mxid_age(datminmxid)::bigint as multixact_age,
                   current_setting('autovacuum_freeze_max_age')::bigint as freeze_max_age,
                   round(100.0 * age(datfrozenxid) / current_setting('autovacuum_freeze_max_age')::numeric, 2)::float8
                       as pct_of_freeze_max_age
              from pg_database
             order by age(datfrozenxid) desc, datname
            """;

    /** Relation names resolve only for the current database; elsewhere the oid is shown. */
    static final String RUNNING = """
            select p.pid, p.datname as database,
                   case when p.datname = current_database() then p.relid::regclass::text else p.relid::text end as relation,
                   p.phase, p.heap_blks_total, p.heap_blks_scanned, p.heap_blks_vacuumed, p.index_vacuum_count,
                   round(100.0 * p.heap_blks_scanned / nullif(p.heap_blks_total, 0), 1)::float8 as pct_scanned,
                   round(extract(epoch from now() - a.xact_start)::numeric, 1)::float8 as running_seconds,
                   a.backend_type = 'autovacuum worker' as autovacuum
              from pg_stat_progress_vacuum p
              left join pg_stat_activity a on a.pid = p.pid
             order by a.xact_start nulls last, p.pid
            """;
}
