package io.aihelpdesk.tools.rollback;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.remediation.DryRun;

/**
 * {@code rollback_action}: undo a recorded reversible action by running its inverse call as a
 * nested call ({@link ToolContext#call}), so the inverse goes through the same governance as any
 * call: policy decides it against its real target, it may need approval, and it is audited as its
 * own event under this call's trace id. The entry is claimed first, so an action is rolled back at
 * most once; a refused, pending or failed inverse leaves it available.
 */
public final class RollbackAction {
    private RollbackAction() {
    }

    public record Params(
            @Param(value = "The action to undo (list_rollbacks shows them)", required = true) String actionId,
            @Param(value = DryRun.PARAM, defaultValue = "false") boolean dryRun) {
    }

    public record Reply(
            boolean dryRun,
            RollbackEntry action,
            @Describe("How the inverse call ended: succeeded, pending_approval") String inverseOutcome,
            @Describe("The approval to obtain when the inverse call waits for one") String approvalId,
            @Describe("The inverse call's own summary") String inverseSummary,
            Boolean verified,
            String evidence) {
    }

    public static ToolDefinition<Params, Reply> definition(RollbackJournal journal) {
        return new ToolDefinition<>("rollback_action",
                "Undo a reversible action recorded by a remediation tool (list_rollbacks): runs its inverse call (e.g. "
                        + "scale back to the previous replicas, set the previous setting value) through the same policy, "
                        + "approval and audit as any call. dry_run=true shows the inverse call only. An action is rolled "
                        + "back at most once.",
                Effect.WRITE, TargetKind.NONE, Params.class, Reply.class, (p, ctx) -> run(p, ctx, journal));
    }

    static Result<Reply> run(Params p, ToolContext ctx, RollbackJournal journal) throws ToolFailure {
        String id = p.actionId().trim();
        RollbackEntry entry = journal.find(id).orElseThrow(() -> new ToolFailure(new Diagnosis("rollback_not_found",
                "no reversible action with id '" + id + "'", "list_rollbacks shows the recorded actions", "")));
        String call = entry.inverseTool() + " " + entry.inverseArguments();
        if (!RollbackEntry.AVAILABLE.equals(entry.status())) {
            throw new ToolFailure(new Diagnosis("rollback_unavailable", "action " + id + " is " + entry.status()
                    + (entry.rolledBackAt() == null ? "" : " (at " + entry.rolledBackAt() + ", trace " + entry.rollbackTrace() + ")"),
                    "an action is rolled back once; list_rollbacks shows its state", ""));
        }
        if (p.dryRun()) {
            return Result.of(new Reply(true, entry, null, null, null, null, DryRun.NOT_RUN),
                    "Dry run: would undo " + entry.tool() + " on " + entry.target() + " (" + entry.description() + ") by calling " + call + ".");
        }
        if (!journal.claim(id)) {
            throw new ToolFailure(new Diagnosis("rollback_unavailable", "action " + id + " is being rolled back by another call",
                    "list_rollbacks shows its state", ""));
        }
        Outcome o;
        try {
            o = ctx.call(entry.inverseTool(), entry.inverseArguments());
        } catch (RuntimeException e) {
            journal.release(id);
            throw e;
        }
        if (o instanceof Outcome.Succeeded s) {
            journal.complete(id, ctx.invocation().traceId());
            Object verified = s.data().get("verified");
            Object evidence = s.data().get("evidence");
            String summary = s.text().lines().findFirst().orElse("");
            return Result.of(new Reply(false, journal.find(id).orElse(entry), "succeeded", null, summary,
                            verified instanceof Boolean b ? b : null, evidence == null ? null : evidence.toString()),
                    "Rolled back " + id + " (" + entry.description() + ") with " + entry.inverseTool() + ": " + summary);
        }
        journal.release(id);
        if (o instanceof Outcome.PendingApproval pa) {
            return Result.of(new Reply(false, entry, "pending_approval", pa.approvalId(), pa.message(), null,
                            "the inverse call waits for approval; nothing was changed"),
                    "The rollback of " + id + " (" + call + ") needs approval " + pa.approvalId() + ": " + pa.message()
                            + ". Once approved, call rollback_action again.");
        }
        throw new ToolFailure(new Diagnosis("rollback_refused", "the inverse call " + call + " did not run to completion: "
                + o.text(), "the action stays available to roll back; fix the cause (policy, target) and retry", ""));
    }
}
