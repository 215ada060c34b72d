package io.aihelpdesk.governance.compliance;

import static io.aihelpdesk.governance.testkit.TestPipeline.ALICE;
import static io.aihelpdesk.governance.testkit.TestPipeline.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.testkit.TestPipeline;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.Outcome;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compliance report over a scripted session: real calls through a real pipeline (allowed,
 * denied by policy and by a guardrail, failed, invalid), approval events written as the approval
 * service writes them, a policy edit half-way; then every section's numbers, in JSON, CSV and
 * HTML, the HTML also rendered by a real headless browser.
 */
class ComplianceReportTest {
    private static final String POLICY = """
            version: "1"
            guardrails:
              blast_radius: {max_sessions_terminated: 5}
            policies:
              - name: reads
                resources: [{type: database}]
                rules: [{action: read, effect: allow}]
              - name: dba-changes-on-staging
                principals: [{role: dba}]
                resources: [{type: database, match: {tags: [staging]}}]
                rules: [{action: [write, destructive], effect: allow}]
            """;

    @TempDir
    static Path dir;
    private static SqliteAuditStore audit;
    private static Instant from;
    private static Instant to;
    private static ComplianceReport report;
    private static final Map<String, String> traces = new LinkedHashMap<>();

    @BeforeAll
    static void session() throws Exception {
        audit = new SqliteAuditStore(dir.resolve("audit.db"));
        from = Instant.now().minusSeconds(1);
        Pipeline p = TestPipeline.create(audit, POLICY, Clock.systemUTC());
        run(p, "read-prod-alice", "check_connection", Map.of("connection_string", "prod"), ALICE, Outcome.Succeeded.class);
        run(p, "read-prod-bob", "check_connection", Map.of("connection_string", "prod"), BOB, Outcome.Succeeded.class);
        run(p, "read-dead", "check_connection", Map.of("connection_string", "dead"), ALICE, Outcome.Failed.class);
        run(p, "write-bob-denied", "fake_terminate", Map.of("connection_string", "staging", "count", 1), BOB, Outcome.Denied.class);
        approve("write-alice", "apr_1", "approved", "carol", "1/1");
        run(p, "write-alice", "fake_terminate", Map.of("connection_string", "staging", "count", 2), ALICE, Outcome.Succeeded.class);
        run(p, "write-too-many", "fake_terminate", Map.of("connection_string", "staging", "count", 9), ALICE, Outcome.Denied.class);
        approve("drop-alice", "apr_2", "approved", "dave", "2/2");
        run(p, "drop-alice", "fake_drop", Map.of("connection_string", "staging", "name", "old_slot"), ALICE, Outcome.Succeeded.class);
        run(p, "invalid", "check_connection", Map.of("connection_string", "prod", "colour", "red"), ALICE, Outcome.Invalid.class);
        Pipeline edited = TestPipeline.create(audit, POLICY + "# edited: same rules, new version\n", Clock.systemUTC());
        run(edited, "after-edit", "check_connection", Map.of("connection_string", "prod"), ALICE, Outcome.Succeeded.class);
        to = Instant.now().plusSeconds(60);
        report = ComplianceReport.collect(audit, from, to, Instant.now());
    }

    @AfterAll
    static void close() {
        audit.close();
    }

    private static void run(Pipeline p, String name, String tool, Map<String, Object> args, Caller caller,
                            Class<? extends Outcome> expected) {
        String trace = traces.computeIfAbsent(name, k -> Invocation.newTraceId()); // an approved call keeps its approval's trace
        Outcome o = p.run(new Invocation(tool, args, caller, trace, "test"));
        assertThat(o).as(name + ": " + o.text()).isInstanceOf(expected);
    }

    /** The approval service's two events for a call, under the call's trace, as it chains them. */
    private static void approve(String name, String approvalId, String status, String approver, String quorum) {
        String trace = Invocation.newTraceId();
        traces.put(name, trace);
        AuditEvent.Principal requester = new AuditEvent.Principal("alice", "user", List.of("dba"));
        audit.append(AuditEvent.of("approval_requested").withTrace(trace, null).withPrincipal(requester)
                .withDecision(Map.of("approval_id", approvalId, "status", "pending", "quorum", quorum)));
        audit.append(AuditEvent.of("approval_decided").withTrace(trace, null).withPrincipal(requester)
                .withDecision(Map.of("approval_id", approvalId, "status", status, "approver", approver,
                        "reason", "change ticket CHG-" + approvalId, "quorum", quorum)));
    }

    private static String trace(String name) {
        return traces.get(name);
    }

    @Test
    void counts_calls_by_action_class_principal_target_and_outcome() {
        assertThat(report.totalCalls()).isEqualTo(9);
        assertThat(report.byActionClass()).containsExactly(Map.entry("read", 5L), Map.entry("write", 3L), Map.entry("destructive", 1L));
        assertThat(report.byPrincipal()).containsExactly(Map.entry("alice", 7L), Map.entry("bob", 2L));
        assertThat(report.byTarget()).containsExactly(Map.entry("prod", 4L), Map.entry("staging", 4L), Map.entry("dead", 1L));
        assertThat(report.byOutcome()).containsExactly(Map.entry("success", 5L), Map.entry("denied", 2L), Map.entry("error", 1L),
                Map.entry("invalid", 1L));
    }

    @Test
    void lists_every_denial_with_its_reason() {
        assertThat(report.denials()).extracting(Call::principal, Call::tool, Call::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bob", "fake_terminate", "staging"),
                        org.assertj.core.groups.Tuple.tuple("alice", "fake_terminate", "staging"));
        assertThat(report.denials().get(0).reason()).contains("no matching policy");
        assertThat(report.denials().get(1).reason()).contains("blast_radius guardrail: this call would affect 9 sessions; at most 5");
        assertThat(report.denialsByCause()).containsExactly(Map.entry("guardrail_blast_radius", 1L), Map.entry("policy", 1L));
    }

