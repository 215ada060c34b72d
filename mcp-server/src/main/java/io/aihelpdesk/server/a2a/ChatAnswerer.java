package io.aihelpdesk.server.a2a;

import io.aihelpdesk.a2a.TextAnswerer;
import io.aihelpdesk.orchestrator.AuditTrail;
import io.aihelpdesk.orchestrator.Chat;
import io.aihelpdesk.orchestrator.Database;
import io.aihelpdesk.orchestrator.McpConnection;
import io.aihelpdesk.orchestrator.ModelChat;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.InventoryView;
import io.aihelpdesk.server.mcp.InProcessServer;
import io.aihelpdesk.tools.Caller;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Text parts of A2A messages, answered by the chat: one MCP session per question with this server's
 * in-process MCP surface, as the A2A caller, so every tool the chat runs is governed and audited
 * (door {@code a2a}) under the message's trace id. With a language model, a domain agent's question
 * goes straight to that agent of the chat (its prompt and tools) and {@code helpdesk_orchestrator}'s
 * to the router; without one (or with unusable model settings) the chat answers offline (keywords
 * to {@code diagnose}).
 */
public final class ChatAnswerer implements TextAnswerer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatAnswerer.class);
    /** The A2A agents that are domain agents of the chat, by the chat's agent ids. */
    private static final Map<String, String> CHAT_AGENTS = Map.of(
            "postgres_database_agent", "database", "k8s_agent", "k8s", "incident_agent", "incident");
    private final Helpdesk helpdesk;
    private final InProcessServer tools;
    private final String door;
    private final UnaryOperator<String> env;
    private final ModelChat model;

    public ChatAnswerer(Helpdesk helpdesk, String door, UnaryOperator<String> env) {
        this.helpdesk = helpdesk;
        this.tools = new InProcessServer(helpdesk, door);
        this.door = door;
        this.env = env;
        ModelChat m = null;
        try {
            m = ModelChat.fromEnvironment(Database.fromInventory(InventoryView.of(helpdesk.inventory())), AuditTrail.of(helpdesk.audit()), env);
        } catch (IllegalArgumentException e) {
            LOG.warn("A2A text questions are answered offline: the language model is misconfigured: {}", e.getMessage());
        }
        this.model = m;
    }

    @Override
    public String answer(String question, Caller caller, String traceId, String agent) {
        return answer(question, caller, traceId, agent, null);
    }

    /** The router's answer streams to {@code tokens} as the model produces it; a domain agent's comes whole. */
    @Override
    public String answer(String question, Caller caller, String traceId, String agent, java.util.function.Consumer<String> tokens) {
        try (McpConnection connection = McpConnection.open(tools.connect(caller), "in-process")) {
            if (model == null) {
                return Chat.open(connection, AuditTrail.of(helpdesk.audit()), caller, true, env).ask(question, traceId, null);
            }
            ModelChat.Answer a = model.ask(new ModelChat.Question(question, connection, caller, traceId, door, CHAT_AGENTS.get(agent)), tokens);
            if (a.error() != null) {
                throw new IllegalStateException(a.error());
            }
            return a.text();
        }
    }

    @Override
    public void close() {
        tools.close();
    }
}
