package io.aihelpdesk.server.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.OperatingMode;
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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A change asked over A2A on a server in fix mode whose policy wants an SRE's approval: the task
 * waits as input-required naming the approval; an SRE approves through the approvals API; the same
 * task, continued, runs the call once under the same trace — and the chain shows the request, the
 * decision and the execution together.
 */
class A2aApprovalTest {
    private static final String POLICY = """
            version: "1"
            policies:
              - name: prod-changes
                principals: [{role: dba}, {role: sre}]
                resources: [{type: database}]
                rules:
                  - action: read
                    effect: allow
                  - action: write
                    effect: require_approval
                    message: Changes on the shop database need an SRE.
                    conditions: {approvers: [{role: sre}]}
            """;
    private static Helpdesk helpdesk;
    private static HttpServer http;
    private static String alice;
    private static String sam;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("a2a-approval-");
        helpdesk = new Helpdesk(InventoryLoader.load(DemoFixture.get().inventory), PostgresSettings.defaults(),
                new GovernanceOptions(dir.resolve("audit.db"), null, Files.writeString(dir.resolve("policies.yaml"), POLICY), Verdict.DENY, false)
                        .withMode(OperatingMode.FIX));
        String[] a = ApiKeys.newKey();
        String[] s = ApiKeys.newKey();
        alice = a[0];
        sam = s[0];
        http = HttpServer.start(helpdesk, "127.0.0.1", 0, ApiKeys.parse("users:\n  - id: alice\n    roles: [dba]\n    api_key_sha256: " + a[1]
                + "\n  - id: sam\n    roles: [sre]\n    api_key_sha256: " + s[1] + "\n", "users.yaml", Map.<String, String>of()::get), null, name -> null);
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        helpdesk.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_change_waits_as_input_required_until_an_sre_approves_then_the_same_task_runs_it_once() throws Exception {
        String trace = "tr_a2a_approval";
        A2aCalls asAlice = new A2aCalls(http.port(), false, Map.of("Authorization", "Bearer " + alice));
        A2aCalls.Task waiting = asAlice.task("postgres_database_agent", trace, A2aCalls.call("reload_config", Map.of("connection_string", "demo")));
        assertThat(waiting.state()).isEqualTo("TASK_STATE_INPUT_REQUIRED");
        assertThat(waiting.statusText()).startsWith("APPROVAL REQUIRED — reload_config: Changes on the shop database need an SRE.");
        Matcher id = Pattern.compile("apr_[0-9a-f]+").matcher(waiting.statusText());
        assertThat(id.find()).isTrue();

        HttpResponse<String> selfApproval = asAlice.raw("POST", "/v1/approvals/" + id.group() + "/approve", Json.write(Map.of("reason", "mine")));
        assertThat(selfApproval.statusCode()).as(selfApproval.body()).isIn(403, 409);
        HttpResponse<String> approved = new A2aCalls(http.port(), false, Map.of("Authorization", "Bearer " + sam))
                .raw("POST", "/v1/approvals/" + id.group() + "/approve", Json.write(Map.of("reason", "reload is safe")));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        String taskId = waiting.json().get("id").toString();
        Map<String, Object> message = new java.util.LinkedHashMap<>(Map.of("messageId", UUID.randomUUID().toString(), "role", "ROLE_USER",
                "taskId", taskId, "parts", List.of(Map.of("text", "approved"))));
        HttpResponse<String> resumed = asAlice.raw("POST", "/a2a/postgres_database_agent",
                Json.write(Map.of("jsonrpc", "2.0", "id", 2, "method", "SendMessage", "params", Map.of("message", message))));
        Map<String, Object> task = (Map<String, Object>) ((Map<String, Object>) Json.mapper().readValue(resumed.body(), Map.class).get("result")).get("task");
        A2aCalls.Task done = new A2aCalls.Task(task);
        assertThat(done.state()).as(resumed.body()).isEqualTo("TASK_STATE_COMPLETED");
        assertThat(done.text()).contains("reload");

        List<AuditEvent> chain = helpdesk.audit().query(AuditQuery.all().trace(trace).limit(1000));
        assertThat(chain).extracting(AuditEvent::eventType).contains("approval_requested", "approval_decided", "tool_execution");
        assertThat(chain).filteredOn(e -> e.eventType().equals("tool_execution") && e.decision() != null
                && id.group().equals(e.decision().get("approval_id"))).hasSize(1);
        assertThat(chain).filteredOn(e -> e.eventType().equals("outcome") && e.tool() != null && e.tool().name().equals("reload_config"))
                .extracting(e -> e.outcome().status()).containsExactly("success");
        assertThat(helpdesk.audit().verify().valid()).isTrue();
    }
}
