package io.aihelpdesk.server.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.a2a.remote.A2aClient;
import io.aihelpdesk.a2a.remote.Discovery;
import io.aihelpdesk.a2a.remote.RemoteAgent;
import io.aihelpdesk.a2a.remote.RemoteAgentTools;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.incident.IncidentSettings;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.kubernetes.KubernetesSettings;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.aihelpdesk.tools.triage.playbooks.Playbooks;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Remote A2A agents as governed tools, against a second {@code helpdesk serve} in this JVM (its own
 * Helpdesk over the demo database, its own audit chain) acting as the remote: discovery from
 * {@code HELPDESK_AGENT_URLS} and from an {@code agents.json}, the unreachable skipped and reported,
 * the call governed by this side's policy (resource type {@code agent}) and the trace id carried
 * to the remote's audit.
 */
class RemoteAgentsTest {
    private static final String POLICY = """
            version: "1"
            policies:
              - name: dba-delegates
                principals: [{role: dba}]
                resources: [{type: agent, match: {name: postgres_database_agent}}, {type: agent, match: {name: gone}}]
                rules: [{action: read, effect: allow}]
            """;
    private static final Caller ALICE = new Caller("alice", "user", List.of("dba"), "test");
    private static final Caller BOB = new Caller("bob", "user", List.of("developer"), "test");
    private static DemoFixture demo;
    private static HttpServer remote;
    private static String remoteBase;
    private static Path dir;
    private static Helpdesk local;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoFixture.get();
        remote = HttpServer.start(demo.helpdesk, "127.0.0.1", 0, null, null, name -> null);
        remoteBase = "http://127.0.0.1:" + remote.port();
        dir = Files.createTempDirectory("a2a-remote-");
        Map<String, String> env = Map.of("HELPDESK_AGENT_URLS", remoteBase + "/a2a/postgres_database_agent, " + remoteBase
                + "/a2a/k8s_agent/.well-known/agent-card.json,http://127.0.0.1:1/a2a/nobody");
        local = helpdesk(dir, RemoteAgentTools.fromEnvironment(env::get));
    }

    private static Helpdesk helpdesk(Path dir, List<ToolDefinition<?, ?>> remoteAgents) throws Exception {
        return new Helpdesk(InventoryLoader.load(demo.inventory), PostgresSettings.defaults(), KubernetesSettings.defaults(),
                new GovernanceOptions(dir.resolve("audit.db"), null, Files.writeString(dir.resolve("policies.yaml"), POLICY), Verdict.DENY, false),
                IncidentSettings.defaults(dir.resolve("incidents"), "test"), Playbooks.builtIn(), remoteAgents);
    }

    @AfterAll
    static void stop() throws Exception {
        local.close();
        remote.close();
    }

    @Test
    void each_reachable_agent_becomes_a_tool_and_the_unreachable_are_reported() throws Exception {
        assertThat(local.catalog().all()).extracting(ToolDefinition::name).contains("a2a_postgres_database_agent", "a2a_k8s_agent")
                .noneMatch(n -> n.contains("nobody"));
        ToolDefinition<?, ?> db = local.catalog().find("a2a_postgres_database_agent").orElseThrow();
        assertThat(db.description()).startsWith("Ask the remote A2A agent postgres_database_agent (" + remoteBase + "/a2a/postgres_database_agent)")
                .contains("PostgreSQL diagnostics");
        assertThat(local.catalog().inputSchema(db.name()).get("required")).isEqualTo(List.of("message"));

        Discovery d = Discovery.fromEnvironment(Map.of("HELPDESK_AGENT_URLS", "http://127.0.0.1:1/a2a/nobody")::get, HttpClient.newHttpClient());
        assertThat(d.agents()).isEmpty();
        assertThat(d.unavailable()).singleElement().asString().startsWith("http://127.0.0.1:1/a2a/nobody: ");
    }

    @Test
    void asking_a_remote_agent_is_governed_here_and_traced_there() {
        String trace = "tr_remote_ask_1";
        Outcome o = local.pipeline().run(new Invocation("a2a_postgres_database_agent", Map.of("message", "is demo slow?"), ALICE, trace, "mcp"));
        assertThat(o).isInstanceOf(Outcome.Succeeded.class);
        Map<String, Object> data = ((Outcome.Succeeded) o).data();
        assertThat(data).containsEntry("agent", "postgres_database_agent").containsEntry("state", "completed");
        assertThat(data.get("text").toString()).startsWith("→ diagnose demo").contains("trace " + trace);

        List<AuditEvent> here = local.audit().query(AuditQuery.all().trace(trace));
        assertThat(here).extracting(AuditEvent::eventType).contains("policy_decision", "tool_execution");
        assertThat(here).allSatisfy(e -> assertThat(e.tool().name()).isEqualTo("a2a_postgres_database_agent"));
        List<AuditEvent> there = demo.helpdesk.audit().query(AuditQuery.all().trace(trace));
        assertThat(there).filteredOn(e -> e.tool().name().equals("diagnose")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.tool().agent()).isEqualTo("aihelpdesk/a2a"));

        Outcome denied = local.pipeline().run(new Invocation("a2a_postgres_database_agent", Map.of("message", "is demo slow?"), BOB, "tr_remote_bob", "mcp"));
        assertThat(denied).isInstanceOf(Outcome.Denied.class);
        assertThat(denied.text()).startsWith("DENIED — a2a_postgres_database_agent");
        assertThat(demo.helpdesk.audit().query(AuditQuery.all().trace("tr_remote_bob"))).isEmpty();

        Outcome otherAgent = local.pipeline().run(new Invocation("a2a_k8s_agent", Map.of("message", "why is the pod restarting?"), ALICE,
                "tr_remote_k8s", "mcp"));
        assertThat(otherAgent).isInstanceOf(Outcome.Denied.class);
        assertThat(demo.helpdesk.audit().query(AuditQuery.all().trace("tr_remote_k8s"))).isEmpty();
    }

    @Test
    void the_chats_domain_agents_may_ask_the_remote_agents() {
        try (io.aihelpdesk.server.mcp.InProcessServer mcp = new io.aihelpdesk.server.mcp.InProcessServer(local, "chat");
             io.aihelpdesk.orchestrator.McpConnection c = io.aihelpdesk.orchestrator.McpConnection.open(mcp.connect(ALICE), "in-process")) {
            assertThat(c.tools()).filteredOn(t -> t.name().equals("a2a_k8s_agent")).singleElement()
                    .satisfies(t -> assertThat(t.meta()).containsEntry("io.aihelpdesk/capability", "a2a"));
            assertThat(io.aihelpdesk.orchestrator.Agent.KUBERNETES.tools(c.tools())).contains("get_pods", "a2a_k8s_agent", "a2a_postgres_database_agent");
            assertThat(io.aihelpdesk.orchestrator.Agent.DATABASE.tools(c.tools())).contains("get_lock_info", "a2a_postgres_database_agent")
                    .doesNotContain("get_pods");
        }
    }

    @Test
    void the_rest_gateway_lists_the_remote_agents_as_their_own_family() throws Exception {
        try (HttpServer rest = HttpServer.start(local, "127.0.0.1", 0, null, null, name -> null)) {
            A2aCalls calls = new A2aCalls(rest.port(), false, Map.of());
            Map<String, Object> agents = io.aihelpdesk.tools.Json.mapper().readValue(calls.raw("GET", "/api/v1/agents", null).body(), Map.class);
            List<Map<String, Object>> list = A2aCalls.list(A2aCalls.map(agents.get("result")).get("agents"));
            assertThat(list).filteredOn(a -> a.get("name").equals("a2a")).singleElement()
                    .satisfies(a -> assertThat(a.get("skills")).isEqualTo(List.of("a2a_postgres_database_agent", "a2a_k8s_agent")));
            assertThat(list).filteredOn(a -> a.get("name").equals("governance")).singleElement()
                    .satisfies(a -> assertThat(a.get("skills").toString()).doesNotContain("a2a_"));
        }
    }

    @Test
    void agents_json_names_the_agents_and_their_use_cases() throws Exception {
        Path file = Files.writeString(dir.resolve("agents.json"), """
                [{"name": "vendor-k8s", "url": "%s/a2a/k8s_agent", "description": "A vendor's Kubernetes agent",
                  "use_cases": ["pods that restart", "pending pods"]}]
                """.formatted(remoteBase));
        List<ToolDefinition<?, ?>> tools = RemoteAgentTools.fromEnvironment(Map.of("HELPDESK_AGENTS_CONFIG", file.toString())::get);
        assertThat(tools).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("a2a_vendor_k8s");
            assertThat(t.description()).contains("vendor-k8s", "A vendor's Kubernetes agent", "Use it for: pods that restart; pending pods.");
        });
    }

    @Test
    void a_vendor_agent_configured_to_replace_our_k8s_agent_answers_the_chats_kubernetes_questions() throws Exception {
        Path file = Files.writeString(dir.resolve("replacing-agents.json"), """
                [{"name": "vendor-k8s", "url": "%s/a2a/k8s_agent", "replaces": "k8s_agent"}]
                """.formatted(remoteBase));
        Path other = Files.createTempDirectory("a2a-replace-");
        try (Helpdesk withVendor = helpdesk(other, RemoteAgentTools.fromEnvironment(Map.of("HELPDESK_AGENTS_CONFIG", file.toString())::get));
             io.aihelpdesk.server.mcp.InProcessServer mcp = new io.aihelpdesk.server.mcp.InProcessServer(withVendor, "chat");
             io.aihelpdesk.orchestrator.McpConnection c = io.aihelpdesk.orchestrator.McpConnection.open(mcp.connect(ALICE), "in-process")) {
            assertThat(c.tools()).filteredOn(t -> t.name().equals("a2a_vendor_k8s")).singleElement()
                    .satisfies(t -> assertThat(t.meta()).containsEntry("io.aihelpdesk/replaces", "k8s_agent"));
            assertThat(io.aihelpdesk.orchestrator.Agent.KUBERNETES.tools(c.tools())).containsExactly("a2a_vendor_k8s");
            assertThat(io.aihelpdesk.orchestrator.Agent.DATABASE.tools(c.tools())).contains("get_lock_info").doesNotContain("a2a_vendor_k8s");
            assertThat(withVendor.catalog().find("get_pods")).as("our Kubernetes tools stay available to MCP, REST and A2A callers").isPresent();
        }
        Path bad = Files.writeString(dir.resolve("bad-replaces.json"), "[{\"url\": \"http://x/\", \"replaces\": \"dba\"}]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RemoteAgentTools.fromEnvironment(Map.of("HELPDESK_AGENTS_CONFIG", bad.toString())::get))
                .hasMessageContaining("[0].replaces: must be one of postgres_database_agent, k8s_agent, incident_agent, got 'dba'");
    }

    @Test
    void a_bad_agents_json_is_a_config_error_naming_every_problem() throws Exception {
        Path file = Files.writeString(dir.resolve("bad-agents.json"), "[{\"name\": \"a\"}, {\"url\": \"http://x/\"}, 7]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RemoteAgentTools.fromEnvironment(Map.of("HELPDESK_AGENTS_CONFIG", file.toString())::get))
                .isInstanceOf(io.aihelpdesk.tools.config.ConfigException.class)
                .hasMessage("2 problems in " + file + " (HELPDESK_AGENTS_CONFIG):\n  [0]: needs a \"url\" (the agent's base URL, where its "
                        + ".well-known/agent-card.json is)\n  [2]: needs a \"url\" (the agent's base URL, where its .well-known/agent-card.json is)");
    }

    @Test
    void a_v03_agent_is_asked_with_message_send_and_an_unreachable_one_is_a_diagnosed_failure() throws Exception {
        A2aClient client = new A2aClient(HttpClient.newHttpClient(), null, Duration.ofSeconds(60));
        RemoteAgent legacy = new RemoteAgent("legacy", remoteBase + "/a2a/postgres_database_agent", remoteBase + "/a2a/postgres_database_agent",
                "0.3", "", List.of());
        A2aClient.Answer a = client.ask(legacy, "is demo slow?", "tr_remote_v03");
        assertThat(a.state()).isEqualTo("completed");
        assertThat(a.text()).startsWith("→ diagnose demo");
        assertThat(demo.helpdesk.audit().query(AuditQuery.all().trace("tr_remote_v03"))).isNotEmpty();

        RemoteAgent gone = new RemoteAgent("gone", "http://127.0.0.1:1", "http://127.0.0.1:1/a2a/gone", "1.0", "", List.of());
        Path other = Files.createTempDirectory("a2a-remote-gone-");
        try (Helpdesk h = helpdesk(other, RemoteAgentTools.of(new Discovery(List.of(gone), List.of()), client))) {
            Outcome o = h.pipeline().run(new Invocation("a2a_gone", Map.of("message", "hello"), ALICE, "tr_remote_gone", "mcp"));
            assertThat(o).isInstanceOf(Outcome.Failed.class);
            assertThat(((Outcome.Failed) o).diagnosis().code()).isEqualTo("remote_agent_unreachable");
            assertThat(o.text()).startsWith("ERROR — a2a_gone failed: gone at http://127.0.0.1:1/a2a/gone could not be reached");
        }
    }
}
