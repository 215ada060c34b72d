package io.aihelpdesk.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With a users file and a policy file: the gateway needs an API key like MCP does, runs tools as the
 * authenticated caller, and a policy denial is 403 with the policy's reasons.
 */
class RestGatewayAuthTest {
    private static final String POLICY = """
            version: "1"
            policies:
              - name: dba-read
                principals: [{role: dba}]
                resources: [{type: database}]
                rules: [{action: read, effect: allow}]
            """;
    private static Helpdesk helpdesk;
    private static HttpServer http;
    private static String alice;
    private static String bob;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("rest-auth-");
        Path policy = Files.writeString(dir.resolve("policies.yaml"), POLICY);
        helpdesk = new Helpdesk(InventoryLoader.load(DemoFixture.get().inventory), PostgresSettings.defaults(),
                new GovernanceOptions(dir.resolve("audit.db"), null, policy, Verdict.DENY, false));
        String[] a = ApiKeys.newKey();
        String[] b = ApiKeys.newKey();
        alice = a[0];
        bob = b[0];
        ApiKeys keys = ApiKeys.parse("users:\n  - id: alice\n    roles: [dba]\n    api_key_sha256: " + a[1] + "\n"
                + "  - id: bob\n    roles: [developer]\n    api_key_sha256: " + b[1] + "\n", "users.yaml", Map.<String, String>of()::get);
        http = HttpServer.start(helpdesk, "127.0.0.1", 0, keys);
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        helpdesk.close();
    }

    private static Rest as(String key) {
        return new Rest(http.port()).with("Authorization", "Bearer " + key);
    }

    @Test
    void without_a_key_every_api_route_is_401_in_the_one_error_shape_but_health_answers() throws Exception {
        Rest anonymous = new Rest(http.port());
        for (String path : List.of("/api/v1/databases", "/api/v1/tools", "/api/v1/openapi.json")) {
            Rest.Reply r = anonymous.get(path);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer ");
            assertThat(r.error()).containsEntry("code", "unauthorized").containsKeys("message", "hint", "trace_id");
        }
        Rest.Reply bad = new Rest(http.port()).with("Authorization", "Bearer hd_not-a-key").post("/api/v1/db/check_connection", "{}");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.error()).containsEntry("code", "invalid_token");
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
    }

    @Test
    void an_allowed_caller_runs_the_tool_as_itself() throws Exception {
        Rest.Reply r = as(alice).with("X-Trace-ID", "tr_rest_alice1").post("/api/v1/db/check_connection", "{\"connection_string\":\"demo\"}");
        assertThat(r.status()).isEqualTo(200);
        List<AuditEvent> events = helpdesk.audit().query(AuditQuery.all().trace("tr_rest_alice1"));
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.principal().id()).isEqualTo("alice"));
    }

    @Test
    void a_policy_denial_is_403_with_the_reasons_and_is_audited_under_the_caller() throws Exception {
        Rest.Reply r = as(bob).with("X-Trace-ID", "tr_rest_bob01").post("/api/v1/db/check_connection", "{\"connection_string\":\"demo\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.error()).containsEntry("code", "denied").containsEntry("tool", "check_connection").containsKey("policy_version");
        assertThat((String) r.error().get("message")).startsWith("DENIED — check_connection");
        List<AuditEvent> events = helpdesk.audit().query(AuditQuery.all().trace("tr_rest_bob01"));
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.principal().id()).isEqualTo("bob"));
        assertThat(events).extracting(AuditEvent::eventType).contains("policy_decision");
    }
}
