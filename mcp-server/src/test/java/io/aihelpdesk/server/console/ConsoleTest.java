package io.aihelpdesk.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.approval.Approval;
import io.aihelpdesk.governance.approval.ApprovalStatus;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console on a server with API keys and a policy that parks incident bundles (a write on the
 * server's host) for one DBA: sign-in, the session cookie, CSRF refusals, approving as the signed-in
 * principal (and the self-approval refusal), and escaping of what callers put into the audit trail.
 */
class ConsoleTest {
    private static final Map<String, String> KEYS = Map.of("alice", "hd_test-alice", "bob", "hd_test-bob", "dave", "hd_test-dave");
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
                    message: Incident bundles need a DBA.
                    conditions: {approvers: [{role: dba}]}
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
            users.append("  - id: ").append(e.getKey()).append("\n    roles: [").append(e.getKey().equals("dave") ? "developer" : "dba")
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

    /** alice asks for an incident bundle over REST; the policy parks it. Returns the approval id. */
    @SuppressWarnings("unchecked")
    private String pendingBundle(String trace) throws Exception {
        HttpResponse<String> r = rest("alice", "/api/v1/incidents", "{\"layers\": \"os\"}", trace);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return (String) Json.mapper().readValue(r.body(), Map.class).get("approval_id");
    }

    private HttpResponse<String> rest(String user, String path, String body, String trace) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + KEYS.get(user)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (trace != null) {
            b.header("X-Trace-ID", trace);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Approval approval(String id) {
        return helpdesk.approvals().find(id).orElseThrow();
    }

    @Test
    void pages_redirect_to_sign_in_and_an_unknown_key_is_refused() throws Exception {
        Browser browser = new Browser(base);
        HttpResponse<String> inbox = browser.get("/console/approvals");
        assertThat(inbox.statusCode()).isEqualTo(303);
        assertThat(inbox.headers().firstValue("Location")).hasValue("/console/login");
        assertThat(browser.get("/console/audit").statusCode()).isEqualTo(303);

        HttpResponse<String> login = browser.get("/console/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"api_key\"").doesNotContain("http://", "https://");
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));

        HttpResponse<String> wrong = browser.post("/console/login", Map.of("api_key", "hd_not-a-key"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Sign-in refused: the API key is not known to this server.");
        assertThat(browser.cookie()).isNull();

        HttpResponse<String> post = browser.postRaw("/console/approvals/apr_0123456789abcdef/approve", Map.of("csrf", "x"), base);
        assertThat(post.statusCode()).as("a POST without a session").isEqualTo(401);
        // The bearer filter lets console paths through; a path that only starts like one is not a console path.
        HttpResponse<String> sneaky = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/console/..%2Fv1/events")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sneaky.statusCode()).isNotEqualTo(200);
        assertThat(sneaky.body()).doesNotContain("\"events\"");
    }

    @Test
    void signing_in_sets_a_strict_httponly_session_cookie_that_does_not_hold_the_key_and_sign_out_ends_it() throws Exception {
        Browser browser = new Browser(base);
        HttpResponse<String> in = browser.post("/console/login", Map.of("api_key", KEYS.get("bob")));
        assertThat(in.statusCode()).as(in.body()).isEqualTo(303);
        assertThat(in.headers().firstValue("Location")).hasValue("/console/approvals");
        String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(ConsoleServlet.COOKIE + "=").contains("; HttpOnly", "; SameSite=Strict", "; Path=/console")
                .doesNotContain("Secure", KEYS.get("bob"), "hd_test");
        assertThat(setCookie.split(";")[0].length()).as("a 256-bit random id").isGreaterThan(ConsoleServlet.COOKIE.length() + 40);

        HttpResponse<String> inbox = browser.get("/console/approvals");
        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(inbox.body()).contains("signed in as <b id=\"principal\">bob</b>").doesNotContain(KEYS.get("bob"));

        assertThat(browser.post("/console/logout", Map.of()).statusCode()).isEqualTo(303);
        assertThat(browser.cookie()).isNull();
        Browser stolen = new Browser(base);
        HttpResponse<String> replay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/console/approvals"))
                .header("Cookie", setCookie.split(";")[0]).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).as("the signed-out session id no longer works").isEqualTo(303);
        assertThat(stolen.get("/console/approvals").statusCode()).isEqualTo(303);
    }

    @Test
    void a_form_without_the_sessions_token_or_from_another_origin_is_refused_and_changes_nothing() throws Exception {
        String id = pendingBundle("tr_console_csrf1");
        Browser bob = new Browser(base);
        bob.signIn(KEYS.get("bob"));
        String path = "/console/approvals/" + id + "/approve";

        HttpResponse<String> noToken = bob.postRaw(path, Map.of("reason", "ok"), base);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("(csrf_token)");
        HttpResponse<String> otherToken = bob.postRaw(path, Map.of("reason", "ok", "csrf", "forged"), base);
        assertThat(otherToken.statusCode()).isEqualTo(403);
        HttpResponse<String> otherOrigin = bob.postRaw(path, Map.of("reason", "ok", "csrf", bob.csrf()), "https://evil.example");
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(otherOrigin.body()).contains("(csrf_origin_mismatch)");
        HttpResponse<String> noOrigin = bob.postRaw(path, Map.of("reason", "ok", "csrf", bob.csrf()), null);
        assertThat(noOrigin.statusCode()).isEqualTo(403);
        assertThat(noOrigin.body()).contains("(csrf_origin_missing)");

        Approval a = approval(id);
        assertThat(a.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(a.votes()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void approving_in_the_console_votes_as_the_signed_in_principal_refuses_self_approval_and_the_call_then_runs() throws Exception {
        String trace = "tr_console_approve1";
        String id = pendingBundle(trace);

        Browser alice = new Browser(base);
        alice.signIn(KEYS.get("alice"));
        HttpResponse<String> inbox = alice.get("/console/approvals");
        assertThat(inbox.body()).contains("data-approval=\"" + id + "\"", "create_incident_bundle", "<span class=\"quorum\">0 of 1</span>",
                "Incident bundles need a DBA.");
        HttpResponse<String> self = alice.post("/console/approvals/" + id + "/approve", Map.of("reason", "mine"));
        assertThat(self.statusCode()).isEqualTo(303);
        assertThat(alice.get("/console/approvals").body())
                .contains("Refused (self_approval): alice requested " + id + " and cannot approve it; ask one of: role:dba other than alice");
        assertThat(approval(id).status()).isEqualTo(ApprovalStatus.PENDING);

        Browser dave = new Browser(base);
        dave.signIn(KEYS.get("dave"));
        dave.post("/console/approvals/" + id + "/approve", Map.of());
        assertThat(dave.get("/console/approvals").body()).contains("Refused (not_an_approver)");

        Browser bob = new Browser(base);
        bob.signIn(KEYS.get("bob"));
        HttpResponse<String> vote = bob.post("/console/approvals/" + id + "/approve", Map.of("reason", "checked the host, fine"));
        assertThat(vote.statusCode()).isEqualTo(303);
        assertThat(bob.get("/console/approvals").body()).contains(id + " is approved (1 of 1); alice&#39;s call (create_incident_bundle, trace "
                + trace + ") may now run.");
        Approval a = approval(id);
        assertThat(a.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(a.resolvedBy()).isEqualTo("bob");
        assertThat(a.votes()).singleElement().satisfies(v -> {
            assertThat(v.principal()).isEqualTo("bob");
            assertThat(v.via()).isEqualTo("console");
            assertThat(v.reason()).isEqualTo("checked the host, fine");
        });

        HttpResponse<String> ran = rest("alice", "/api/v1/incidents", "{\"layers\": \"os\"}", trace);
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
        AuditEvent decided = helpdesk.audit().query(AuditQuery.all().trace(trace)).stream()
                .filter(e -> e.eventType().equals("approval_decided")).findFirst().orElseThrow();
        assertThat(decided.decision()).containsEntry("status", "approved").containsEntry("approved_by", List.of("bob"));

        HttpResponse<String> timeline = bob.get("/console/audit?trace=" + trace);
        assertThat(timeline.body()).contains("id=\"trace-view\"", "approval requested", "approval decided",
                "id=\"chain-status\"", "Chain verified:").containsPattern("tool call</b> create_incident_bundle by alice <span class=\"badge success\">");
        assertThat(bob.get("/console/approvals").body()).contains("<span class=\"count\" id=\"pending-count\">0</span>");
    }

    @Test
    void what_callers_put_into_the_audit_trail_is_shown_escaped() throws Exception {
        String attack = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        HttpResponse<String> call = rest("alice", "/api/v1/db/get_lock_info", Json.write(Map.of("connection_string", attack)), "tr_console_xss1");
        assertThat(call.statusCode()).as(call.body()).isBetween(400, 599);
        assertThat(helpdesk.audit().query(AuditQuery.all().trace("tr_console_xss1"))).isNotEmpty();

        Browser bob = new Browser(base);
        bob.signIn(KEYS.get("bob"));
        for (String page : List.of("/console/audit", "/console/audit?trace=tr_console_xss1", "/console/audit?tool=" + java.net.URLEncoder.encode(attack, StandardCharsets.UTF_8))) {
            String html = bob.get(page).body();
            assertThat(html).as(page).doesNotContain("<script", "<img src=x").doesNotContainIgnoringCase("onerror=alert(1)>");
        }
        assertThat(bob.get("/console/audit?trace=tr_console_xss1").body()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(bob.get("/console/audit?tool=%22%3E%3Cb%3E").body()).contains("value=\"&quot;&gt;&lt;b&gt;\"");
    }

    @Test
    void the_timeline_filters_by_principal_outcome_and_time() throws Exception {
        pendingBundle("tr_console_filter1");
        HttpResponse<String> refused = rest("bob", "/api/v1/db/get_lock_info", "{\"connection_string\": \"nowhere\"}", "tr_console_filter2");
        assertThat(helpdesk.audit().query(AuditQuery.all().trace("tr_console_filter2"))).as(refused.body())
                .extracting(e -> e.outcome() == null ? null : e.outcome().status()).contains("error");
        Browser bob = new Browser(base);
        bob.signIn(KEYS.get("bob"));
        String byAlice = bob.get("/console/audit?principal=alice").body();
        assertThat(byAlice).contains("tr_console_filter1").doesNotContain("tr_console_filter2");
        String failed = bob.get("/console/audit?outcome=error").body();
        assertThat(failed).contains("tr_console_filter2").doesNotContain("tr_console_filter1");
        assertThat(bob.get("/console/audit?outcome=pending_approval").body()).contains("tr_console_filter1").doesNotContain("tr_console_filter2");
        assertThat(bob.get("/console/audit?since=2999-01-01T00:00").body()).contains("No events match.");
        for (int i = 0; i < AuditPage.SHOWN; i++) {
            helpdesk.audit().append(AuditEvent.of("gateway_request").withTrace("tr_console_many", null)
                    .withPrincipal(new AuditEvent.Principal("carol", "user", List.of())));
        }
        String page = bob.get("/console/audit?principal=carol").body();
        assertThat(page).contains("<span class=\"count\" id=\"event-count\">" + AuditPage.SHOWN + "</span>").doesNotContain("id=\"older\"");
        helpdesk.audit().append(AuditEvent.of("gateway_request").withTrace("tr_console_many", null)
                .withPrincipal(new AuditEvent.Principal("carol", "user", List.of())));
        page = bob.get("/console/audit?principal=carol").body();
        assertThat(page).contains("(newest " + AuditPage.SHOWN + " shown)", "id=\"older\" href=\"/console/audit?principal=carol&amp;until=");
        java.util.regex.Matcher older = java.util.regex.Pattern.compile("id=\"older\" href=\"([^\"]+)\"").matcher(page);
        assertThat(older.find()).isTrue();
        assertThat(bob.get(older.group(1).replace("&amp;", "&")).body()).as("the page before: the oldest event alone")
                .contains("<span class=\"count\" id=\"event-count\">1</span>");
        assertThat(bob.get("/console/audit?since=yesterday").body()).contains("since &#39;yesterday&#39; is not a time");
    }

    /** The events a chat delegation chains (as Delegation and the pipeline write them), then a call after it on the same trace. */
    @Test
    void the_trace_view_nests_the_tool_calls_of_a_delegation_under_it() throws Exception {
        String trace = "tr_console_deleg1";
        AuditEvent.Principal carol = new AuditEvent.Principal("carol", "user", List.of("dba"));
        String decision = helpdesk.audit().append(AuditEvent.of("delegation_decision").withTrace(trace, null).withPrincipal(carol)
                .withTool(new AuditEvent.Tool("delegate_to_agent", "aihelpdesk/chat", Map.of("message", "why is orders slow?"), null, null, null, null))
                .withDecision(Map.of("agent", "database", "request_category", "performance"))).eventId();
        String call = helpdesk.audit().append(AuditEvent.of("tool_execution").withTrace(trace, null).withPrincipal(carol)
                .withTool(new AuditEvent.Tool("get_lock_info", "aihelpdesk/chat", Map.of("connection_string", "orders"), null, null, null, null))).eventId();
        helpdesk.audit().append(AuditEvent.of("outcome").withTrace(trace, call).withPrincipal(carol)
                .withTool(new AuditEvent.Tool("get_lock_info", "aihelpdesk/chat", Map.of("connection_string", "orders"), null, "no blocking locks", null, 12L))
                .withOutcome(new AuditEvent.Outcome("success", null, 12L)));
        helpdesk.audit().append(AuditEvent.of("outcome").withTrace(trace, decision).withPrincipal(carol)
                .withTool(new AuditEvent.Tool("delegate_to_agent", "aihelpdesk/chat", Map.of(), null, null, null, null))
                .withOutcome(new AuditEvent.Outcome("success", null, 40L)));
        Thread.sleep(5);
        helpdesk.audit().append(AuditEvent.of("tool_execution").withTrace(trace, null).withPrincipal(carol)
                .withTool(new AuditEvent.Tool("get_pods", "aihelpdesk/chat", Map.of(), null, null, null, null))
                .withOutcome(new AuditEvent.Outcome("denied", "no policy allows it", 1L)));

        Browser bob = new Browser(base);
        bob.signIn(KEYS.get("bob"));
        String html = bob.get("/console/audit?trace=" + trace).body();
        String tree = html.substring(html.indexOf("id=\"trace-view\""), html.indexOf("</section>", html.indexOf("id=\"trace-view\"")));
        assertThat(tree).containsPattern("<li class=\"delegation\"><div class=\"node\"><b>delegation</b> to <b>database</b> by carol "
                + "<span class=\"badge success\">success</span>.*?</div><ol><li class=\"tool_execution\"><div class=\"node\"><b>tool call</b> "
                + "get_lock_info by carol <span class=\"badge success\">success</span>.*?no blocking locks.*?</li></ol></li>"
                + "<li class=\"tool_execution\"><div class=\"node\"><b>tool call</b> get_pods by carol <span class=\"badge denied\">denied</span>");
    }

    @Test
    void an_api_key_in_a_bearer_header_opens_pages_without_a_session() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/console/audit"))
                .header("Authorization", "Bearer " + KEYS.get("dave")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("signed in as <b id=\"principal\">dave</b>");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/console/audit"))
                .header("Authorization", "Bearer hd_wrong").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(303);
    }
}
