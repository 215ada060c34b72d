package io.aihelpdesk.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.OperatingMode;
import io.aihelpdesk.governance.approval.Approval;
import io.aihelpdesk.governance.approval.ApprovalQuery;
import io.aihelpdesk.governance.approval.ApprovalStatus;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.governance.policy.Principal;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.incident.IncidentSettings;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call that needs approval through MCP, with the official Java SDK client: without elicitation it is
 * a non-error result with status pending_approval; with elicitation the person at the client is asked,
 * and their "approve" counts only where the policy lets the requester's own client confirm.
 */
class McpApprovalTest {
    private static final String ALICE_KEY = "hd_mcp-alice";

    @TempDir
    Path dir;
    private Helpdesk helpdesk;
    private HttpServer http;

    private void start(String conditions) throws Exception {
        Files.writeString(dir.resolve("users.yaml"), "version: \"1\"\nusers:\n  - id: alice\n    roles: [dba]\n    api_key_sha256: "
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ALICE_KEY.getBytes(StandardCharsets.UTF_8))) + "\n");
        Files.writeString(dir.resolve("policy.yaml"), """
                version: "1"
                policies:
                  - name: host-bundles
                    resources: [{type: host}]
                    rules:
                      - action: read
                        effect: allow
                      - action: write
                        effect: require_approval
                        message: Bundles need a DBA's approval.
                        conditions: %s
                """.formatted(conditions));
        helpdesk = new Helpdesk(Inventory.none(), PostgresSettings.defaults(),
                new GovernanceOptions(dir.resolve("audit.db"), null, dir.resolve("policy.yaml"), Verdict.DENY, false).withMode(OperatingMode.FIX),
                IncidentSettings.defaults(dir.resolve("incidents"), "test"));
        http = HttpServer.start(helpdesk, "127.0.0.1", 0, ApiKeys.load(dir.resolve("users.yaml")));
    }

    @AfterEach
    void stop() throws Exception {
        if (http != null) {
            http.close();
            helpdesk.close();
        }
    }

    private McpSyncClient client(Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> elicitation) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + http.port())
                .endpoint("/mcp").httpRequestCustomizer((b, method, uri, body, ctx) -> b.header("Authorization", "Bearer " + ALICE_KEY)).build();
        McpClient.SyncSpec spec = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(90));
        if (elicitation != null) {
            spec = spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build()).elicitation(elicitation);
        }
        McpSyncClient c = spec.build();
        c.initialize();
        return c;
    }

    private static McpSchema.CallToolResult bundle(McpSyncClient c) {
        return c.callTool(McpSchema.CallToolRequest.builder().name("create_incident_bundle").arguments(Map.of("layers", "os"))
                .meta(Map.of("trace_id", "tr_mcpapproval")).build());
    }

    private long bundles() throws Exception {
        if (!Files.isDirectory(dir.resolve("incidents"))) {
            return 0;
        }
        try (var files = Files.list(dir.resolve("incidents"))) {
            return files.filter(f -> f.toString().endsWith(".tar.gz")).count();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void without_elicitation_the_result_is_pending_approval_with_who_and_how_and_the_instructions_name_the_mode() throws Exception {
        start("{approvers: [{role: dba}]}");
        try (McpSyncClient c = client(null)) {
            assertThat(c.getServerInstructions()).contains("Operating mode: fix.", "same _meta.trace_id");
            McpSchema.Tool tool = c.listTools().tools().stream().filter(t -> t.name().equals("create_incident_bundle")).findFirst().orElseThrow();
            assertThat((List<Object>) tool.outputSchema().get("anyOf")).hasSize(2);

            McpSchema.CallToolResult r = bundle(c);
            assertThat(r.isError()).isFalse();
            Map<String, Object> s = (Map<String, Object>) r.structuredContent();
            assertThat(s).containsEntry("status", "pending_approval").containsEntry("trace_id", "tr_mcpapproval")
                    .containsEntry("approvers", List.of("role:dba")).containsEntry("requested_by", "alice").containsEntry("quorum", 1);
            String id = (String) s.get("approval_id");
            assertThat(s.get("approve_with")).isEqualTo(Map.of("cli", "helpdesk approvals approve " + id, "http", "POST /v1/approvals/" + id + "/approve"));
            assertThat(((McpSchema.TextContent) r.content().get(0)).text()).startsWith("APPROVAL REQUIRED — create_incident_bundle: Bundles need a DBA's approval.");
            assertThat(bundles()).isZero();

            helpdesk.approvals().approve(id, Principal.user("bob", "dba"), "go", null, "test");
            McpSchema.CallToolResult ran = bundle(c);
            assertThat(ran.isError()).as(ran.toString()).isFalse();
            assertThat((Map<String, Object>) ran.structuredContent()).doesNotContainKey("approval_id");
            assertThat(bundles()).isEqualTo(1);
        }
    }

    @Test
    void elicitation_confirms_where_the_rule_allows_the_requesters_client_to_approve() throws Exception {
        start("{approvers: [{role: dba}], elicitation_approval: true}");
        AtomicReference<McpSchema.ElicitFormRequest> asked = new AtomicReference<>();
        try (McpSyncClient c = client(req -> {
            asked.set(req);
            return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("decision", "approve", "reason", "I checked the disk"));
        })) {
            McpSchema.CallToolResult r = bundle(c);
            assertThat(r.isError()).as(r.toString()).isFalse();
            assertThat(((McpSchema.TextContent) r.content().get(0)).text()).doesNotContain("APPROVAL REQUIRED");
            assertThat(bundles()).isEqualTo(1);
            assertThat(asked.get().message()).contains("create_incident_bundle on host:", "The policy lets you confirm it here yourself");
            assertThat(asked.get().requestedSchema().toString()).contains("enum=[approve, wait, cancel]");
            AuditEvent decided = helpdesk.audit().query(AuditQuery.all().trace("tr_mcpapproval").type("approval_decided")).get(0);
            assertThat(decided.decision()).containsEntry("status", "approved").containsEntry("approver", "alice")
                    .containsEntry("via", "elicitation").containsEntry("reason", "I checked the disk");
        }
    }

    @Test
    void an_approve_answer_is_ignored_where_the_rule_does_not_allow_it_and_wait_returns_once_another_approver_decides() throws Exception {
        start("{approvers: [{role: dba}]}");
        try (McpSyncClient c = client(req -> {
            assertThat(req.requestedSchema().toString()).contains("enum=[wait, cancel]");
            return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("decision", "approve"));
        })) {
            McpSchema.CallToolResult r = bundle(c);
            assertThat(r.isError()).isFalse();
            assertThat(r.structuredContent().toString()).contains("status=pending_approval");
            Approval a = helpdesk.approvals().list(ApprovalQuery.pending()).get(0);
            assertThat(a.votes()).isEmpty();
            assertThat(bundles()).isZero();
        }
        try (McpSyncClient c = client(req -> {
            Thread approver = new Thread(() -> {
                try {
                    Thread.sleep(500);
                    Approval a = helpdesk.approvals().list(ApprovalQuery.pending()).get(0);
                    helpdesk.approvals().approve(a.id(), Principal.user("bob", "dba"), "fine", null, "test");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            approver.start();
            return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("decision", "wait"));
        })) {
            McpSchema.CallToolResult r = bundle(c);
            assertThat(r.isError()).as(r.toString()).isFalse();
            assertThat(r.structuredContent().toString()).doesNotContain("pending_approval");
            assertThat(bundles()).isEqualTo(1);
        }
    }

    @Test
    void declining_the_form_cancels_the_request_and_nothing_runs() throws Exception {
        start("{approvers: [{role: dba}]}");
        try (McpSyncClient c = client(req -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null))) {
            McpSchema.CallToolResult r = bundle(c);
            assertThat(r.isError()).isTrue();
            assertThat(((McpSchema.TextContent) r.content().get(0)).text()).contains("was cancelled in the client by alice; nothing ran");
            assertThat(helpdesk.approvals().list(ApprovalQuery.all()).get(0).status()).isEqualTo(ApprovalStatus.CANCELLED);
            assertThat(bundles()).isZero();
        }
    }
}
