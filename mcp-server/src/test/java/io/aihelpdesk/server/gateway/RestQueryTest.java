package io.aihelpdesk.server.gateway;

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
 * {@code POST /api/v1/query} with a model configured: the real Spring AI Anthropic client against a
 * replay of the Messages API. The agent's tools only are offered; the tool call the model makes runs
 * governed as the REST caller (door rest) under the request's trace id; a vendor failure is a 502.
 */
class RestQueryTest {
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
        Map<String, String> env = Map.of("HELPDESK_MODEL_VENDOR", "anthropic", "HELPDESK_API_KEY", "sk-rest-test",
                "HELPDESK_MODEL_BASE_URL", "http://127.0.0.1:" + vendor.getAddress().getPort());
        http = HttpServer.start(DemoFixture.get().helpdesk, "127.0.0.1", 0, null, null, env::get);
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        vendor.stop(0);
    }

    @Test
    void a_question_to_the_database_agent_is_answered_with_governed_tool_calls_under_the_request_trace() throws Exception {
        Rest.Reply r = new Rest(http.port()).with("X-Trace-ID", "tr_rest_query1")
                .post("/api/v1/query", "{\"agent\":\"database\",\"message\":\"is demo up?\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.result()).containsEntry("agent", "database").containsEntry("text", "demo is up (shop, primary).");
        assertThat(bodies.get(0)).contains("\"name\":\"check_connection\"", "\"name\":\"diagnose\"", "database agent")
                .doesNotContain("\"name\":\"get_pods\"", "\"name\":\"create_incident_bundle\"");
        assertThat(bodies.get(1)).contains("Connection successful: shop");
        List<AuditEvent> events = DemoFixture.get().helpdesk.audit().query(AuditQuery.all().trace("tr_rest_query1"));
        assertThat(events).extracting(AuditEvent::eventType).containsExactly("tool_execution", "outcome");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.tool().name()).isEqualTo("check_connection");
            assertThat(e.tool().agent()).isEqualTo("aihelpdesk/rest");
            assertThat(e.principal().id()).isEqualTo("anonymous");
        });
    }

    @Test
    void a_vendor_failure_is_502_with_one_line_saying_what_to_do() throws Exception {
        status.set(401);
        Rest.Reply r = new Rest(http.port()).post("/api/v1/query", "{\"message\":\"is demo up?\"}");
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.error()).containsEntry("code", "model_error");
        assertThat((String) r.error().get("message")).contains("the API key was rejected (401) — check HELPDESK_API_KEY")
                .doesNotContain("sk-rest-test");
    }
}
