package io.aihelpdesk.tools.triage.playbooks;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.inventory.Inventory;
import java.util.function.Predicate;

/**
 * {@code get_playbook}: one playbook with its steps, rendered for a target when one is given. The
 * text rendering is the step-by-step guide; the structured result is the playbook itself.
 */
public final class GetPlaybook {
    private GetPlaybook() {
    }

    public record Params(
            @Param(value = "Playbook id (e.g. pb_lock_blocking) or a problem class (e.g. lock_blocking)", required = true) String id,
            @Param("The database the playbook is for: an inventory id (preferred) or a connection string; fills {{target}}, "
                    + "and {{namespace}}, {{context}} and {{selector}} from its Kubernetes placement in the inventory") String target,
            @Param("Kubernetes namespace, when it is not the inventory's (fills {{namespace}})") String namespace) {
    }

    public record Reply(
            Playbook playbook,
            @Describe("Where the target runs, from the inventory; empty when unknown") String placement) {
    }

    /** @param available whether a tool is offered by this server (remediation tools may not be yet) */
    public static ToolDefinition<Params, Reply> definition(Playbooks playbooks, Predicate<String> available) {
        return new ToolDefinition<>("get_playbook",
                "Get one troubleshooting playbook: symptoms, the investigation steps in order (tool, arguments, what to "
                        + "look for), remediation steps with their effect (read/write/destructive) and whether an approval "
                        + "is expected, and when to escalate with an incident bundle. Give target (an inventory database id) "
                        + "to get the arguments filled in. Touches no target.",
                Effect.READ, TargetKind.NONE, Params.class, Reply.class,
                (p, ctx) -> run(p, playbooks, ctx.inventory(), available));
    }

    static Result<Reply> run(Params p, Playbooks playbooks, Inventory inventory, Predicate<String> available) throws ToolFailure {
        String id = p.id().trim();
        Playbook pb = playbooks.find(id).or(() -> playbooks.forCategory(id)).orElseThrow(() -> new ToolFailure(new Diagnosis(
                "playbook_not_found", "no playbook '" + id + "'",
                "known playbooks: " + String.join(", ", playbooks.ids()), "")));
        Placeholders values = Placeholders.of(inventory, p.target(), p.namespace());
        Playbook rendered = pb.render(values);
        return Result.of(new Reply(rendered, values.placement()), PlaybookGuide.text(rendered, values.placement(), available));
    }
}