    @Test
    void lists_every_change_with_its_approval_chain_and_verification() {
        assertThat(report.changes()).extracting(Call::traceId).containsExactly(trace("write-bob-denied"), trace("write-alice"),
                trace("write-too-many"), trace("drop-alice"));
        Call write = report.changes().get(1);
        assertThat(write.approval()).isEqualTo("approved");
        assertThat(write.approvers()).isEqualTo("carol");
        assertThat(write.approvals()).extracting(ApprovalStep::event).containsExactly("approval_requested", "approval_decided");
        assertThat(write.verified()).isTrue();
        Call drop = report.changes().get(3);
        assertThat(drop.actionClass()).isEqualTo("destructive");
        assertThat(drop.approval()).isEqualTo("approved");
        assertThat(drop.approvals().get(1).quorum()).isEqualTo("2/2");
        assertThat(drop.verified()).isFalse();
        assertThat(report.changes().get(0).approval()).isEqualTo("none");
        assertThat(report.changes().get(0).verified()).isNull();
    }

    @Test
    void verifies_the_chain_and_names_the_policy_versions_in_force() {
        assertThat(report.chain().valid()).isTrue();
        assertThat(report.chain().totalEvents()).isEqualTo(audit.verify().totalEvents());
        assertThat(report.policyVersions()).hasSize(2);
        assertThat(report.policyVersions()).extracting(PolicyVersion::decisions).containsExactly(7L, 1L);
        assertThat(report.policyVersions().get(0).version()).hasSize(64)
                .isNotEqualTo(report.policyVersions().get(1).version());
    }

    @Test
    void a_period_before_the_session_is_empty() {
        ComplianceReport empty = ComplianceReport.collect(audit, from.minusSeconds(3600), from, Instant.now());
        assertThat(empty.totalCalls()).isZero();
        assertThat(empty.denials()).isEmpty();
        assertThat(empty.policyVersions()).isEmpty();
        assertThat(ReportFormat.HTML.render(empty)).contains("none in this period");
    }

    @Test
    void json_has_every_section_with_the_same_numbers() {
        Map<String, Object> json = Json.mapper().readValue(ReportFormat.JSON.render(report), Map.class);
        assertThat(json).containsEntry("total_calls", 9);
        assertThat((Map<String, Object>) json.get("by_outcome")).containsEntry("denied", 2).containsEntry("success", 5);
        assertThat((List<?>) json.get("denials")).hasSize(2);
        assertThat((Map<String, Object>) json.get("denials_by_cause")).containsEntry("guardrail_blast_radius", 1).containsEntry("policy", 1);
        List<Map<String, Object>> changes = (List<Map<String, Object>>) json.get("changes");
        assertThat(changes).hasSize(4);
        assertThat(changes.get(1)).containsEntry("approval", "approved").containsEntry("verified", true);
        assertThat((List<?>) changes.get(1).get("approval_chain")).hasSize(2);
        assertThat((Map<String, Object>) json.get("chain_verification")).containsEntry("valid", true);
        assertThat((List<?>) json.get("policy_versions")).hasSize(2);
    }

    @Test
    void csv_has_one_row_per_call_with_approval_and_verification() {
        String[] lines = ReportFormat.CSV.render(report).split("\r\n");
        assertThat(lines).hasSize(10);
        assertThat(lines[0]).isEqualTo("at,trace_id,principal,tool,action_class,target,outcome,reason,approval,approvers,verified");
        String write = java.util.Arrays.stream(lines).filter(l -> l.contains(trace("write-alice"))).findFirst().orElseThrow();
        assertThat(write).contains(",alice,fake_terminate,write,staging,success,,approved,carol,true");
        assertThat(java.util.Arrays.stream(lines).filter(l -> l.contains(",denied,")).count()).isEqualTo(2);
    }

    @Test
    void html_report_renders_in_a_headless_browser_with_its_totals_and_charts() throws Exception {
        Path html = dir.resolve("report.html");
        Files.writeString(html, ReportFormat.HTML.render(report), StandardCharsets.UTF_8);
        var chromium = Chromium.find(Files.createDirectories(dir.resolve("chromium-profile")));
        assumeThat(chromium).as("Debian chromium is not installed (.ci/run installs it)").isPresent();

        String dom = chromium.get().dumpDom(html);
        assertThat(dom).contains("<div class=\"n\" id=\"total-calls\">9</div>", "<div class=\"n\" id=\"total-denials\">2</div>",
                "<div class=\"n\" id=\"total-changes\">4</div>", "<div class=\"n\" id=\"total-policy-versions\">2</div>",
                "id=\"chain-status\" class=\"ok\">intact</span>",
                "data-label=\"denied\" data-count=\"2\"", "data-label=\"alice\" data-count=\"7\"",
                "data-label=\"destructive\" data-count=\"1\"", "data-label=\"guardrail_blast_radius\" data-count=\"1\"", "data-label=\"staging\" data-count=\"4\"");
        assertThat(dom.split("<tr data-trace=", -1)).hasSize(1 + 2 + 4);

        Path png = dir.resolve("report.png");
        chromium.get().screenshot(html, png, 1280, 1800);
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(20_000);
        assertThat(java.util.Arrays.copyOf(bytes, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(1800);
        assertThat(containsColour(image, 0x2f6db5)).as("the charts' first bar colour is on screen").isTrue();
    }

    private static boolean containsColour(BufferedImage image, int rgb) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return seen.contains(rgb);
    }
}
