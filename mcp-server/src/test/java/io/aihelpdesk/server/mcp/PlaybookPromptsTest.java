package io.aihelpdesk.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.kubernetes.KubernetesSettings;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.aihelpdesk.tools.triage.playbooks.Playbooks;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Playbooks as MCP prompts, read with the MCP Java SDK's own client over Streamable HTTP. */
class PlaybookPromptsTest {
    private static final String INVENTORY = """
            db_servers:
              prod-orders:
                name: Orders
                connection_string: "host=db.prod dbname=orders user=monitor"
                k8s_cluster: prod-eu
                k8s_namespace: orders
              legacy:
                connection_string: "host=vm1 dbname=old user=monitor"
            k8s_clusters:
              prod-eu: {context: gke-prod-eu}
            """;

    @TempDir
    Path dir;

    @Test
    void lists_one_prompt_per_playbook_and_renders_it_for_an_inventory_database() throws Exception {
        Path own = Files.createDirectories(dir.resolve("playbooks"));
        Files.writeString(own.resolve("pgbouncer.yaml"), """
                id: pb_pgbouncer_saturation
                version: "3"
                problem_class: pgbouncer_saturation
                title: PgBouncer pools are saturated
                symptoms: [clients wait for a server connection]
                investigation:
                  - tool: get_connection_stats
                    arguments: {connection_string: "{{target}}"}
                    look_for: sessions from the pooler against max_connections
                remediation:
                  - {action: raise default_pool_size, effect: WRITE, approval_expected: true}
                escalation: {when: [clients time out], to: the platform team}
                """);
        Inventory inventory = InventoryLoader.parse(INVENTORY, "inventory.yaml", Map.<String, String>of()::get);
        try (Helpdesk helpdesk = new Helpdesk(inventory, PostgresSettings.defaults(), KubernetesSettings.defaults(),
                GovernanceOptions.auditOnly(dir.resolve("audit.db")),
                io.aihelpdesk.tools.incident.IncidentSettings.fromEnvironment(k -> null, dir.resolve("incidents"),
                        io.aihelpdesk.server.Version.current()), Playbooks.load(own));
             HttpServer http = HttpServer.start(helpdesk, "127.0.0.1", 0);
             McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + http.port())
                     .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(30)).build()) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.capabilities().prompts()).isNotNull();

            McpSchema.ListPromptsResult prompts = client.listPrompts();
            assertThat(prompts.prompts()).hasSize(31);
            McpSchema.Prompt lock = prompts.prompts().stream().filter(p -> p.name().equals("pb_lock_blocking")).findFirst().orElseThrow();
            assertThat(lock.description()).isEqualTo("Sessions are blocked behind a lock holder");
            assertThat(lock.arguments()).singleElement().satisfies(a -> {
                assertThat(a.name()).isEqualTo("target");
                assertThat(a.required()).isTrue();
            });
            assertThat(prompts.prompts()).extracting(McpSchema.Prompt::name).contains("pb_pgbouncer_saturation");

            McpSchema.GetPromptResult crash = client.getPrompt(new McpSchema.GetPromptRequest("pb_compound_crash",
                    Map.of("target", "prod-orders")));
            assertThat(crash.messages()).singleElement().satisfies(m -> {
                assertThat(m.role()).isEqualTo(McpSchema.Role.USER);
                String text = ((McpSchema.TextContent) m.content()).text();
                assertThat(text).startsWith("Troubleshoot database prod-orders for this problem: Database unreachable "
                                + "because its pod is crashing. Follow playbook pb_compound_crash (version 1).")
                        .contains("Target: prod-orders (Orders) runs in Kubernetes namespace orders of cluster prod-eu",
                                "1. diagnose(connection_string=\"prod-orders\")",
                                "2. check_connection(connection_string=\"prod-orders\")",
                                "3. get_pods(context=\"prod-eu\", namespace=\"orders\")\n",
                                "Do not run a WRITE or DESTRUCTIVE step without my explicit go-ahead")
                        .doesNotContain("{{target}}", "{{namespace}}", "{{context}}", "{{selector}}");
                assertThat(text.indexOf("2. check_connection")).isLessThan(text.indexOf("3. get_pods"));
            });

            McpSchema.ListToolsResult tools = client.listTools();
            McpSchema.CallToolResult got = client.callTool(new McpSchema.CallToolRequest("get_playbook",
                    Map.of("id", "pb_stale_replication_slot", "target", "prod-orders")));
            assertThat(got.isError()).as(String.valueOf(got.content())).isFalse();
            assertConformsToOutputSchema(tools, "get_playbook", got);
            assertThat(((McpSchema.TextContent) got.content().get(0)).text())
                    .contains("1. get_replication_slots(connection_string=\"prod-orders\")");
            McpSchema.CallToolResult listed = client.callTool(new McpSchema.CallToolRequest("list_playbooks", Map.of()));
            assertConformsToOutputSchema(tools, "list_playbooks", listed);
            assertThat(((McpSchema.TextContent) listed.content().get(0)).text())
                    .startsWith("31 playbooks");

            McpError unknown = catchThrowableOfType(() -> client.getPrompt(new McpSchema.GetPromptRequest("pb_deadlock",
                    Map.of("target", "prod-ordrs"))), McpError.class);
            assertThat(unknown.getMessage()).contains("target 'prod-ordrs' is not an inventory database; known databases: prod-orders, legacy");
        }
    }

    private static void assertConformsToOutputSchema(McpSchema.ListToolsResult tools, String name, McpSchema.CallToolResult result) {
        McpSchema.Tool tool = tools.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        var verdict = new DefaultJsonSchemaValidator().validate(tool.outputSchema(), result.structuredContent());
        assertThat(verdict.valid()).as(name + ": " + verdict.errorMessage()).isTrue();
    }

    @Test
    void without_a_target_the_prompt_keeps_the_placeholders_and_asks_which_database() {
        Playbooks playbooks = Playbooks.builtIn();
        String text = PlaybookPrompts.text(playbooks.find("pb_no_endpoints").orElseThrow(), Inventory.none(), n -> true, "");
        assertThat(text).startsWith("Troubleshoot the database I name (ask me which one if I have not said)")
                .contains("in place of {{namespace}}", "1. get_service(context=\"{{context}}\", namespace=\"{{namespace}}\")");
    }

    @Test
    void a_database_without_kubernetes_placement_is_said_so() throws Exception {
        Inventory inventory = InventoryLoader.parse(INVENTORY, "inventory.yaml", Map.<String, String>of()::get);
        String text = PlaybookPrompts.text(Playbooks.builtIn().find("pb_lock_blocking").orElseThrow(), inventory, n -> true, "legacy");
        assertThat(text).contains("Target: legacy (legacy) is standalone; it has no Kubernetes placement in the inventory",
                "1. get_blocking_queries(connection_string=\"legacy\")");
    }
}
