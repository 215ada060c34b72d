package io.aihelpdesk.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.approval.Approval;
import io.aihelpdesk.governance.policy.Principal;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.incident.IncidentSettings;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of a real server on loopback without API keys (so the endpoint is open), over a
 * real PostgreSQL: each assertion scrapes before and after real calls through the REST gateway and
 * checks the samples moved by exactly what the calls did.
 */
class MetricsEndpointTest {
    private static final String POLICY = """
            version: "1"
            guardrails:
              circuit_breaker: {consecutive_failures: 1, open_seconds: 600}
            policies:
              - name: databases
                resources: [{type: database}]
                rules: [{action: read, effect: allow}]
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
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static Helpdesk helpdesk;
    private static HttpServer http;

    @BeforeAll
    static void start() throws Exception {
        DemoFixture demo = DemoFixture.get(); // its PostgreSQL; this server has its own policy, audit and approvals
        Files.writeString(dir.resolve("policy.yaml"), POLICY);
        Files.writeString(dir.resolve("inventory.yaml"), demo.database.inventory()
                + "  gone:\n    connection_string: \"host=127.0.0.1 port=1 dbname=gone user=nobody connect_timeout=2\"\n");
        helpdesk = new Helpdesk(InventoryLoader.load(dir.resolve("inventory.yaml")), PostgresSettings.defaults(),
                new GovernanceOptions(dir.resolve("audit.db"), null, dir.resolve("policy.yaml"), Verdict.DENY, false),
                IncidentSettings.defaults(dir.resolve("incidents"), "test"));
        http = HttpServer.start(helpdesk, "127.0.0.1", 0, null, null, name -> null);
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        helpdesk.close();
    }

    private static HttpResponse<String> post(String path, String body, String trace) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return CLIENT.send((trace == null ? b : b.header("X-Trace-ID", trace)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_tool_call_is_counted_by_tool_effect_and_outcome_with_its_latency_in_the_histogram() throws Exception {
        String[] ok = {"tool=\"check_connection\"", "effect=\"read\"", "outcome=\"succeeded\""};
        Scrape before = Scrape.of(http.port());
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.contentType()).startsWith("text/plain; version=0.0.4");

        assertThat(post("/api/v1/db/check_connection", "{\"connection_string\":\"demo\"}", null).statusCode()).isEqualTo(200);
        Scrape after = Scrape.of(http.port());

        assertThat(after.value("helpdesk_tool_calls_seconds_count", ok) - before.value("helpdesk_tool_calls_seconds_count", ok)).isEqualTo(1);
        double seconds = after.value("helpdesk_tool_calls_seconds_sum", ok) - before.value("helpdesk_tool_calls_seconds_sum", ok);
        assertThat(seconds).isPositive().isLessThan(60);
        assertThat(after.value("helpdesk_tool_calls_seconds_bucket", concat(ok, "le=\"+Inf\"")))
                .isEqualTo(after.value("helpdesk_tool_calls_seconds_count", ok));
        assertThat(after.text()).contains("helpdesk_tool_calls_seconds_bucket{effect=\"read\",outcome=\"succeeded\",tool=\"check_connection\",le=\"0.005\"}",
                "le=\"120.0\"");
        assertThat(after.value("helpdesk_policy_decisions_total", "effect=\"read\"", "verdict=\"allow\"")
                - before.value("helpdesk_policy_decisions_total", "effect=\"read\"", "verdict=\"allow\"")).isEqualTo(1);
        // policy_decision, tool_execution and outcome: three appends, and the chain grew by three
        assertThat(after.value("helpdesk_audit_append_seconds_count") - before.value("helpdesk_audit_append_seconds_count")).isEqualTo(3);
        assertThat(after.value("helpdesk_audit_chain_length")).isEqualTo(helpdesk.audit().verify().totalEvents());
        assertThat(after.value("helpdesk_audit_append_failures_total")).isZero();
    }

    @Test
    void the_database_pool_of_a_target_shows_its_connections_and_size() throws Exception {
        assertThat(post("/api/v1/db/get_database_info", "{\"connection_string\":\"demo\"}", null).statusCode()).isEqualTo(200);
        Scrape s = Scrape.of(http.port());
        String target = s.text().lines().filter(l -> l.startsWith("helpdesk_db_pool_max{")).findFirst().orElseThrow();
        assertThat(target).matches("helpdesk_db_pool_max\\{mode=\"ro\",target=\"\\w+@localhost:\\d+/shop\"} .*");
        String labels = target.substring(target.indexOf('{') + 1, target.indexOf('}'));
        String[] pool = labels.split(",(?=\\w+=)");
        double active = s.value("helpdesk_db_pool_connections", concat(pool, "state=\"active\""));
        double idle = s.value("helpdesk_db_pool_connections", concat(pool, "state=\"idle\""));
        assertThat(active).as("no call is running").isZero();
        assertThat(idle).as("the connection the call used went back to the pool").isGreaterThanOrEqualTo(1);
        assertThat(s.value("helpdesk_db_pool_connections", concat(pool, "state=\"pending\""))).isZero();
        assertThat(s.value("helpdesk_db_pool_max", pool)).isEqualTo(PostgresSettings.defaults().poolSize());
        assertThat(s.value("helpdesk_circuit_state", "target=\"database demo\"", "state=\"closed\"")).isEqualTo(1);
        assertThat(s.value("helpdesk_circuit_state", "target=\"database demo\"", "state=\"open\"")).isZero();
    }

    @Test
    void a_dead_target_opens_its_circuit_and_the_refusal_is_counted_under_its_guardrail() throws Exception {
        String dead = "{\"connection_string\":\"gone\"}";
        Scrape before = Scrape.of(http.port());
        HttpResponse<String> first = post("/api/v1/db/check_connection", dead, null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(502);
        HttpResponse<String> refused = post("/api/v1/db/check_connection", dead, null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("circuit_breaker guardrail");
        Scrape after = Scrape.of(http.port());

        assertThat(after.value("helpdesk_guardrail_refusals_total", "guardrail=\"circuit_breaker\"")
                - before.value("helpdesk_guardrail_refusals_total", "guardrail=\"circuit_breaker\"")).isEqualTo(1);
        String[] failed = {"tool=\"check_connection\"", "effect=\"read\"", "outcome=\"failed\""};
        String[] denied = {"tool=\"check_connection\"", "effect=\"read\"", "outcome=\"denied\""};
        assertThat(after.value("helpdesk_tool_calls_seconds_count", failed) - before.value("helpdesk_tool_calls_seconds_count", failed)).isEqualTo(1);
        assertThat(after.value("helpdesk_tool_calls_seconds_count", denied) - before.value("helpdesk_tool_calls_seconds_count", denied)).isEqualTo(1);
        assertThat(after.value("helpdesk_circuit_state", "target=\"database gone\"", "state=\"open\"")).isEqualTo(1);
        assertThat(after.value("helpdesk_circuit_state", "target=\"database gone\"", "state=\"closed\"")).isZero();
        assertThat(after.value("helpdesk_circuit_state", "target=\"database gone\"", "state=\"half_open\"")).isZero();
        assertThat(after.value("helpdesk_circuit_state", "target=\"database demo\"", "state=\"closed\"")).as("other targets unaffected").isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_call_parked_for_approval_shows_as_pending_until_it_is_approved() throws Exception {
        double decisionsBefore = Scrape.of(http.port()).value("helpdesk_policy_decisions_total", "effect=\"write\"", "verdict=\"require_approval\"");
        HttpResponse<String> asked = post("/api/v1/incidents", "{\"layers\": \"os\"}", "tr_metrics_pending");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        String id = (String) Json.mapper().readValue(asked.body(), Map.class).get("approval_id");
        Scrape parked = Scrape.of(http.port());
        assertThat(parked.value("helpdesk_approvals_pending")).isEqualTo(1);
        assertThat(parked.value("helpdesk_policy_decisions_total", "effect=\"write\"", "verdict=\"require_approval\"") - decisionsBefore).isEqualTo(1);
        assertThat(parked.value("helpdesk_tool_calls_seconds_count", "tool=\"create_incident_bundle\"", "outcome=\"pending_approval\"")).isEqualTo(1);

        Approval approved = helpdesk.approvals().approve(id, new Principal("dana", "user", List.of("dba")), "fine", null, "http");
        assertThat(approved.status().label()).isEqualTo("approved");
        assertThat(Scrape.of(http.port()).value("helpdesk_approvals_pending")).isZero();
    }

    @Test
    void a_tool_name_the_catalog_does_not_have_is_counted_as_unknown_not_as_a_new_series() throws Exception {
        Scrape before = Scrape.of(http.port());
        Outcome o = helpdesk.pipeline().run(new Invocation("no_such_tool_x1", Map.of(), Caller.anonymous("127.0.0.1"), null, "test"));
        assertThat(o).isInstanceOf(Outcome.Invalid.class);
        Scrape after = Scrape.of(http.port());
        assertThat(after.text()).doesNotContain("no_such_tool_x1");
        String[] unknown = {"tool=\"unknown\"", "effect=\"unknown\"", "outcome=\"invalid\""};
        assertThat(after.value("helpdesk_tool_calls_seconds_count", unknown) - before.value("helpdesk_tool_calls_seconds_count", unknown)).isEqualTo(1);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
