package io.aihelpdesk.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.http.HttpServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST gateway over real HTTP against the demo database: each outcome's status, the error shape, trace ids. */
class RestGatewayTest {
    private static DemoFixture demo;
    private static HttpServer http;
    private static Rest rest;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoFixture.get();
        http = HttpServer.start(demo.helpdesk, "127.0.0.1", 0, null, null, name -> null); // no model, whatever the shell exports
        rest = new Rest(http.port());
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
    }

    private static List<AuditEvent> audit(String trace) {
        return demo.helpdesk.audit().query(AuditQuery.all().trace(trace));
    }

    @Test
    void a_database_tool_answers_200_with_its_result_and_the_trace_id_echoed_and_audited() throws Exception {
        Rest.Reply r = rest.with("X-Trace-ID", "tr_rest_echo01").post("/api/v1/db/check_connection", "{\"connection_string\":\"demo\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Trace-ID")).isEqualTo("tr_rest_echo01");
        assertThat(r.json()).containsEntry("status", "succeeded").containsEntry("tool", "check_connection")
                .containsEntry("trace_id", "tr_rest_echo01");
        assertThat(r.result()).containsEntry("database", "shop");
        assertThat((String) r.json().get("text")).startsWith("Connection successful: shop");
        List<AuditEvent> events = audit("tr_rest_echo01");
        assertThat(events).extracting(AuditEvent::eventType).containsExactly("tool_execution", "outcome");
        assertThat(events).allSatisfy(e -> assertThat(e.tool().agent()).isEqualTo("aihelpdesk/rest"));
        assertThat(events.get(1).outcome().status()).isEqualTo("success");
    }

    @Test
    void without_a_trace_header_a_trace_id_is_generated_returned_and_audited() throws Exception {
        Rest.Reply r = rest.post("/api/v1/db/get_database_info", "{\"connection_string\":\"demo\"}");
        assertThat(r.status()).isEqualTo(200);
        String trace = r.header("X-Trace-ID");
        assertThat(trace).matches("tr_[0-9a-f]{12}").isEqualTo(r.json().get("trace_id"));
        assertThat(audit(trace)).hasSize(2);
    }

    @Test
    void invalid_arguments_answer_400_with_the_violations() throws Exception {
        Rest.Reply r = rest.post("/api/v1/db/get_session_info", "{\"connection_string\":\"demo\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).containsEntry("code", "invalid_arguments").containsEntry("tool", "get_session_info")
                .containsKeys("message", "hint", "trace_id", "violations");
        assertThat(r.error().get("violations").toString()).contains("pid");
        assertThat(audit((String) r.error().get("trace_id"))).isNotEmpty();
    }

    @Test
    void an_unreachable_target_answers_502_with_the_diagnosis() throws Exception {
        Rest.Reply r = rest.post("/api/v1/db/check_connection",
                "{\"connection_string\":\"host=127.0.0.1 port=1 dbname=shop user=nobody connect_timeout=2\"}");
        assertThat(r.status()).isEqualTo(502);
        assertThat((String) r.error().get("message")).startsWith("ERROR — check_connection failed");
        assertThat(r.error()).containsKeys("code", "hint", "trace_id", "diagnosis", "sql_state");
        assertThat((String) r.error().get("hint")).isNotBlank();
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_unknown_tool_answers_400_listing_the_tools_of_that_family() throws Exception {
        Rest.Reply r = rest.post("/api/v1/db/get_lock_infos", "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).containsEntry("code", "unknown_tool");
        assertThat((List<Object>) r.error().get("valid_tools")).contains("get_lock_info", "check_connection").doesNotContain("get_pods", "diagnose");
        assertThat((String) r.error().get("hint")).contains("did you mean get_lock_info");

        Rest.Reply k = rest.post("/api/v1/k8s/nope", "{}");
        assertThat(k.status()).isEqualTo(400);
        assertThat((List<Object>) k.error().get("valid_tools")).contains("get_pods").doesNotContain("get_lock_info");
    }

    @Test
    void a_tool_of_the_other_family_answers_400_naming_its_route() throws Exception {
        Rest.Reply r = rest.post("/api/v1/k8s/get_lock_info", "{\"connection_string\":\"demo\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).containsEntry("code", "wrong_family").containsEntry("route", "POST /api/v1/db/get_lock_info");
        Rest.Reply d = rest.post("/api/v1/db/get_pods", "{}");
        assertThat(d.status()).isEqualTo(400);
        assertThat(d.error()).containsEntry("code", "wrong_family").containsEntry("route", "POST /api/v1/k8s/get_pods");
        assertThat(audit((String) d.error().get("trace_id"))).as("nothing ran, nothing to audit").isEmpty();
    }

    @Test
    void a_body_that_is_not_a_json_object_answers_400() throws Exception {
        Rest.Reply r = rest.post("/api/v1/db/check_connection", "connection_string=demo");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).containsEntry("code", "bad_json");
    }

    @Test
    void query_answers_503_saying_no_model_is_configured_and_how_to_configure_one() throws Exception {
        Rest.Reply r = rest.post("/api/v1/query", "{\"agent\":\"database\",\"message\":\"What is the server uptime?\"}");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.error()).containsEntry("code", "no_model");
        assertThat((String) r.error().get("hint")).contains("HELPDESK_MODEL_VENDOR", "HELPDESK_API_KEY", "POST /api/v1/diagnose");
        assertThat(rest.post("/api/v1/query", "{\"agent\":\"database\"}").error()).containsEntry("code", "missing_message");
        assertThat(rest.post("/api/v1/query", "{\"agent\":\"dba\",\"message\":\"hi\"}").error()).containsEntry("code", "unknown_agent");
    }

    @Test
    void databases_and_infrastructure_list_the_inventory() throws Exception {
        Rest.Reply dbs = rest.get("/api/v1/databases");
        assertThat(dbs.status()).isEqualTo(200);
        assertThat(dbs.result()).containsEntry("count", 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> db = ((List<Map<String, Object>>) dbs.result().get("databases")).get(0);
        assertThat(db).containsEntry("id", "demo").containsEntry("hosting", "standalone").containsKeys("k8s_context", "vm_host");

        Rest.Reply infra = rest.get("/api/v1/infrastructure");
        assertThat(infra.status()).isEqualTo(200);
        assertThat(infra.result()).containsEntry("configured", true).containsEntry("summary",
                Map.of("databases", 1, "k8s_clusters", 0, "vms", 0));
    }

    @Test
    void agents_and_tools_render_the_catalog() throws Exception {
        Rest.Reply agents = rest.get("/api/v1/agents");
        assertThat(agents.status()).isEqualTo(200);
        assertThat(agents.http().body()).contains("\"name\":\"database\"", "\"name\":\"k8s\"", "\"name\":\"incident\"");

        Rest.Reply tools = rest.get("/api/v1/tools");
        assertThat(tools.result()).containsEntry("count", demo.helpdesk.catalog().all().size());
        assertThat(tools.http().body()).contains("\"route\":\"POST /api/v1/db/get_lock_info\"", "\"route\":\"POST /api/v1/diagnose\"");

        Rest.Reply one = rest.get("/api/v1/tools/get_lock_info");
        assertThat(one.result()).containsEntry("name", "get_lock_info").containsEntry("family", "database")
                .containsEntry("input_schema", demo.helpdesk.catalog().inputSchema("get_lock_info")).containsKey("output_schema");
        assertThat(rest.get("/api/v1/tools/no_such_tool").error()).containsEntry("code", "unknown_tool");
    }

    @Test
    void diagnose_runs_the_triage_through_the_pipeline() throws Exception {
        Rest.Reply r = rest.with("X-Trace-ID", "tr_rest_diag01").post("/api/v1/diagnose", "{\"connection_string\":\"demo\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("tool", "diagnose");
        assertThat(r.result()).containsKeys("healthy", "findings", "checks");
        assertThat(audit("tr_rest_diag01")).extracting(e -> e.tool().name()).contains("diagnose", "check_connection");
    }

    @Test
    void incidents_are_listed_and_a_bad_bundle_request_is_400() throws Exception {
        Rest.Reply list = rest.get("/api/v1/incidents");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).containsEntry("tool", "list_incidents");
        Rest.Reply bad = rest.post("/api/v1/incidents", "{\"infra_key\":\"demo\",\"layers\":\"bogus\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat((String) bad.error().get("message")).contains("unknown layer 'bogus'");
        Rest.Reply missing = rest.get("/api/v1/incidents/0000beef");
        assertThat(missing.json()).containsKey("error");
    }

    @Test
    void unknown_paths_are_404_and_wrong_methods_405_in_the_one_error_shape() throws Exception {
        Rest.Reply r = rest.get("/api/v1/nowhere");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).containsEntry("code", "not_found").containsKeys("message", "hint", "trace_id");
        Rest.Reply m = rest.get("/api/v1/db/check_connection");
        assertThat(m.status()).isEqualTo(405);
        assertThat(m.error()).containsEntry("code", "method_not_allowed");
    }

    @Test
    void a_foreign_origin_is_refused() throws Exception {
        Rest.Reply r = rest.with("Origin", "http://evil.example").post("/api/v1/db/check_connection", "{\"connection_string\":\"demo\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.error()).containsEntry("code", "forbidden_origin");
    }

    @Test
    void health_answers_without_authentication_in_the_success_shape() throws Exception {
        Rest.Reply r = rest.get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.result()).containsEntry("health", "ok").containsEntry("databases", 1);
    }
}
