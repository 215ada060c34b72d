package io.aihelpdesk.orchestrator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;

/**
 * The interactive loop (JLine 3): {@code you> } prompts, answers streamed as the model writes them,
 * history (kept in a file when one is given),
 * a trailing {@code \} continues a question on the next line, Ctrl-C at the prompt clears the line and
 * during an answer abandons that answer (not the program), Ctrl-D or {@code /quit} leaves.
 */
public final class Repl {
    static final String HELP = """
            Ask about a database in plain words, e.g. "why is demo slow?", "are there locks on demo?",
            "is the orders pod crash looping?". With a model, it answers using the governed tools. Offline,
            each question runs the diagnose triage on the database it names (or the only one), focused by
            your keywords, and names the matching playbook.
            End a line with \\ to continue on the next one.

              /databases   the inventory's databases
              /tools       the governed tools
              /agents      the domain agents a model delegates to, and their tools
              /trace       the audit events of the last question
              /model       which language model answers (or why the chat is offline)
              /help        this text
              /quit        leave (also Ctrl-D)""";
    private final ChatSession session;
    private final Terminal terminal;
    private final Path historyFile;
    private final String banner;

    /**
     * @param historyFile where to keep input history across sessions, or null for this session only
     * @param banner      first lines printed (says whether a model is in use)
     */
    public Repl(ChatSession session, Terminal terminal, Path historyFile, String banner) {
        this.session = session;
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.banner = banner;
    }

    public void run() {
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("aihelpdesk")
                .completer(new StringsCompleter("/databases", "/tools", "/trace", "/model", "/agents", "/help", "/quit"))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        LineReader reader = builder.build();
        PrintWriter out = terminal.writer();
        out.println(banner);
        out.flush();
        ExecutorService turns = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "chat-turn");
            t.setDaemon(true);
            return t;
        });
        try {
            while (true) {
                String line;
                try {
                    line = read(reader);
                } catch (UserInterruptException e) {
                    out.println("(Ctrl-C: line cleared; /quit or Ctrl-D to leave)");
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                if (line.isBlank()) {
                    continue;
                }
                if (line.equals("/quit") || line.equals("/exit")) {
                    break;
                }
                out.println(answer(line.trim(), turns));
                out.flush();
            }
            out.println("bye");
            out.flush();
        } finally {
            turns.shutdownNow();
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                terminal.writer().println("history not saved: " + e.getMessage());
            }
        }
    }

    /** One input, with {@code \}-continued lines joined. */
    private static String read(LineReader reader) {
        StringBuilder s = new StringBuilder();
        String line = reader.readLine("you> ");
        while (line.endsWith("\\")) {
            s.append(line, 0, line.length() - 1).append(' ');
            line = reader.readLine("...> ");
        }
        return s.append(line).toString();
    }

    private String answer(String line, ExecutorService turns) {
        if (line.startsWith("/")) {
            return switch (line.split("\\s+")[0]) {
                case "/help" -> HELP;
                case "/databases" -> session.databases();
                case "/tools" -> session.tools();
                case "/trace" -> session.trace();
                case "/model" -> session.model();
                case "/agents" -> session.agents();
                default -> "Unknown command " + line.split("\\s+")[0] + ". /help lists the commands.";
            };
        }
        PrintWriter out = terminal.writer();
        out.print("helpdesk> ");
        out.flush();
        Future<String> turn = turns.submit(() -> session.ask(line, piece -> {
            out.print(piece);
            out.flush();
        }));
        AtomicReference<Terminal.SignalHandler> previous = new AtomicReference<>();
        previous.set(terminal.handle(Terminal.Signal.INT, signal -> turn.cancel(true)));
        try {
            return turn.get();
        } catch (CancellationException e) {
            return "(cancelled; calls already started finish in the background and are audited)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        } catch (ExecutionException e) {
            return "ERROR — the question could not be answered: " + e.getCause();
        } finally {
            terminal.handle(Terminal.Signal.INT, previous.get());
        }
    }
}
