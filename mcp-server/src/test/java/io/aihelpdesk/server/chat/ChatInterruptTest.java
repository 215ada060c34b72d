package io.aihelpdesk.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.orchestrator.ChatSession;
import io.aihelpdesk.orchestrator.Repl;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C (SIGINT delivered to the terminal) at the prompt clears the line; during an answer it abandons
 * that answer, not the program. The slow answer is a triage of a "database" that accepts TCP
 * connections and never speaks, so the turn lasts its whole time budget.
 */
class ChatInterruptTest {
    @Test
    void ctrl_c_cancels_the_current_answer_and_the_chat_goes_on() throws Exception {
        Path dir = Files.createTempDirectory("chat-int-");
        try (ServerSocket silent = new ServerSocket(0)) {
            Path inv = Files.writeString(dir.resolve("inventory.yaml"), "version: \"1\"\ndb_servers:\n  mute:\n    name: Mute\n"
                    + "    connection_string: \"host=127.0.0.1 port=" + silent.getLocalPort() + " dbname=x user=x\"\n");
            try (Helpdesk helpdesk = new Helpdesk(InventoryLoader.load(inv), PostgresSettings.defaults(),
                    GovernanceOptions.auditOnly(dir.resolve("audit.db")));
                 PipedOutputStream keys = new PipedOutputStream();
                 PipedInputStream in = new PipedInputStream(keys)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, in, out, StandardCharsets.UTF_8);
                ChatSession session = LocalChat.open(helpdesk, new Caller("finn", "user", List.of(), "chat"), false, k -> null);
                Thread repl = new Thread(() -> new Repl(session, terminal, null, session.banner()).run());
                repl.start();
                Predicate<String> shown = s -> out.toString(StandardCharsets.UTF_8).contains(s);

                await(shown, "you> ");
                terminal.raise(Terminal.Signal.INT);
                await(shown, "(Ctrl-C: line cleared");

                keys.write("is mute down?\n".getBytes(StandardCharsets.UTF_8));
                keys.flush();
                Thread.sleep(500); // the triage now waits on the mute server for its whole budget (5 s)
                terminal.raise(Terminal.Signal.INT);
                await(shown, "(cancelled;");

                keys.write("/databases\n/quit\n".getBytes(StandardCharsets.UTF_8));
                keys.flush();
                repl.join(30_000);
                assertThat(repl.isAlive()).isFalse();
                String text = out.toString(StandardCharsets.UTF_8);
                assertThat(text).contains("mute", "bye").doesNotContain("helpdesk> →");
                terminal.close();
            }
        }
    }

    private static void await(Predicate<String> shown, String text) throws InterruptedException {
        for (int i = 0; i < 300 && !shown.test(text); i++) {
            Thread.sleep(50);
        }
        assertThat(shown.test(text)).as("output shows " + text).isTrue();
    }
}
