package io.aihelpdesk.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.incident.IncidentSettings;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approvals end to end over HTTP with API-key users: alice asks for an incident bundle (a WRITE on
 * the server's host) that the policy parks for two DBAs; she cannot approve it herself, a developer
 * cannot either, bob and carol can (whatever the body claims), a waiter sees it approved, and alice's
 * same request under the same trace then runs once.
 */
class ApprovalApiTest {
    private static final Map<String, String> KEYS = Map.of("alice", "hd_test-alice", "bob", "hd_test-bob", "carol", "hd_test-carol",
            "dave", "hd_test-dave", "olga", "hd_test-olga");
    private static final String POLICY = """
            version: "1"
            policies:
              - name: host-bundles
                resources: [{type: host}]
                rules:
                  - action: read
                    effect: allow
                  - action: write
                    effect: require_approval
                    message: Incident bundles need two DBAs.
                    conditions: {approval_quorum: 2, approvers: [{role: dba}], break_glass: [{role: oncall-lead}]}
            """;

    @TempDir
    Path dir;
    private Helpdesk helpdesk;
    private HttpServer http;
    private String base;

    @BeforeEach
    void start() throws Exception {
        StringBuilder users = new StringBuilder("version: \"1\"\nusers:\n");
        for (var e : KEYS.entrySet()) {
            users.append("  - id: ").append(e.getKey()).append("\n    roles: [").append(e.getKey().equals("dave") ? "developer" : e.getKey().equals("olga") ? "oncall-lead" : "dba")
                    .append("]\n    api_key_sha256: ").append(sha256(e.getValue())).append('\n');
        }
        Files.writeString(dir.resolve("users.yaml"), users);
        Files.writeString(dir.resolve("policy.yaml"), POLICY);
        helpdesk = new Helpdesk(Inventory.none(), PostgresSettings.defaults(),
                new GovernanceOptions(dir.resolve("audit.db"), null, dir.resolve("policy.yaml"), Verdict.DENY, false),
                IncidentSettings.defaults(dir.resolve("incidents"), "test"));
        http = HttpServer.start(helpdesk, "127.0.0.1", 0, ApiKeys.load(dir.resolve("users.yaml")));
        base = "http://127.0.0.1:" + http.port();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        helpdesk.close();
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpRequest.Builder as(String user, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
        return user == null ? b : b.header("Authorization", "Bearer " + KEYS.get(user));
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String user, String path, String body, String trace) throws Exception {
        HttpRequest.Builder b = as(user, path).POST(HttpRequest.BodyPublishers.ofString(body));
        return send(trace == null ? b : b.header("X-Trace-ID", trace));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> r) {
        return Json.mapper().readValue(r.body(), Map.class);
    }

    @Test
    void two_dbas_approve_over_http_and_the_requesters_same_call_then_runs_once() throws Exception {
        String trace = "tr_e2eapproval1";
        HttpResponse<String> asked = post("alice", "/api/v1/incidents", "{\"layers\": \"os\"}", trace);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        String id = (String) json(asked).get("approval_id");
        assertThat(id).startsWith("apr_");
        assertThat(dir.resolve("incidents")).doesNotExist();

        assertThat(send(as(null, "/v1/approvals/pending").GET()).statusCode()).as("unauthenticated").isEqualTo(401);
        HttpResponse<String> pending = send(as("bob", "/v1/approvals/pending").GET());
        assertThat(json(pending)).containsEntry("count", 1);
        assertThat(pending.body()).contains("\"approval_id\":\"" + id + "\"", "\"requested_by\":\"alice\"", "\"approvers\":[\"role:dba\"]");

        HttpResponse<String> self = post("alice", "/v1/approvals/" + id + "/approve", "{}", null);
        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(json(self)).containsEntry("error", "self_approval");
        HttpResponse<String> dev = post("dave", "/v1/approvals/" + id + "/approve", "{}", null);
        assertThat(dev.statusCode()).isEqualTo(403);
        assertThat(json(dev)).containsEntry("error", "not_an_approver");

        HttpResponse<String> bob = post("bob", "/v1/approvals/" + id + "/approve", "{\"approved_by\": \"carol\", \"reason\": \"ok\"}", null);
        assertThat(bob.statusCode()).isEqualTo(200);
        assertThat(json(bob)).containsEntry("status", "pending").containsEntry("approvals", 1);
        assertThat((List<Map<String, Object>>) json(bob).get("votes")).extracting(v -> v.get("principal")).containsExactly("bob");
        assertThat(post("bob", "/v1/approvals/" + id + "/approve", "{}", null).statusCode()).as("second vote by bob").isEqualTo(409);
        assertThat(post("alice", "/api/v1/incidents", "{\"layers\": \"os\"}", trace).statusCode()).as("one vote is not enough").isEqualTo(202);

        CompletableFuture<HttpResponse<String>> waiter = HttpClient.newHttpClient().sendAsync(
                as("alice", "/v1/approvals/" + id + "/wait?timeout=30").GET().build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        assertThat(waiter).isNotDone();
        HttpResponse<String> carol = post("carol", "/v1/approvals/" + id + "/approve", "{\"reason\": \"bundle is fine\"}", null);
        assertThat(json(carol)).containsEntry("status", "approved").containsEntry("resolved_by", "carol");
        assertThat(json(waiter.get(30, java.util.concurrent.TimeUnit.SECONDS))).containsEntry("status", "approved");

        HttpResponse<String> ran = post("alice", "/api/v1/incidents", "{\"layers\": \"os\"}", trace);
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
        try (var files = Files.list(dir.resolve("incidents"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".tar.gz")).count()).isEqualTo(1);
        }
        List<AuditEvent> events = helpdesk.audit().query(AuditQuery.all().trace(trace));
        assertThat(events).extracting(AuditEvent::eventType).contains("approval_requested", "approval_decided");
        AuditEvent decided = events.stream().filter(e -> e.eventType().equals("approval_decided")).findFirst().orElseThrow();
        assertThat(decided.decision()).containsEntry("status", "approved").containsEntry("approved_by", List.of("bob", "carol"));
        assertThat(helpdesk.audit().verify().valid()).isTrue();
    }

    @Test
    void break_glass_needs_a_listed_principal_and_a_reason_then_the_call_runs_and_the_callback_hears_of_denials() throws Exception {
        String trace = "tr_e2ebreakglass";
        String id = (String) json(post("alice", "/api/v1/incidents", "{\"layers\": \"os\"}", trace)).get("approval_id");
        HttpResponse<String> noReason = post("olga", "/v1/approvals/" + id + "/emergency", "{}", null);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(json(noReason)).containsEntry("error", "reason_required");
        HttpResponse<String> dba = post("bob", "/v1/approvals/" + id + "/emergency", "{\"reason\": \"disk full\"}", null);
        assertThat(dba.statusCode()).isEqualTo(403);
        assertThat(json(dba)).containsEntry("error", "not_allowed_to_break_glass");
        HttpResponse<String> glass = post("olga", "/v1/approvals/" + id + "/emergency", "{\"reason\": \"disk full, primary down\"}", null);
        assertThat(json(glass)).containsEntry("status", "emergency").containsEntry("resolved_by", "olga");
        assertThat(post("alice", "/api/v1/incidents", "{\"layers\": \"os\"}", trace).statusCode()).isEqualTo(200);

        java.util.concurrent.BlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/cb", ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        try {
            String created = (String) json(post("alice", "/v1/approvals", "{\"action_class\": \"write\", \"callback_url\": "
                    + "\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/cb\"}", null)).get("approval_id");
            post("bob", "/v1/approvals/" + created + "/deny", "{\"reason\": \"no\"}", null);
            String body = received.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(body).isNotNull().contains("\"approval_id\":\"" + created + "\"", "\"status\":\"denied\"", "\"resolved_by\":\"bob\"");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void approvals_created_over_http_are_listed_filtered_and_decided_by_the_authenticated_caller() throws Exception {
        HttpResponse<String> created = post("alice", "/v1/approvals", "{\"action_class\": \"destructive\", \"tool_name\": \"drop_replication_slot\","
                + " \"resource_type\": \"database\", \"resource_name\": \"prod\", \"requested_by\": \"mallory\", \"approver_role\": \"dba\","
                + " \"expires_in_minutes\": 5, \"trace_id\": \"tr_external1\"}", null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> a = json(created);
        assertThat(a).containsEntry("requested_by", "alice").containsEntry("status", "pending").containsEntry("resource", "database:prod")
                .containsEntry("approvers", List.of("role:dba"));
        String id = (String) a.get("approval_id");
        assertThat(post("alice", "/v1/approvals", "{}", null).statusCode()).isEqualTo(400);
        HttpResponse<String> metadata = post("alice", "/v1/approvals", "{\"action_class\": \"write\", "
                + "\"callback_url\": \"http://169.254.169.254/latest/meta-data\"}", null);
        assertThat(metadata.statusCode()).isEqualTo(400);
        assertThat(json(metadata).get("message").toString()).contains("resolves to 169.254.169.254, a link-local or wildcard address");

        HttpResponse<String> denied = post("bob", "/v1/approvals/" + id + "/deny", "{\"reason\": \"slot is still needed\", \"denied_by\": \"carol\"}", null);
        assertThat(json(denied)).containsEntry("status", "denied").containsEntry("resolved_by", "bob")
                .containsEntry("resolution_reason", "slot is still needed");
        assertThat(post("carol", "/v1/approvals/" + id + "/cancel", "{}", null).statusCode()).isEqualTo(409);
        assertThat(json(send(as("dave", "/v1/approvals?status=denied&trace_id=tr_external1").GET()))).containsEntry("count", 1);
        assertThat(json(send(as("dave", "/v1/approvals?status=pending&trace_id=tr_external1").GET()))).containsEntry("count", 0);
        assertThat(send(as("dave", "/v1/approvals/apr_0000000000000000").GET()).statusCode()).isEqualTo(404);
        assertThat(send(as("dave", "/v1/approvals?status=maybe").GET()).statusCode()).isEqualTo(400);
    }
}
