package io.aihelpdesk.tools.rollback;

import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import java.util.List;

/** {@code list_rollbacks}: the reversible actions on record, newest first, with how each would be undone. */
public final class ListRollbacks {
    private ListRollbacks() {
    }

    public record Params(
            @Param(value = "Only entries in this status; empty: all", allowed = {RollbackEntry.AVAILABLE,
                    RollbackEntry.ROLLING_BACK, RollbackEntry.ROLLED_BACK}) String status,
            @Param(value = "At most this many entries", defaultValue = "50", min = 1, max = 1000) int limit) {
    }

    public record Reply(List<RollbackEntry> rollbacks, int count) {
    }

    public static ToolDefinition<Params, Reply> definition(RollbackJournal journal) {
        return new ToolDefinition<>("list_rollbacks",
                "List reversible actions taken through aihelpdesk (scale, setting changes, WAL replay pause/resume), "
                        + "newest first: what changed, the state before, the call that undoes it and whether it was "
                        + "already rolled back. Pass an action_id to rollback_action.",
                Effect.READ, TargetKind.NONE, Params.class, Reply.class, (p, ctx) -> run(p, ctx, journal));
    }

    static Result<Reply> run(Params p, ToolContext ctx, RollbackJournal journal) {
        List<RollbackEntry> entries = journal.list(p.status(), p.limit());
        long available = entries.stream().filter(e -> RollbackEntry.AVAILABLE.equals(e.status())).count();
        return Result.of(new Reply(entries, entries.size()), entries.isEmpty() ? "No reversible actions on record."
                : entries.size() + " reversible action" + (entries.size() == 1 ? "" : "s") + ", " + available
                + " available to roll back.");
    }
}
