package io.aihelpdesk.server.lab;

import io.aihelpdesk.orchestrator.AuditTrail;
import io.aihelpdesk.orchestrator.Chat;
import io.aihelpdesk.orchestrator.ChatSession;
import io.aihelpdesk.orchestrator.McpConnection;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.mcp.InProcessServer;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.faults.Fault;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The orchestrator chat as the agent under test: it gets the fault's prompt as a user would type
 * it, over an MCP session with a fresh in-process server of the lab (door {@code lab}), and answers
 * with the configured language model — or, without one, with the offline keyword router, which
 * names the fault's symptoms to {@code diagnose}. The tools it used are read back from the audit
 * trail of its trace; the top category is the first finding the answer lists, when it lists one.
 */
public final class ChatAgent implements Agent {
    private static final Pattern FIRST_FINDING = Pattern.compile("(?m)^1\\. \\[[A-Z]+\\] ([a-z_]+):");
    private final Lab lab;
    private final UnaryOperator<String> env;
    private final Caller caller = new Caller("aihelpdesk-lab", "service", List.of(), "lab");

    /** @param env where the model settings come from ({@code System::getenv}) */
    public ChatAgent(Lab lab, UnaryOperator<String> env) {
        this.lab = lab;
        this.env = env;
    }

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public Answer answer(Fault fault) throws Exception {
        try (Helpdesk h = lab.helpdesk();
             InProcessServer server = new InProcessServer(h, "lab");
             McpConnection session = McpConnection.open(server.connect(caller), "in-process")) {
            AuditTrail trail = AuditTrail.of(h.audit());
            ChatSession chat = Chat.open(session, trail, caller, false, env);
            String text = chat.ask(fault.prompt(Lab.TARGET, lab.namespace()));
            List<String> tools = trail.trace(chat.lastTrace()).stream()
                    .filter(e -> e.eventType().equals("tool_execution") && e.tool() != null).map(e -> e.tool().name()).distinct().toList();
            Matcher top = FIRST_FINDING.matcher(text);
            return new Answer(text, tools, top.find() ? top.group(1) : null, List.of());
        }
    }

    /** The agent {@code fault run --agent} names: diagnose (the triage engine) or chat. */
    public static Agent named(String name, Lab lab, UnaryOperator<String> env) {
        return switch (name == null ? "diagnose" : name) {
            case "diagnose" -> new DiagnoseAgent(lab);
            case "chat" -> new ChatAgent(lab, env);
            default -> throw new IllegalArgumentException("unknown agent '" + name + "': diagnose or chat");
        };
    }
}
