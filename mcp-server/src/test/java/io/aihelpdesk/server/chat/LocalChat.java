package io.aihelpdesk.server.chat;

import io.aihelpdesk.orchestrator.AuditTrail;
import io.aihelpdesk.orchestrator.Chat;
import io.aihelpdesk.orchestrator.ChatSession;
import io.aihelpdesk.orchestrator.McpConnection;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.mcp.InProcessServer;
import io.aihelpdesk.tools.Caller;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** A chat as {@code helpdesk chat} opens it: an MCP client session with an in-process server of {@code helpdesk}. */
final class LocalChat {
    private static final Map<Helpdesk, InProcessServer> SERVERS = new ConcurrentHashMap<>();

    private LocalChat() {
    }

    static ChatSession open(Helpdesk helpdesk, Caller caller, boolean offline, UnaryOperator<String> env) {
        InProcessServer server = SERVERS.computeIfAbsent(helpdesk, h -> new InProcessServer(h, Chat.DOOR));
        return Chat.open(McpConnection.open(server.connect(caller), "in-process"), AuditTrail.of(helpdesk.audit()), caller, offline, env);
    }
}
