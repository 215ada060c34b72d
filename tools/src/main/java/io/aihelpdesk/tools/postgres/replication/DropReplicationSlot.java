package io.aihelpdesk.tools.postgres.replication;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.postgres.TargetOnly;
import io.aihelpdesk.tools.remediation.DryRun;
import io.aihelpdesk.tools.remediation.Verification;
import io.aihelpdesk.tools.remediation.Verification.Observation;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code drop_replication_slot}: drop an inactive slot, releasing the WAL it retains. Refuses an
 * active slot (its consumer is connected). Irreversible: a dropped slot's position is lost, and a
 * consumer that comes back needs a new slot and usually a fresh copy of the data.
 */
public final class DropReplicationSlot {
    private DropReplicationSlot() {
    }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param(value = "Name of the slot (get_replication_slots)", required = true) String slotName,
            @Param(value = DryRun.PARAM, defaultValue = "false") boolean dryRun) {
    }

    public record Reply(
            boolean dryRun,
            @Describe("The slot before the drop") GetReplicationSlots.Slot slot,
            boolean reversible,
            String undo,
            Boolean verified,
            String evidence) {
    }

    static final String UNDO = "a dropped slot cannot be restored: its consumer loses its position and must be "
            + "re-created (a logical subscriber usually needs a fresh copy of the data)";

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("drop_replication_slot",
                "Drop a replication slot that has no active consumer, releasing the WAL it retains. Refuses an "
                        + "active slot. Irreversible. Shows the slot and the WAL it retains first; dry_run=true previews "
                        + "only. Verifies the slot is gone.",
                Effect.DESTRUCTIVE, TargetKind.DATABASE, Params.class, Reply.class, DropReplicationSlot::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) throws SQLException, ToolFailure {
        String name = p.slotName().trim();
        List<GetReplicationSlots.Slot> slots = GetReplicationSlots.slots(ctx.sql());
        GetReplicationSlots.Slot slot = slots.stream().filter(s -> s.slotName().equals(name)).findFirst()
                .orElseThrow(() -> new ToolFailure(new Diagnosis("slot_not_found", "no replication slot named '" + name + "'",
                        slots.isEmpty() ? "this server has no replication slots"
                                : "existing slots: " + slots.stream().map(GetReplicationSlots.Slot::slotName).limit(20).toList(), "")));
        if (slot.active()) {
            throw new ToolFailure(new Diagnosis("slot_active", "replication slot '" + name + "' is active (consumer pid "
                    + slot.activePid() + "); dropping it would break that replication stream",
                    "stop the consumer first (or terminate pid " + slot.activePid() + " if it is stuck), then retry", ""));
        }
        String retained = slot.retainedWal() == null ? "unknown WAL" : slot.retainedWal() + " of WAL";
        if (p.dryRun()) {
            return Result.of(new Reply(true, slot, false, UNDO, null, DryRun.NOT_RUN), "Dry run: would drop inactive "
                    + slot.slotType() + " slot '" + name + "' retaining " + retained + ". Irreversible: " + UNDO + ".");
        }
        ctx.sql().rows("select pg_drop_replication_slot(?)::text as dropped", name);
        Verification v = Verification.poll(Verification.DATABASE, () -> {
            boolean present = !ctx.sql().rows("select 1 from pg_replication_slots where slot_name = ?", name).isEmpty();
            return present ? Observation.pending("slot '" + name + "' is still listed in pg_replication_slots")
                    : Observation.done("slot '" + name + "' is no longer in pg_replication_slots");
        });
        return Result.of(new Reply(false, slot, false, UNDO, v.verified(), v.evidence()), "Dropped " + slot.slotType()
                + " slot '" + name + "' (retained " + retained + ")" + (v.verified() ? "; verified: " : "; NOT verified: ")
                + v.evidence() + ".");
    }
}
