package io.aihelpdesk.server.a2a;

import io.aihelpdesk.a2a.TextAnswerer;
import io.aihelpdesk.orchestrator.AuditTrail;
import io.aihelpdesk.orchestrator.Chat;
import io.aihelpdesk.orchestrator.ChatSession;
import io.aihelpdesk.orchestrator.McpConnection;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.mcp.InProcessServer;
import io.aihelpdesk.tools.Caller;
import java.util.function.UnaryOperator;

/**
 * Text parts of A2A messages, answered by the chat: one MCP session per question with this
 * server's in-process MCP surface, as the A2A caller, so every tool the chat runs is governed and
 * audited (door {@code a2a}) under the message's trace id. With no language model configured the
 * chat answers offline (keywords to {@code diagnose}).
 */
public final class ChatAnswerer implements TextAnswerer, AutoCloseable {
    private final Helpdesk helpdesk;
    private final InProcessServer tools;
    private final UnaryOperator<String> env;

    public ChatAnswerer(Helpdesk helpdesk, String door, UnaryOperator<String> env) {
        this.helpdesk = helpdesk;
        this.tools = new InProcessServer(helpdesk, door);
        this.env = env;
    }

    @Override
    public String answer(String question, Caller caller, String traceId, String agent) {
        try (McpConnection connection = McpConnection.open(tools.connect(caller), "in-process")) {
            ChatSession session = Chat.open(connection, AuditTrail.of(helpdesk.audit()), caller, false, env);
            return session.ask(question, traceId, null);
        }
    }

    @Override
    public void close() {
        tools.close();
    }
}
