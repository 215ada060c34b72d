package io.aihelpdesk.server.chat;

import static io.aihelpdesk.server.chat.VendorReplay.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.orchestrator.Chat;
import io.aihelpdesk.orchestrator.ChatSession;
import io.aihelpdesk.orchestrator.McpConnection;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.Caller;
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
 * {@code helpdesk chat --server URL}: the chat is an MCP client of a remote {@code helpdesk serve} over
 * Streamable HTTP with an API key, so the server authenticates, governs and audits every call as that
 * key's identity; delegation decisions and {@code /trace} go through the server's audit API.
 */
class RemoteChatTest {
    private static final String POLICY = """
            version: "1"
            policies:
              - name: dba-read
                principals: [{role: dba}]
                resources: [{type: database}, {type: kubernetes}]
                rules: [{action: read, effect: allow}]
            """;
    private static Helpdesk server;
    private static HttpServer http;
    private static String alice;
    private static String bob;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("remote-chat-");
        server = new Helpdesk(InventoryLoader.load(DemoFixture.get().inventory), PostgresSettings.defaults(),
                new GovernanceOptions(dir.resolve("audit.db"), null, Files.writeString(dir.resolve("policies.yaml"), POLICY), Verdict.DENY, false));
        String[] a = ApiKeys.newKey();
        String[] b = ApiKeys.newKey();
        alice = a[0];
        bob = b[0];
        http = HttpServer.start(server, "127.0.0.1", 0, ApiKeys.parse("users:\n  - id: alice\n    roles: [dba]\n    api_key_sha256: " + a[1]
                + "\n  - id: bob\n    roles: [developer]\n    api_key_sha256: " + b[1] + "\n", "users.yaml", Map.<String, String>of()::get));
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        server.close();
    }

    private static String url() {
        return "http://127.0.0.1:" + http.port();
    }

    private static ChatSession chat(String key, String who, Map<String, String> env) {
        return Chat.open(McpConnection.remote(url(), key), Chat.remoteTrail(url(), key), new Caller(who, "user", List.of(), "chat"),
                false, env::get);
    }

    @Test
    void an_offline_question_runs_diagnose_on_the_remote_server_as_the_key_holder_and_trace_reads_its_audit() {
        ChatSession chat = chat(alice, "alice", Map.of());
        assertThat(chat.banner()).contains("by the server (" + url() + ")", "1 database");
        assertThat(chat.databases()).contains("demo");
        String answer = chat.ask("are there locks on demo?");
        assertThat(answer).contains("→ diagnose demo (focus database; matched: lock)", "PROBLEMS FOUND: demo");

        List<AuditEvent> onServer = server.audit().query(AuditQuery.all().trace(chat.lastTrace()).limit(1000));
        assertThat(onServer).extracting(e -> e.tool().name()).contains("diagnose", "check_connection");
        assertThat(onServer).allSatisfy(e -> assertThat(e.principal().id()).isEqualTo("alice"));
        assertThat(onServer).filteredOn(e -> e.tool().name().equals("diagnose")).extracting(e -> e.tool().agent())
                .containsOnly("aihelpdesk/http");
        assertThat(chat.trace()).contains("trace " + chat.lastTrace() + ": " + onServer.size() + " audit events", "diagnose");
    }

    @Test
    void the_servers_policy_applies_to_the_chat_like_to_any_client() {
        String answer = chat(bob, "bob", Map.of()).ask("are there locks on demo?");
        assertThat(answer).contains("DENIED — diagnose");
    }

    @Test
    void an_event_posted_to_the_audit_api_is_chained_as_the_authenticated_caller_not_as_the_name_it_claims() throws Exception {
        String forged = AuditEvent.of("delegation_decision").withTrace("tr_forged", null)
                .withPrincipal(new AuditEvent.Principal("mallory", "user", List.of("admin"))).toJson();
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url() + "/v1/events")).header("Authorization", "Bearer " + bob).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(forged)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(server.audit().query(AuditQuery.all().trace("tr_forged"))).singleElement()
                .satisfies(e -> assertThat(e.principal().id()).isEqualTo("bob"));
    }

    @Test
    void a_rejected_key_is_a_clear_error_before_the_chat_starts() {
        assertThatThrownBy(() -> McpConnection.remote(url(), "hd_wrong")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot open an MCP session with " + url());
        assertThatThrownBy(() -> McpConnection.remote("ftp://x", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an http(s) URL");
    }

    @Test
    void with_a_model_the_delegation_decision_is_chained_on_the_remote_server_with_the_tool_calls() throws Exception {
        try (VendorReplay vendor = VendorReplay.of(ok(AnthropicReplayTest.DELEGATE), ok(AnthropicReplayTest.TOOL_USE),
                ok(AnthropicReplayTest.AGENT_DONE), ok(AnthropicReplayTest.ROUTER_DONE))) {
            ChatSession chat = chat(alice, "alice", Map.of("HELPDESK_MODEL_VENDOR", "anthropic", "HELPDESK_API_KEY", "sk-test-replay",
                    "HELPDESK_MODEL_BASE_URL", vendor.url()));
            assertThat(chat.ask("is demo up?")).contains("demo is up");
            List<AuditEvent> onServer = server.audit().query(AuditQuery.all().trace(chat.lastTrace()).limit(1000));
            assertThat(onServer).extracting(AuditEvent::eventType).containsExactly("delegation_decision", "policy_decision",
                    "tool_execution", "outcome", "outcome");
            assertThat(onServer).allSatisfy(e -> assertThat(e.principal().id()).isEqualTo("alice"));
            assertThat(onServer.get(0).decision()).containsEntry("agent", "database");
        }
    }
}
