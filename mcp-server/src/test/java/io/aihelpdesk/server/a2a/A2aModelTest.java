package io.aihelpdesk.server.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.http.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A2A text with a model configured (the real Spring AI Anthropic client against a replay of the
 * Messages API): a question to {@code postgres_database_agent} is answered by the chat's database
 * agent with its tools only; the tool call runs governed as the A2A caller (door a2a) under the
 * message's trace id; a vendor failure is a failed task with the vendor's explanation.
 */
class A2aModelTest {
    private static final String TOOL_USE = """
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001",
             "content":[{"type":"tool_use","id":"toolu_01","name":"check_connection","input":{"connection_string":"demo"}}],
             "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":900,"output_tokens":40}}""";
    private static final String END_TURN = """
            {"id":"msg_02","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001",
             "content":[{"type":"text","text":"demo is up (shop, primary)."}],
             "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1000,"output_tokens":20}}""";
    private com.sun.net.httpserver.HttpServer vendor;
    private HttpServer http;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);

    @BeforeEach
    void start() throws Exception {
        vendor = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vendor.createContext("/v1/messages", (HttpExchange x) -> {
            bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = (status.get() != 200 ? "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"
                    : bodies.size() == 1 ? TOOL_USE : END_TURN).getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(status.get(), body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        vendor.start();
        Map<String, String> env = Map.of("HELPDESK_MODEL_VENDOR", "anthropic", "HELPDESK_API_KEY", "sk-a2a-test",
                "HELPDESK_MODEL_BASE_URL", "http://127.0.0.1:" + vendor.getAddress().getPort());
        http = HttpServer.start(DemoFixture.get().helpdesk, "127.0.0.1", 0, null, null, env::get);
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        vendor.stop(0);
    }

    @Test
    void a_question_to_the_database_agent_is_answered_by_the_chats_database_agent_under_the_message_trace() throws Exception {
        A2aCalls.Task task = new A2aCalls(http.port(), false, Map.of()).task("postgres_database_agent", "tr_a2a_model1", "is demo up?");
        assertThat(task.state()).isEqualTo("TASK_STATE_COMPLETED");
        assertThat(task.text()).isEqualTo("demo is up (shop, primary).");
        assertThat(bodies.get(0)).contains("\"name\":\"check_connection\"", "database agent").doesNotContain("\"name\":\"get_pods\"");
        List<AuditEvent> events = DemoFixture.get().helpdesk.audit().query(AuditQuery.all().trace("tr_a2a_model1"));
        assertThat(events).extracting(AuditEvent::eventType).containsExactly("tool_execution", "outcome");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.tool().name()).isEqualTo("check_connection");
            assertThat(e.tool().agent()).isEqualTo("aihelpdesk/a2a");
        });
    }

    @Test
    void a_vendor_failure_is_a_failed_task_saying_why() throws Exception {
        status.set(401);
        A2aCalls.Task task = new A2aCalls(http.port(), true, Map.of()).task("k8s_agent", "tr_a2a_model2", "why is the pod restarting?");
        assertThat(task.state()).isEqualTo("failed");
        assertThat(task.statusText()).startsWith("the question could not be answered: MODEL ERROR (anthropic/")
                .contains("the API key was rejected (401)", "tr_a2a_model2");
    }
}
