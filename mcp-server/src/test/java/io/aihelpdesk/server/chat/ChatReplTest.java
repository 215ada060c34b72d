package io.aihelpdesk.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.orchestrator.ChatSession;
import io.aihelpdesk.orchestrator.Repl;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.tools.Caller;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

/** The offline chat driven through its REPL with real streams, against the demo database. */
class ChatReplTest {
    private static String drive(String input, Path history) throws Exception {
        DemoFixture demo = DemoFixture.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, StandardCharsets.UTF_8)) {
            ChatSession session = LocalChat.open(demo.helpdesk, new Caller("dana", "user", List.of("dba"), "chat"), false, k -> null);
            new Repl(session, terminal, history, session.banner()).run();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_question_runs_diagnose_as_the_chatting_user_and_trace_shows_the_governed_calls() throws Exception {
        String out = drive("are there locks on demo?\n/trace\n/quit\n", null);
        assertThat(out).contains("aiHelpDesk chat — OFFLINE (no language model configured", "audited as dana by the server (in-process)");
        assertThat(out).contains("→ diagnose demo (focus database; matched: lock)", "Playbook for what you asked about: pb_lock_blocking (no such finding right now)", "PROBLEMS FOUND: demo");
        Matcher m = Pattern.compile("trace (tr_[0-9a-f]{12}) — /trace").matcher(out);
        assertThat(m.find()).isTrue();
        String trace = m.group(1);
        assertThat(out).contains("trace " + trace + ": ");
        List<AuditEvent> events = DemoFixture.get().helpdesk.audit().query(AuditQuery.all().trace(trace).limit(1000));
        assertThat(events).extracting(e -> e.tool().name()).contains("diagnose", "check_connection", "get_blocking_queries");
        assertThat(events).allSatisfy(e -> assertThat(e.principal().id()).isEqualTo("dana"));
        assertThat(events).filteredOn(e -> e.tool().name().equals("diagnose"))
                .extracting(e -> e.tool().agent()).containsOnly("aihelpdesk/chat");
        assertThat(out).contains("bye");
    }

    @Test
    void slash_commands_answer_from_the_inventory_and_catalog() throws Exception {
        String out = drive("/databases\n/tools\n/help\n/bogus\n/trace\n/model\n/agents\n/quit\n", null);
        assertThat(out).contains("demo", "standalone", "tags: demo, development");
        assertThat(out).contains("get_lock_info", "create_incident_bundle");
        assertThat(out).contains("/databases", "/trace", "End a line with \\ to continue");
        assertThat(out).contains("Unknown command /bogus. /help lists the commands.");
        assertThat(out).contains("No question asked yet.", "offline: no language model configured",
                "database  diagnose, check_connection", "k8s       diagnose, get_pods", "incident  create_incident_bundle");
    }

    @Test
    void a_continued_line_is_one_question_and_history_is_kept() throws Exception {
        Path history = Files.createTempDirectory("chat-").resolve("history");
        String out = drive("why are the pods of demo \\\ncrashing?\n", history);
        assertThat(out).contains("→ diagnose demo (focus kubernetes; matched: crash, pod)");
        assertThat(out).as("end of input leaves like /quit").contains("bye");
        assertThat(Files.readString(history)).contains("crashing?");
    }
}
