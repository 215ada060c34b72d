package io.aihelpdesk.server.cli;

import io.aihelpdesk.orchestrator.AuditTrail;
import io.aihelpdesk.orchestrator.Chat;
import io.aihelpdesk.orchestrator.McpConnection;
import io.aihelpdesk.orchestrator.ChatSession;
import io.aihelpdesk.orchestrator.Repl;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.mcp.InProcessServer;
import io.aihelpdesk.tools.Caller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code helpdesk chat}: the interactive helpdesk. The orchestrator is an MCP client: of a server
 * started in this process (in-process transport; calls audited as the chatting user, door
 * {@code chat}), or of a remote {@code helpdesk serve} with {@code --server URL} (calls audited there as
 * the identity of the API key in {@code HELPDESK_SERVER_API_KEY}).
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Interactive chat: ask about your databases in plain words. With HELPDESK_MODEL_VENDOR (anthropic, gemini, "
                + "openai, ollama) and HELPDESK_API_KEY a model answers using the governed tools; without (or with --offline) questions are routed "
                + "by keywords to the diagnose triage and its playbooks.",
        footer = {"", "Example: helpdesk chat --inventory inventory.yaml", "         echo 'are there locks on demo?' | helpdesk chat --offline"})
final class ChatCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--offline", description = "Route questions by keywords even when a model is configured.")
    boolean offline;

    @Option(names = "--no-history", description = "Do not read or write the history file (~/.local/state/aihelpdesk/chat_history).")
    boolean noHistory;

    @Option(names = "--server", paramLabel = "URL", description = "Chat with a remote helpdesk serve (e.g. http://10.0.0.5:8080) instead of "
            + "a server in this process; its API key comes from HELPDESK_SERVER_API_KEY. --inventory and the governance options then do not apply.")
    String server;

    @Override
    public Integer call() throws Exception {
        Caller me = options.localCaller(Chat.DOOR);
        if (server != null) {
            String key = EnvDefaults.text(null, "HELPDESK_SERVER_API_KEY", null);
            McpConnection connection;
            try {
                connection = McpConnection.remote(server, key);
            } catch (RuntimeException e) {
                System.err.println("ERROR — " + e.getMessage() + (key == null ? " (no HELPDESK_SERVER_API_KEY set: a server that requires "
                        + "authentication refuses the session)" : ""));
                return 1;
            }
            try (connection) {
                return chat(Chat.open(connection, Chat.remoteTrail(server, key), me, offline, io.aihelpdesk.server.config.Environment.current()));
            }
        }
        try (Helpdesk helpdesk = options.open();
             InProcessServer local = new InProcessServer(helpdesk, Chat.DOOR);
             McpConnection connection = McpConnection.open(local.connect(me), "in-process")) {
            return chat(Chat.open(connection, AuditTrail.of(helpdesk.audit()), me, offline, io.aihelpdesk.server.config.Environment.current()));
        }
    }

    private int chat(ChatSession session) throws java.io.IOException {
        try (Terminal terminal = TerminalBuilder.builder().name("aihelpdesk").system(true).dumb(true).build()) {
            new Repl(session, terminal, noHistory ? null : history(), session.banner()).run();
        }
        return 0;
    }

    private static Path history() throws java.io.IOException {
        Path dir = GovernanceOptions.defaultAuditDb().getParent();
        Files.createDirectories(dir);
        return dir.resolve("chat_history");
    }
}
