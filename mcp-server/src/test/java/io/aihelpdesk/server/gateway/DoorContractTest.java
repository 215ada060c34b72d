package io.aihelpdesk.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.a2a.A2aCalls;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One contract across doors: the same tool call through MCP (the official Java SDK client over
 * Streamable HTTP), through {@code POST /api/v1/db/{tool}} and through A2A (a data part sent to
 * {@code postgres_database_agent}, 1.0 {@code SendMessage}) gives the same result data, the same
 * message, and the same audit rows — only the door recorded in them differs.
 */
class DoorContractTest {
    private static DemoFixture demo;
    private static HttpServer http;
    private static McpSyncClient mcp;
    private static Rest rest;
    private static A2aCalls a2a;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoFixture.get();
        http = HttpServer.start(demo.helpdesk, "127.0.0.1", 0);
        rest = new Rest(http.port());
        a2a = new A2aCalls(http.port(), false, Map.of());
        mcp = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + http.port()).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(60)).build();
        mcp.initialize();
    }

    @AfterAll
    static void stop() throws Exception {
        mcp.close();
        http.close();
    }

    private static McpSchema.CallToolResult viaMcp(String tool, Map<String, Object> args, String trace) {
        return mcp.callTool(new McpSchema.CallToolRequest(tool, args, Map.of("trace_id", trace)));
    }

    private static Rest.Reply viaRest(String tool, Map<String, Object> args, String trace) throws Exception {
        return rest.with("X-Trace-ID", trace).post("/api/v1/db/" + tool, Json.write(args));
    }

    private static A2aCalls.Task viaA2a(String tool, Map<String, Object> args, String trace) throws Exception {
        return a2a.task("postgres_database_agent", trace, A2aCalls.call(tool, args));
    }

    /** The audit rows of a trace with the door taken out: type, tool, action class, principal, parameters, outcome. */
    private static List<List<Object>> rows(String trace) {
        List<AuditEvent> events = demo.helpdesk.audit().query(AuditQuery.all().trace(trace));
        assertThat(events).isNotEmpty();
        return events.stream().map(e -> List.<Object>of(e.eventType(), e.tool().name(), String.valueOf(e.actionClass()),
                e.principal().id(), e.principal().kind(), String.valueOf(e.tool().parameters()),
                e.outcome() == null ? "" : e.outcome().status(), e.outcome() == null ? "" : String.valueOf(e.outcome().errorMessage()))).toList();
    }

    private static List<String> doors(String trace) {
        return demo.helpdesk.audit().query(AuditQuery.all().trace(trace)).stream().map(e -> e.tool().agent()).distinct().toList();
    }

    @Test
    void a_successful_call_gives_the_same_data_text_and_audit_rows() throws Exception {
        Map<String, Object> args = Map.of("connection_string", "demo", "parameter_name", "max_connections");
        McpSchema.CallToolResult m = viaMcp("get_config_parameter", args, "tr_contract_m1");
        Rest.Reply r = viaRest("get_config_parameter", args, "tr_contract_r1");

        assertThat(m.isError()).isFalse();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.result()).isNotEmpty();
        assertThat(Json.write(r.result())).isEqualTo(Json.write(m.structuredContent()));
        assertThat(r.json().get("text")).isEqualTo(((McpSchema.TextContent) m.content().get(0)).text());
        assertThat(rows("tr_contract_r1")).isEqualTo(rows("tr_contract_m1"));
        assertThat(doors("tr_contract_m1")).containsExactly("aihelpdesk/http");
        assertThat(doors("tr_contract_r1")).containsExactly("aihelpdesk/rest");

        A2aCalls.Task a = viaA2a("get_config_parameter", args, "tr_contract_a1");
        assertThat(a.state()).isEqualTo("TASK_STATE_COMPLETED");
        assertThat(Json.write(a.data())).isEqualTo(Json.write(m.structuredContent()));
        assertThat(a.text()).isEqualTo(((McpSchema.TextContent) m.content().get(0)).text());
        assertThat(rows("tr_contract_a1")).isEqualTo(rows("tr_contract_m1"));
        assertThat(doors("tr_contract_a1")).containsExactly("aihelpdesk/a2a");
    }

    @Test
    void check_connection_gives_the_same_data_apart_from_the_measured_latency() throws Exception {
        Map<String, Object> args = Map.of("connection_string", "demo");
        McpSchema.CallToolResult m = viaMcp("check_connection", args, "tr_contract_m4");
        Rest.Reply r = viaRest("check_connection", args, "tr_contract_r4");

        Map<String, Object> fromMcp = new java.util.LinkedHashMap<>(Json.mapper().convertValue(m.structuredContent(), Map.class));
        Map<String, Object> fromRest = new java.util.LinkedHashMap<>(r.result());
        assertThat(fromMcp.remove("latency_ms")).isInstanceOf(Number.class);
        assertThat(fromRest.remove("latency_ms")).isInstanceOf(Number.class);
        assertThat(fromRest).isEqualTo(fromMcp).containsEntry("database", "shop");
        assertThat(rows("tr_contract_r4")).isEqualTo(rows("tr_contract_m4"));
    }

    @Test
    void an_invalid_call_gives_the_same_message_and_audit_rows() throws Exception {
        Map<String, Object> args = Map.of("connection_string", "demo", "pid", "not-a-number");
        McpSchema.CallToolResult m = viaMcp("get_session_info", args, "tr_contract_m2");
        Rest.Reply r = viaRest("get_session_info", args, "tr_contract_r2");

        assertThat(m.isError()).isTrue();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("message")).isEqualTo(((McpSchema.TextContent) m.content().get(0)).text());
        assertThat(rows("tr_contract_r2")).isEqualTo(rows("tr_contract_m2"));

        A2aCalls.Task a = viaA2a("get_session_info", args, "tr_contract_a2");
        assertThat(a.state()).isEqualTo("TASK_STATE_FAILED");
        assertThat(a.statusText()).isEqualTo(((McpSchema.TextContent) m.content().get(0)).text());
        assertThat(rows("tr_contract_a2")).isEqualTo(rows("tr_contract_m2"));
    }

    @Test
    void a_failed_call_gives_the_same_diagnosis_and_audit_rows() throws Exception {
        Map<String, Object> args = Map.of("connection_string", "host=127.0.0.1 port=1 dbname=shop user=nobody connect_timeout=2");
        McpSchema.CallToolResult m = viaMcp("check_connection", args, "tr_contract_m3");
        Rest.Reply r = viaRest("check_connection", args, "tr_contract_r3");

        assertThat(m.isError()).isTrue();
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.error().get("message")).isEqualTo(((McpSchema.TextContent) m.content().get(0)).text());
        assertThat(rows("tr_contract_r3")).isEqualTo(rows("tr_contract_m3"));

        A2aCalls.Task a = viaA2a("check_connection", args, "tr_contract_a3");
        assertThat(a.state()).isEqualTo("TASK_STATE_FAILED");
        assertThat(a.statusText()).isEqualTo(((McpSchema.TextContent) m.content().get(0)).text());
        assertThat(rows("tr_contract_a3")).isEqualTo(rows("tr_contract_m3"));
    }
}
