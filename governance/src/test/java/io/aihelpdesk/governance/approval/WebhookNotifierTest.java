package io.aihelpdesk.governance.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.policy.ApprovalTerms;
import io.aihelpdesk.governance.policy.Principal;
import io.aihelpdesk.tools.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notifications as a real HTTP receiver gets them: webhook (JSON and Slack bodies) and the request's callback_url. */
class WebhookNotifierTest {
    @TempDir
    Path dir;
    private HttpServer receiver;
    private final BlockingQueue<String[]> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void listen() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new String[] {exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> next(String path) throws InterruptedException {
        String[] r = received.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("a POST to " + path).isNotNull();
        assertThat(r[0]).isEqualTo(path);
        return Json.mapper().readValue(r[1], Map.class);
    }

    /** The next two POSTs, by path, in whatever order they arrived. */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> nextTwo() throws InterruptedException {
        Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
        for (int i = 0; i < 2; i++) {
            String[] r = received.poll(10, TimeUnit.SECONDS);
            assertThat(r).as("POST " + (i + 1) + " of 2").isNotNull();
            out.put(r[0], Json.mapper().readValue(r[1], Map.class));
        }
        return out;
    }

    private Approval request(Approvals approvals, String callback) {
        return approvals.create(new ApprovalRequest("tr_n", "delete_pod", "destructive", "kubernetes:payments", "h",
                Principal.user("alice", "sre"), "prod-pods", "Pod deletion on production needs an SRE.",
                new ApprovalTerms(1, List.of("role:sre"), List.of("role:oncall-lead"), 60, 60, false), callback));
    }

    @Test
    void json_webhook_gets_the_request_and_the_callback_url_gets_the_resolution() throws Exception {
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("a.db")); JdbcApprovalStore store = JdbcApprovalStore.sqlite(dir.resolve("b.db"))) {
            Approvals approvals = new Approvals(store, audit, new WebhookNotifier(URI.create(url("/hook")), "auto",
                    "https://helpdesk.example:8080"), Clock.systemUTC());
            Approval a = request(approvals, url("/callback"));
            Map<String, Object> hook = next("/hook");
            assertThat(hook).containsEntry("event", "approval_requested")
                    .containsEntry("approve_with", "helpdesk approvals approve " + a.id())
                    .containsEntry("api", "https://helpdesk.example:8080/v1/approvals/" + a.id());
            assertThat((String) hook.get("text")).isEqualTo("Approval needed: delete_pod on kubernetes:payments requested by alice "
                    + "(destructive, trace tr_n, policy prod-pods, quorum 1)\nApprove: helpdesk approvals approve " + a.id()
                    + " --server https://helpdesk.example:8080  ·  Deny: helpdesk approvals deny " + a.id()
                    + " --reason \"...\"  ·  Approvers: role:sre");
            assertThat((Map<String, Object>) hook.get("approval")).containsEntry("approval_id", a.id()).containsEntry("status", "pending");

            approvals.deny(a.id(), Principal.user("bob", "sre"), "use a rollout restart instead");
            Map<String, Map<String, Object>> both = nextTwo(); // the webhook and the callback are sent concurrently
            assertThat(both).containsOnlyKeys("/hook", "/callback");
            Map<String, Object> callback = both.get("/callback");
            assertThat(callback).containsEntry("approval_id", a.id()).containsEntry("status", "denied")
                    .containsEntry("resolved_by", "bob").containsEntry("resolution_reason", "use a rollout restart instead")
                    .containsKey("resolved_at");
        }
    }

    @Test
    void slack_format_sends_text_and_a_mrkdwn_section_and_emergencies_are_alerted() throws Exception {
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("a.db")); JdbcApprovalStore store = JdbcApprovalStore.sqlite(dir.resolve("b.db"))) {
            Approvals approvals = new Approvals(store, audit, new WebhookNotifier(URI.create(url("/services/T0/B0/x")), "slack", null),
                    Clock.systemUTC());
            Approval a = request(approvals, null);
            Map<String, Object> slack = next("/services/T0/B0/x");
            assertThat(slack).containsOnlyKeys("text", "blocks");
            assertThat((String) slack.get("text")).startsWith("Approval needed: delete_pod on kubernetes:payments");
            assertThat(slack.get("blocks")).isEqualTo(List.of(Map.of("type", "section", "text",
                    Map.of("type", "mrkdwn", "text", slack.get("text")))));

            approvals.emergency(a.id(), Principal.user("olga", "oncall-lead"), "payments down");
            Map<String, Object> alert = next("/services/T0/B0/x");
            assertThat((String) alert.get("text")).startsWith(":rotating_light: EMERGENCY (break glass) by olga: delete_pod on "
                    + "kubernetes:payments").endsWith("reason: payments down");
        }
    }

    @Test
    void a_hooks_slack_com_url_selects_the_slack_body() {
        Approval a = new Approval("apr_1", ApprovalStatus.PENDING, "tr", "t", "write", "database:x", "h", "alice", List.of(), "p",
                "m", 1, List.of(), List.of(), List.of(), java.time.Instant.EPOCH, java.time.Instant.EPOCH, 1, null, null, null,
                null, null, false, 0);
        assertThat(new WebhookNotifier(URI.create("https://hooks.slack.com/services/T/B/X"), "auto", null).body("e", a, "hi"))
                .isEqualTo("{\"blocks\":[{\"text\":{\"text\":\"hi\",\"type\":\"mrkdwn\"},\"type\":\"section\"}],\"text\":\"hi\"}");
        assertThat(new WebhookNotifier(URI.create("https://chat.example/hook"), "auto", null).body("e", a, "hi"))
                .startsWith("{\"api\":\"/v1/approvals/apr_1\"");
    }
}
