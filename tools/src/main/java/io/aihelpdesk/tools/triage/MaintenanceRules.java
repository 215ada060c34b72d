package io.aihelpdesk.tools.triage;

import io.aihelpdesk.tools.postgres.maintenance.GetIndexHealth;
import io.aihelpdesk.tools.postgres.maintenance.GetSequenceHealth;
import io.aihelpdesk.tools.postgres.maintenance.GetVacuumStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dead tuples, vacuum that is not keeping up, transaction-id age, sequences and indexes. */
final class MaintenanceRules {
    static final double BLOAT_PCT = 20;
    static final long BLOAT_MIN_DEAD = 10_000;
    static final double BLOAT_HIGH_PCT = 50;
    static final long VACUUM_LAG_MIN_DEAD = 1_000;

    private MaintenanceRules() {
    }

    static List<Finding> vacuum(Evidence e, Scope s) {
        GetVacuumStatus.Reply r = e.reply("get_vacuum_status", GetVacuumStatus.Reply.class);
        if (r == null) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        List<GetVacuumStatus.TableVacuum> bloated = r.tables().stream()
                .filter(t -> t.deadPct() != null && t.deadPct() >= BLOAT_PCT && t.deadTuples() != null && t.deadTuples() >= BLOAT_MIN_DEAD)
                .toList();
        for (GetVacuumStatus.TableVacuum t : bloated) {
            String table = t.schemaName() + "." + t.tableName();
            boolean high = t.deadPct() >= BLOAT_HIGH_PCT;
            out.add(Finding.of("table_bloat", high ? Severity.HIGH : Severity.MEDIUM, 0.9,
                    table + " is " + t.deadPct() + "% dead tuples (" + t.deadTuples() + " dead, " + t.liveTuples() + " live)",
                    table(t, "dead tuples at least " + BLOAT_PCT + "% of the table and at least " + BLOAT_MIN_DEAD + "; high from "
                            + BLOAT_HIGH_PCT + "%"),
                    "Dead row versions take space and are read by every sequential scan, so the table grows and scans slow down"
                            + (Boolean.FALSE.equals(t.autovacuumEnabled()) ? ". Autovacuum is DISABLED on this table "
                            + "(reloption autovacuum_enabled=false), so nothing will clean it" : "")
                            + ". VACUUM makes the space reusable; VACUUM FULL or pg_repack returns it to the OS.",
                    List.of(NextStep.read("get_table_stats", s.db("schema_name", t.schemaName(), "table_name", t.tableName()),
                                    "size, scans and last (auto)vacuum of the table"),
                            NextStep.read("get_long_transactions", s.db(), "an old transaction would stop vacuum from cleaning"),
                            NextStep.change("run_vacuum", s.db("table", table, "analyze", true), "WRITE", "reclaim the dead tuples"))));
        }
        for (GetVacuumStatus.TableVacuum t : r.tables()) {
            if (!t.overThreshold() || bloated.contains(t) || t.deadTuples() == null || t.deadTuples() < VACUUM_LAG_MIN_DEAD) {
                continue;
            }
            String table = t.schemaName() + "." + t.tableName();
            boolean off = Boolean.FALSE.equals(t.autovacuumEnabled());
            out.add(Finding.of("vacuum_lag", off ? Severity.MEDIUM : Severity.LOW, off ? 0.85 : 0.6,
                    table + " has " + t.deadTuples() + " dead tuples, past its autovacuum threshold of " + t.autovacuumThreshold()
                            + (off ? " — autovacuum is disabled on it" : ""),
                    table(t, "dead tuples above autovacuum_vacuum_threshold + autovacuum_vacuum_scale_factor * reltuples"),
                    off ? "Autovacuum is switched off for this table, so it will never be vacuumed automatically."
                            : "Autovacuum has not processed the table since it crossed its threshold: workers busy elsewhere, "
                            + "cost limits too low, or a long transaction holding back cleanup.",
                    List.of(NextStep.read("get_vacuum_status", s.db(), "running vacuums and other tables waiting"),
                            NextStep.change("run_vacuum", s.db("table", table), "WRITE", "vacuum it now"))));
        }
        xid(r, s).ifPresent(out::add);
        return out;
    }

    private static java.util.Optional<Finding> xid(GetVacuumStatus.Reply r, Scope s) {
        GetVacuumStatus.DatabaseXidAge worst = r.databases().stream().filter(d -> d.pctOfFreezeMaxAge() != null)
                .max(java.util.Comparator.comparingDouble(GetVacuumStatus.DatabaseXidAge::pctOfFreezeMaxAge)).orElse(null);
        if (worst == null || worst.pctOfFreezeMaxAge() < 50) {
            return java.util.Optional.empty();
        }
        double pct = worst.pctOfFreezeMaxAge();
        Severity sev = pct >= 90 ? Severity.CRITICAL : pct >= 75 ? Severity.HIGH : Severity.MEDIUM;
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("database", worst.database());
        ev.put("xid_age", worst.xidAge());
        ev.put("autovacuum_freeze_max_age", worst.freezeMaxAge());
        ev.put("pct_of_freeze_max_age", pct);
        ev.put("threshold", "medium at 50% of autovacuum_freeze_max_age, high at 75%, critical at 90%");
        return java.util.Optional.of(Finding.of("xid_wraparound_risk", sev, 0.95,
                "Database " + worst.database() + " is at " + pct + "% of autovacuum_freeze_max_age (xid age " + worst.xidAge() + ")",
                ev, "Transaction ids are 32-bit: past about 2 billion the server stops accepting writes to protect the data. "
                        + "Anti-wraparound vacuums should be freezing old rows; something (a long transaction, an abandoned "
                        + "replication slot or prepared transaction, disabled autovacuum) is holding the horizon back.",
                List.of(NextStep.read("get_long_transactions", s.db(), "old transactions holding xmin"),
                        NextStep.read("get_replication_slots", s.db(), "slots holding back xmin"),
                        NextStep.read("get_vacuum_status", s.db(), "which vacuums are running"))));
    }

