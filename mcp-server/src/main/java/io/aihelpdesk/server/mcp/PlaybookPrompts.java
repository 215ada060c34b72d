package io.aihelpdesk.server.mcp;

import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.triage.playbooks.Placeholders;
import io.aihelpdesk.tools.triage.playbooks.Playbook;
import io.aihelpdesk.tools.triage.playbooks.PlaybookGuide;
import io.aihelpdesk.tools.triage.playbooks.Playbooks;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One MCP prompt per playbook (name = playbook id, description = title) with one argument,
 * {@code target}: an inventory database id. Getting the prompt renders the playbook for that
 * database (its Kubernetes namespace and cluster from the inventory) into a user message that walks
 * the agent through the steps in order. Prompts run nothing: the agent calls the tools, through the
 * governed pipeline, as always.
 */
final class PlaybookPrompts {
    static final String TARGET = "target";

    private PlaybookPrompts() {
    }

    static List<SyncPromptSpecification> specifications(Playbooks playbooks, Inventory inventory, Predicate<String> available) {
        return playbooks.all().stream().map(pb -> new SyncPromptSpecification(prompt(pb),
                (exchange, request) -> get(pb, inventory, available, request.arguments()))).toList();
    }

    static McpSchema.Prompt prompt(Playbook pb) {
        return McpSchema.Prompt.builder(pb.id()).title(pb.title()).description(pb.title())
                .arguments(List.of(new McpSchema.PromptArgument(TARGET, "Database",
                        "The database to troubleshoot: an inventory database id (see resource helpdesk://inventory)", true)))
                .build();
    }

    static McpSchema.GetPromptResult get(Playbook pb, Inventory inventory, Predicate<String> available, Map<String, Object> arguments) {
        Object raw = arguments == null ? null : arguments.get(TARGET);
        String target = raw == null ? "" : raw.toString().trim();
        if (!target.isEmpty() && inventory.configured() && inventory.database(target).isEmpty()) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("target '" + target + "' is not an inventory database; known databases: "
                            + String.join(", ", inventory.dbServers().keySet()))
                    .build();
        }
        McpSchema.PromptMessage message = new McpSchema.PromptMessage(McpSchema.Role.USER,
                McpSchema.TextContent.builder(text(pb, inventory, available, target)).build());
        return McpSchema.GetPromptResult.builder(List.of(message)).description(pb.title()).build();
    }

    /** The user message: what to do, for which database, then the playbook itself. */
    static String text(Playbook pb, Inventory inventory, Predicate<String> available, String target) {
        Placeholders values = Placeholders.of(inventory, target, null);
        String subject = target.isEmpty() ? "the database I name (ask me which one if I have not said)" : "database " + target;
        return "Troubleshoot " + subject + " for this problem: " + pb.title() + ". Follow playbook " + pb.id() + " (version "
                + pb.version() + ").\n"
                + "Run the investigation steps in order with the aiHelpDesk tools"
                + (target.isEmpty() ? ", putting the database in place of {{target}} and its Kubernetes namespace in place "
                + "of {{namespace}}; leave out context and labels arguments you cannot fill ({{context}}, {{selector}})" : "")
                + ". After each step, say briefly what the evidence shows against its \"Look for\" before moving on; "
                + "if a step fails or a tool is not offered, say so and continue. Stop investigating once the evidence "
                + "establishes or rules out the problem, and state the root cause with the evidence that supports it.\n"
                + "Then propose the remediation steps that fit, with their effect. Do not run a WRITE or DESTRUCTIVE step "
                + "without my explicit go-ahead. If an escalation condition holds, say so and offer to create an incident "
                + "bundle with create_incident_bundle.\n\n"
                + PlaybookGuide.text(pb.render(values), values.placement(), available);
    }
}
