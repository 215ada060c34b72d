package io.aihelpdesk.tools.postgres.replication;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.postgres.SqlRunner;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

/** {@code get_replication_slots}: every slot and how much WAL it forces the server to keep. */
public final class GetReplicationSlots {
    private GetReplicationSlots() {
    }

    public record Slot(
            String slotName,
            @Describe("Output plugin of a logical slot; null for physical") String plugin,
            @Describe("physical or logical") String slotType,
            @Describe("Database of a logical slot") String database,
            @Describe("True while a consumer is connected") boolean active,
            Integer activePid,
            boolean temporary,
            String restartLsn,
            @Describe("WAL kept for this slot: current LSN (replay LSN on a standby) minus restart_lsn") Long retainedWalBytes,
            String retainedWal,
            @Describe("reserved, extended, unreserved or lost") String walStatus,
            @Describe("Bytes of WAL that can still be written before the slot is lost; null when unlimited") Long safeWalSize,
            @Describe("Since when the slot has been unused (PostgreSQL 17+)") OffsetDateTime inactiveSince,
            @Describe("Why the slot was invalidated (PostgreSQL 17+)") String invalidationReason) {
    }

    public record Reply(List<Slot> slots, int count,
                        @Describe("Inactive slots that retain WAL: the WAL directory grows until they are used or dropped")
                        List<String> inactiveRetainingWal) {
    }

    record Recovery(boolean inRecovery) {
    }

    static String sql(int version, boolean inRecovery) {
        String current = inRecovery ? "pg_last_wal_replay_lsn()" : "pg_current_wal_lsn()";
        return """
                select slot_name, plugin, slot_type, database, active, active_pid, temporary,
                       restart_lsn::text as restart_lsn,
                       pg_wal_lsn_diff(%1$s, restart_lsn)::bigint as retained_wal_bytes,
                       pg_size_pretty(pg_wal_lsn_diff(%1$s, restart_lsn)) as retained_wal,
                       wal_status, safe_wal_size, %2$s as inactive_since, %3$s as invalidation_reason
                  from pg_replication_slots
                 order by retained_wal_bytes desc nulls last, slot_name
                """.formatted(current, version >= 170000 ? "inactive_since" : "null::timestamptz",
                version >= 170000 ? "invalidation_reason" : "null::text");
    }

    static List<Slot> slots(SqlRunner sql) throws SQLException {
        boolean inRecovery = sql.one(Recovery.class, "select pg_is_in_recovery() as in_recovery")
                .map(Recovery::inRecovery).orElse(false);
        return sql.list(Slot.class, sql(sql.serverVersion(), inRecovery));
    }

    static List<Slot> inactiveRetaining(List<Slot> slots) {
        return slots.stream().filter(s -> !s.active() && s.retainedWalBytes() != null && s.retainedWalBytes() > 0)
                .toList();
    }

    /** "WARNING: inactive slot x retains 16 MB of WAL", or empty when no slot does. */
    static String warning(List<Slot> inactive) {
        return inactive.isEmpty() ? "" : "WARNING: inactive slot" + (inactive.size() == 1 ? " " : "s ")
                + inactive.stream().map(s -> s.slotName() + " retains " + s.retainedWal() + " of WAL")
                .collect(Collectors.joining(", ")) + " — consume or drop it before the WAL disk fills";
    }

    public static ToolDefinition<TargetOnly, Reply> definition() {
        return ToolDefinition.databaseRead("get_replication_slots",
                "List replication slots (physical and logical) with plugin, database, active consumer, the WAL each "
                        + "retains, wal_status and safe_wal_size. Flags inactive slots that retain WAL, a common cause "
                        + "of a full WAL disk.",
                TargetOnly.class, Reply.class, GetReplicationSlots::run);
    }

    static Result<Reply> run(TargetOnly p, ToolContext ctx) throws SQLException {
        List<Slot> slots = slots(ctx.sql());
        List<Slot> inactive = inactiveRetaining(slots);
        Reply r = new Reply(slots, slots.size(), inactive.stream().map(Slot::slotName).toList());
        if (slots.isEmpty()) {
            return Result.of(r, "No replication slots.");
        }
        String warning = warning(inactive);
        return Result.of(r, slots.size() + " replication slot" + (slots.size() == 1 ? "" : "s") + ", "
                + slots.stream().filter(Slot::active).count() + " active" + (warning.isEmpty() ? "" : "; " + warning));
    }
}
