package io.aihelpdesk.server.cli;

import io.aihelpdesk.orchestrator.Chat;
import io.aihelpdesk.orchestrator.ChatSession;
import io.aihelpdesk.orchestrator.Repl;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
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
 * {@code helpdesk chat}: the interactive helpdesk. It delegates to the orchestrator, which runs every
 * tool through this server's governance pipeline as the chatting user (door {@code chat}).
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

    @Override
    public Integer call() throws Exception {
        try (Helpdesk helpdesk = options.open();
             Terminal terminal = TerminalBuilder.builder().name("aihelpdesk").system(true).dumb(true).build()) {
            Caller me = options.localCaller("chat");
            ChatSession session = Chat.open(helpdesk.pipeline(), helpdesk.inventory(), helpdesk.audit(), me, offline, System::getenv);
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
