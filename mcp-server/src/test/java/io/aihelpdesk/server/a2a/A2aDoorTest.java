package io.aihelpdesk.server.a2a;

import static io.aihelpdesk.server.a2a.A2aCalls.list;
import static io.aihelpdesk.server.a2a.A2aCalls.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The A2A door of {@code helpdesk serve} against the demo database: the four agents' cards, a text
 * question answered by the (offline) chat with governed calls under the message's trace id, and —
 * with users and a policy — 401 without a key, the authenticated caller in the audit, and a denial
 * as a rejected task with the message REST gives.
 */
class A2aDoorTest {
    private static final String POLICY = """
            version: "1"
            policies:
              - name: dba-read
                principals: [{role: dba}]
                resources: [{type: database}]
                rules: [{action: read, effect: allow}]
            """;
    private static DemoFixture demo;
    private static HttpServer open;
    private static Helpdesk governed;
    private static HttpServer secured;
    private static String alice;
    private static String bob;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoFixture.get();
        open = HttpServer.start(demo.helpdesk, "127.0.0.1", 0, null, null, name -> null);
        Path dir = Files.createTempDirectory("a2a-auth-");
        governed = new Helpdesk(InventoryLoader.load(demo.inventory), PostgresSettings.defaults(),
                new GovernanceOptions(dir.resolve("audit.db"), null, Files.writeString(dir.resolve("policies.yaml"), POLICY), Verdict.DENY, false));
        String[] a = ApiKeys.newKey();
        String[] b = ApiKeys.newKey();
        alice = a[0];
        bob = b[0];
        ApiKeys keys = ApiKeys.parse("users:\n  - id: alice\n    roles: [dba]\n    api_key_sha256: " + a[1] + "\n"
                + "  - id: bob\n    roles: [developer]\n    api_key_sha256: " + b[1] + "\n", "users.yaml", Map.<String, String>of()::get);
        secured = HttpServer.start(governed, "127.0.0.1", 0, keys, null, name -> null);
    }

    @AfterAll
    static void stop() throws Exception {
        open.close();
        secured.close();
        governed.close();
    }

    @Test
    void each_domain_agent_has_a_card_with_a_skill_per_tool() throws Exception {
        A2aCalls anyone = new A2aCalls(open.port(), false, Map.of());
        String base = "http://127.0.0.1:" + open.port();
        Map<String, Object> db = anyone.card("/a2a/postgres_database_agent/.well-known/agent-card.json");
        assertThat(db).containsEntry("name", "postgres_database_agent").containsEntry("url", base + "/a2a/postgres_database_agent")
                .doesNotContainKey("securitySchemes");
        Map<String, Object> locks = list(db.get("skills")).stream().filter(s -> s.get("id").equals("get_lock_info")).findFirst().orElseThrow();
        assertThat(locks.get("tags").toString()).contains("postgresql", "locks", "read-only");
        assertThat(locks.get("description")).isEqualTo(demo.helpdesk.catalog().find("get_lock_info").orElseThrow().description());
        assertThat(list(anyone.card("/a2a/k8s_agent/.well-known/agent-card.json").get("skills"))).extracting(s -> s.get("id"))
                .contains("k8s_agent", "get_pods", "get_events").doesNotContain("get_lock_info");
        assertThat(list(anyone.card("/a2a/incident_agent/.well-known/agent-card.json").get("skills"))).extracting(s -> s.get("id"))
                .contains("create_incident_bundle", "list_incidents");
        Map<String, Object> root = anyone.card("/.well-known/agent-card.json");
        assertThat(root).containsEntry("name", "helpdesk_orchestrator");
        assertThat(list(root.get("skills"))).hasSize(demo.helpdesk.catalog().all().size() + 1);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void a_text_question_is_answered_by_the_chat_with_governed_calls_under_the_messages_trace(boolean v03) throws Exception {
        String trace = "tr_a2a_text_" + v03;
        A2aCalls.Task task = new A2aCalls(open.port(), v03, Map.of()).task("postgres_database_agent", trace, "is demo slow?");
        assertThat(task.state()).isEqualTo(v03 ? "completed" : "TASK_STATE_COMPLETED");
        assertThat(task.text()).startsWith("→ diagnose demo").contains("trace " + trace);
        List<AuditEvent> rows = demo.helpdesk.audit().query(AuditQuery.all().trace(trace));
        assertThat(rows).filteredOn(e -> e.tool().name().equals("diagnose")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.tool().agent()).isEqualTo("aihelpdesk/a2a"));
        assertThat(rows).allSatisfy(e -> assertThat(e.tool().agent()).isIn("aihelpdesk/a2a", "aihelpdesk/nested:diagnose"));
    }

    @Test
    void with_users_configured_the_json_rpc_endpoint_needs_a_key_but_the_cards_stay_public() throws Exception {
        A2aCalls anonymous = new A2aCalls(secured.port(), false, Map.of());
        HttpResponse<String> refused = anonymous.raw("POST", "/a2a/postgres_database_agent",
                Json.write(Map.of("jsonrpc", "2.0", "id", 1, "method", "SendMessage", "params", Map.of())));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        Map<String, Object> card = anonymous.card("/a2a/postgres_database_agent/.well-known/agent-card.json");
        assertThat(map(map(card.get("securitySchemes")).get("bearer"))).containsEntry("type", "http").containsEntry("scheme", "bearer");
        assertThat(card.get("security")).isEqualTo(List.of(Map.of("bearer", List.of())));
        Map<String, Object> v10 = new A2aCalls(secured.port(), false, Map.of("A2A-Version", "1.0"))
                .card("/a2a/postgres_database_agent/.well-known/agent-card.json");
        assertThat(map(map(v10.get("securitySchemes")).get("bearer"))).containsKey("httpAuthSecurityScheme");
        assertThat(v10.get("securityRequirements")).isEqualTo(List.of(Map.of("schemes", Map.of("bearer", Map.of("list", List.of())))));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void the_authenticated_caller_is_governed_and_a_denial_is_a_rejected_task(boolean v03) throws Exception {
        Map<String, Object> args = Map.of("connection_string", "demo");
        A2aCalls.Task allowed = new A2aCalls(secured.port(), v03, Map.of("Authorization", "Bearer " + alice))
                .task("postgres_database_agent", "tr_a2a_alice_" + v03, A2aCalls.call("get_lock_info", args));
        assertThat(allowed.state()).isEqualTo(v03 ? "completed" : "TASK_STATE_COMPLETED");
        assertThat(governed.audit().query(AuditQuery.all().trace("tr_a2a_alice_" + v03)))
                .isNotEmpty().allSatisfy(e -> assertThat(e.principal().id()).isEqualTo("alice"));

        A2aCalls.Task denied = new A2aCalls(secured.port(), v03, Map.of("Authorization", "Bearer " + bob))
                .task("postgres_database_agent", "tr_a2a_bob_" + v03, A2aCalls.call("get_lock_info", args));
        assertThat(denied.state()).isEqualTo(v03 ? "rejected" : "TASK_STATE_REJECTED");
        HttpResponse<String> rest = new A2aCalls(secured.port(), v03, Map.of("Authorization", "Bearer " + bob))
                .raw("POST", "/api/v1/db/get_lock_info", Json.write(args));
        assertThat(rest.statusCode()).isEqualTo(403);
        assertThat(denied.statusText()).isEqualTo(map(Json.mapper().readValue(rest.body(), Map.class).get("error")).get("message"))
                .startsWith("DENIED — get_lock_info");
        assertThat(governed.audit().query(AuditQuery.all().trace("tr_a2a_bob_" + v03)))
                .extracting(AuditEvent::eventType).contains("policy_decision");
    }
}
