package io.aihelpdesk.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.approval.Approval;
import io.aihelpdesk.governance.approval.ApprovalRequest;
import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.governance.policy.ApprovalTerms;
import io.aihelpdesk.governance.policy.Principal;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.incident.IncidentSettings;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helpdesk approvals} against a running server, as the identity of each user's API key. */
class ApprovalsCommandTest {
    @TempDir
    Path dir;
    private Helpdesk helpdesk;
    private HttpServer http;
    private String base;

    @BeforeEach
    void start() throws Exception {
        StringBuilder users = new StringBuilder("version: \"1\"\nusers:\n");
        for (String id : List.of("alice", "bob")) {
            Files.writeString(dir.resolve(id + ".key"), "hd_cli-" + id + "\n");
            users.append("  - id: ").append(id).append("\n    roles: [dba]\n    api_key_sha256: ").append(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(("hd_cli-" + id).getBytes(StandardCharsets.UTF_8)))).append('\n');
        }
        Files.writeString(dir.resolve("users.yaml"), users);
        helpdesk = new Helpdesk(Inventory.none(), PostgresSettings.defaults(), GovernanceOptions.auditOnly(dir.resolve("audit.db")),
                IncidentSettings.defaults(dir.resolve("incidents"), "test"));
        http = HttpServer.start(helpdesk, "127.0.0.1", 0, ApiKeys.load(dir.resolve("users.yaml")));
        base = "http://127.0.0.1:" + http.port();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        helpdesk.close();
    }

    private Approval request(String trace) {
        return helpdesk.approvals().create(new ApprovalRequest(trace, "terminate_connection", "destructive", "database:prod", "h",
                Principal.user("alice", "dba"), "prod", "Terminating a session on production needs a DBA.",
                new ApprovalTerms(1, List.of("role:dba"), List.of(), 60, 30, false), null));
    }

    private CliRun as(String user, String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server";
        all[args.length + 1] = base;
        all[args.length + 2] = "--key-file";
        all[args.length + 3] = dir.resolve(user + ".key").toString();
        return CliRun.of(all);
    }

    @Test
    void lists_shows_and_approves_as_the_key_holder_and_refuses_self_approval() {
        Approval a = request("tr_cli1");
        CliRun pending = as("bob", "approvals", "pending");
        assertThat(pending.exit()).as(pending.err()).isZero();
        assertThat(pending.out()).startsWith("ID ").contains(a.id() + "  pending", "terminate_connection", "database:prod", "alice", "0/1");

        CliRun show = as("bob", "approvals", "show", a.id());
        assertThat(show.out()).startsWith(a.id() + "  PENDING\n").contains("  tool          terminate_connection on database:prod (destructive)",
                "  approvals     0 of 1, approvers [role:dba]");

        CliRun self = as("alice", "approvals", "approve", a.id());
        assertThat(self.exit()).isEqualTo(1);
        assertThat(self.err()).isEqualTo("refused (HTTP 403, self_approval): alice requested " + a.id()
                + " and cannot approve it; ask one of: role:dba other than alice\n");

        CliRun ok = as("bob", "approvals", "approve", a.id(), "--reason", "session is stuck", "--valid-for", "5");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith(a.id() + "  APPROVED\n").contains("  resolved      bob at ", ": session is stuck");
        assertThat(helpdesk.approvals().find(a.id()).orElseThrow().validUntil())
                .isEqualTo(helpdesk.approvals().find(a.id()).orElseThrow().resolvedAt().plusSeconds(300));
    }

    @Test
    void deny_needs_a_reason_list_filters_and_watch_reports_new_requests() {
        Approval a = request("tr_cli2");
        assertThat(as("bob", "approvals", "deny", a.id()).exit()).as("--reason is required").isEqualTo(2);
        assertThat(as("bob", "approvals", "deny", a.id(), "--reason", "use cancel_query first").exit()).isZero();
        CliRun denied = as("bob", "approvals", "list", "--status", "denied", "--json");
        assertThat(denied.out()).contains("\"approval_id\" : \"" + a.id() + "\"", "\"resolution_reason\" : \"use cancel_query first\"");
        assertThat(as("bob", "approvals", "list", "--status", "pending").out()).isEqualTo("no approvals\n");

        Approval b = request("tr_cli3");
        CliRun watch = as("bob", "approvals", "watch", "--polls", "1");
        assertThat(watch.exit()).isZero();
        assertThat(watch.out()).startsWith("NEW " + b.id() + "  PENDING\n").contains("approve: helpdesk approvals approve " + b.id());
    }

    @Test
    void mode_flag_accepts_readonly_and_fix_and_names_a_bad_value() {
        String audit = dir.resolve("cli-audit.db").toString();
        assertThat(CliRun.of("tools", "--mode", "fix", "--audit-db", audit).exit()).isZero();
        CliRun bad = CliRun.of("tools", "--mode", "yolo", "--audit-db", audit);
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("--mode must be readonly or fix, got 'yolo'");
    }

    @Test
    void helpdesk_tool_waits_for_approval_and_runs_when_re_issued_with_its_trace() throws Exception {
        Files.writeString(dir.resolve("inventory.yaml"), "db_servers:\n  prod:\n    connection_string: \"host=127.0.0.1 port=1 "
                + "dbname=postgres user=monitor connect_timeout=2\"\n    tags: [production]\n");
        Files.writeString(dir.resolve("policy.yaml"), """
                version: "1"
                policies:
                  - name: prod-reads-approved
                    resources: [{type: database, match: {tags: [production]}}]
                    rules: [{action: read, effect: require_approval, conditions: {approvers: [{role: dba}]}}]
                """);
        String[] common = {"tool", "check_connection", "--target", "prod", "--inventory", dir.resolve("inventory.yaml").toString(),
            "--policy", dir.resolve("policy.yaml").toString(), "--audit-db", dir.resolve("cli-audit.db").toString(), "--as", "alice",
            "--role", "dba", "--trace", "tr_cli_tool"};
        CliRun first = CliRun.of(common);
        assertThat(first.exit()).as(first.out() + first.err()).isEqualTo(4);
        assertThat(first.err()).startsWith("APPROVAL REQUIRED — check_connection: ")
                .contains("re-run the same call with the same arguments and trace id tr_cli_tool", "CLI: helpdesk tool --trace");
        String id = first.err().replaceAll("(?s).*\\(approval (apr_[0-9a-f]+)\\).*", "$1");
        assertThat(id).startsWith("apr_");

        try (var audit = new io.aihelpdesk.governance.audit.SqliteAuditStore(dir.resolve("cli-audit.db"));
             var store = io.aihelpdesk.governance.approval.JdbcApprovalStore.sqlite(dir.resolve("approvals.db"))) {
            new io.aihelpdesk.governance.approval.Approvals(store, audit, io.aihelpdesk.governance.approval.ApprovalNotifier.NONE,
                    java.time.Clock.systemUTC()).approve(id, Principal.user("bob", "dba"), "ok", null, "test");
        }
        CliRun again = CliRun.of(common);
        assertThat(again.exit()).as("approved: it ran, and the closed port refused it").isEqualTo(1);
        assertThat(again.err()).startsWith("ERROR — check_connection failed for prod").contains("refused");
    }

    @Test
    void an_unreachable_server_is_exit_code_2_with_what_to_check() {
        CliRun r = CliRun.of("approvals", "pending", "--server", "http://127.0.0.1:1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("refused (no connection, unreachable): cannot reach http://127.0.0.1:1: ")
                .contains("is helpdesk serve running there? (--server or HELPDESK_SERVER_URL)");
    }
}