    private static Map<String, Object> table(GetVacuumStatus.TableVacuum t, String threshold) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("table", t.schemaName() + "." + t.tableName());
        ev.put("dead_tuples", t.deadTuples());
        ev.put("live_tuples", t.liveTuples());
        ev.put("dead_pct", t.deadPct());
        ev.put("autovacuum_enabled", t.autovacuumEnabled());
        ev.put("autovacuum_threshold", t.autovacuumThreshold());
        ev.put("last_autovacuum", t.lastAutovacuum() == null ? null : t.lastAutovacuum().toString());
        ev.put("last_vacuum", t.lastVacuum() == null ? null : t.lastVacuum().toString());
        ev.put("threshold", threshold);
        return ev;
    }

    static List<Finding> sequences(Evidence e, Scope s) {
        GetSequenceHealth.Reply r = e.reply("get_sequence_health", GetSequenceHealth.Reply.class);
        if (r == null) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (GetSequenceHealth.SequenceUse q : r.sequences()) {
            if (!q.atRisk() || q.pctUsed() == null) {
                continue;
            }
            String name = q.schemaName() + "." + q.sequenceName();
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("sequence", name);
            ev.put("data_type", q.dataType());
            ev.put("last_value", q.lastValue());
            ev.put("max_value", q.maxValue());
            ev.put("pct_used", q.pctUsed());
            ev.put("cycle", q.cycle());
            ev.put("threshold", "high at 75% of the sequence's range, critical at 90%");
            out.add(Finding.of("sequence_exhaustion", q.pctUsed() >= 90 ? Severity.CRITICAL : Severity.HIGH, 0.95,
                    name + " (" + q.dataType() + ") has used " + q.pctUsed() + "% of its range", ev,
                    "When the sequence reaches its maximum, every insert that needs a new value fails with 'nextval: reached "
                            + "maximum value'. Widen it (ALTER SEQUENCE … AS bigint and the column to bigint) before it runs out.",
                    List.of(NextStep.read("get_sequence_health", s.db(), "all sequences and their use"))));
        }
        return out;
    }

    static List<Finding> indexes(Evidence e, Scope s) {
        GetIndexHealth.Reply r = e.reply("get_index_health", GetIndexHealth.Reply.class);
        if (r == null) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (GetIndexHealth.IndexInfo i : r.invalidIndexes()) {
            out.add(Finding.of("invalid_index", Severity.HIGH, 0.95,
                    "Index " + i.schemaName() + "." + i.indexName() + " on " + i.tableName() + " is INVALID",
                    Map.of("index", i.schemaName() + "." + i.indexName(), "table", i.tableName(), "definition", String.valueOf(i.definition()),
                            "size", String.valueOf(i.indexSize()), "threshold", "pg_index.indisvalid = false"),
                    "An invalid index (left by a failed CREATE INDEX CONCURRENTLY or REINDEX) is maintained on every write "
                            + "but never used by queries; if it backs a unique constraint, uniqueness is not enforced by it. "
                            + "Drop it and build it again.",
                    List.of(NextStep.read("get_index_health", s.db(), "every invalid, duplicate and unused index"))));
        }
        if (!r.duplicateIndexes().isEmpty() || !r.unusedIndexes().isEmpty()) {
            long bytes = r.duplicateIndexes().stream().mapToLong(d -> d.totalBytes() == null ? 0 : d.totalBytes()).sum()
                    + r.unusedIndexes().stream().mapToLong(i -> i.indexBytes() == null ? 0 : i.indexBytes()).sum();
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("duplicates", r.duplicateIndexes().stream().map(d -> d.schemaName() + "." + d.tableName() + ": "
                    + String.join(" = ", d.indexNames())).limit(10).toList());
            ev.put("unused", r.unusedIndexes().stream().map(i -> i.schemaName() + "." + i.indexName() + " (" + i.indexSize() + ")")
                    .limit(10).toList());
            ev.put("bytes", bytes);
            ev.put("stats_reset", r.statsReset() == null ? null : r.statsReset().toString());
            ev.put("threshold", "identical definitions, or zero scans since statistics were reset (constraint indexes excluded)");
            out.add(Finding.of("unused_or_duplicate_index", bytes >= 1L << 30 ? Severity.MEDIUM : Severity.LOW, 0.7,
                    r.duplicateIndexes().size() + " duplicate set(s) and " + r.unusedIndexes().size() + " unused index(es)",
                    ev, "Every index slows writes and takes space and cache; duplicates and never-used ones buy nothing. "
                            + "Check replicas and rare reports before dropping an 'unused' one: statistics are per server.",
                    List.of(NextStep.read("get_index_health", s.db(), "the full list with definitions"))));
        }
        return out;
    }
}
