package io.aihelpdesk.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.incident.IncidentSettings;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over Streamable HTTP with the MCP Java client: create_incident_bundle reports progress per layer
 * to a request with a progress token, carries the triage engine's top findings for the demo database,
 * and is readable as helpdesk://incidents resources.
 */
class IncidentResourcesTest {
    @TempDir
    Path dir;

    @Test
    void bundle_reports_progress_per_layer_carries_top_findings_and_is_readable_as_resources() throws Exception {
        DemoFixture demo = DemoFixture.get();
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (Helpdesk helpdesk = new Helpdesk(InventoryLoader.load(demo.inventory), PostgresSettings.defaults(),
                GovernanceOptions.auditOnly(dir.resolve("audit.db")), IncidentSettings.defaults(dir.resolve("incidents"), "test"));
             HttpServer http = HttpServer.start(helpdesk, "127.0.0.1", 0);
             McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + http.port())
                             .endpoint("/mcp").build())
                     .requestTimeout(Duration.ofSeconds(90)).progressConsumer(progress::add).build()) {
            client.initialize();
            McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder().name("create_incident_bundle")
                    .arguments(Map.of("infra_key", "demo", "description", "resource test", "layers", "database,os"))
                    .progressToken("bundle-1").build());
            assertThat(result.isError()).as(result.content().toString()).isFalse();
            @SuppressWarnings("unchecked")
            Map<String, Object> reply = (Map<String, Object>) result.structuredContent();
            String id = (String) reply.get("incident_id");
            assertThat(reply.get("findings").toString()).contains("category=sequence_exhaustion", "severity=critical");

            assertThat(progress).extracting(McpSchema.ProgressNotification::message)
                    .contains("collecting database (1 of 2)", "collecting os (2 of 2)", "triage and writing the bundle", "bundle written");
            assertThat(progress).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("bundle-1"));
            assertThat(progress).extracting(McpSchema.ProgressNotification::progress).isSorted().doesNotHaveDuplicates();
            assertThat(progress).extracting(McpSchema.ProgressNotification::total).containsOnly(3.0);

            String list = text(client.readResource(new McpSchema.ReadResourceRequest("helpdesk://incidents")));
            assertThat(list).contains("\"incident_id\" : \"" + id + "\"", "resource test");

            McpSchema.ReadResourceResult incident = client.readResource(new McpSchema.ReadResourceRequest("helpdesk://incidents/" + id));
            assertThat(incident.contents()).extracting(McpSchema.ResourceContents::uri)
                    .containsExactly("helpdesk://incidents/" + id + "/manifest.json", "helpdesk://incidents/" + id + "/summary.md");
            assertThat(text(incident)).contains("\"sha256\"", "\"layer_status\"");

            String summary = text(client.readResource(new McpSchema.ReadResourceRequest("helpdesk://incidents/" + id + "/summary.md")));
            assertThat(summary).contains("# Incident " + id, "## Top findings", "- **critical** public.invoice_no (smallint)",
                    "(`sequence_exhaustion`)", "(`table_bloat`)");
            assertThat(text(client.readResource(new McpSchema.ReadResourceRequest("helpdesk://incidents/" + id + "/triage/diagnose.txt"))))
                    .contains("demo");
            assertThat(text(client.readResource(new McpSchema.ReadResourceRequest(
                    "helpdesk://incidents/" + id + "/database/check_connection.txt")))).contains("Connection successful");
            assertThatThrownBy(() -> client.readResource(new McpSchema.ReadResourceRequest("helpdesk://incidents/" + id + "/os/nope.txt")))
                    .hasMessageContaining("has no file os/nope.txt");
        }
    }

    private static String text(McpSchema.ReadResourceResult r) {
        return ((McpSchema.TextResourceContents) r.contents().get(0)).text();
    }
}
