package io.aihelpdesk.server.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.OperatingMode;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/secbot/SecBot.java} run as a real process against a real server in fix mode (so
 * destructive tools run): alerts provoked through the REST gateway become exactly one incident
 * bundle per cooldown; a tampered SQLite chain and a burst of one principal's calls are reported.
 */
class SecBotTest {
    private static final String SECBOT = "examples/secbot/SecBot.java";
    private Path dir;
    private Helpdesk helpdesk;
    private HttpServer http;
    private String gateway;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("secbot-");
        helpdesk = new Helpdesk(InventoryLoader.load(DemoFixture.get().inventory), PostgresSettings.defaults(),
                GovernanceOptions.auditOnly(dir.resolve("audit.db")).withMode(OperatingMode.FIX),
                IncidentSettings.defaults(dir.resolve("incidents"), "test"));
        http = HttpServer.start(helpdesk, "127.0.0.1", 0, null, null, name -> null);
        gateway = "http://127.0.0.1:" + http.port();
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        helpdesk.close();
    }

    @Test
    void an_injection_attempt_becomes_one_bundle_and_a_destructive_call_within_the_cooldown_does_not() throws Exception {
        try (BotProcess bot = BotProcess.start(SECBOT, "--gateway", gateway, "--poll", "300ms", "--cooldown", "10m",
                "--layers", "storage", "--listen", "127.0.0.1:0", "--max-events-per-minute", "0")) {
            bot.awaitLine(l -> l.startsWith("secbot: following " + gateway + "/v1/events from "), Duration.ofSeconds(60));

            HttpResponse<String> refused = post("/api/v1/db/run_readonly_query",
                    "{\"connection_string\":\"demo\",\"sql\":\"SELECT 1; DROP TABLE orders\"}");
            assertThat(refused.statusCode()).isEqualTo(502);
            String injectionTrace = refused.headers().firstValue("X-Trace-ID").orElseThrow();
            assertThat(bot.awaitLine(l -> l.startsWith("ALERT "), Duration.ofSeconds(30))).startsWith("ALERT CRITICAL potential_sql_injection evt_")
                    .contains("trace " + injectionTrace + ": run_readonly_query by anonymous was error with arguments "
                            + "{\"connection_string\":\"demo\",\"sql\":\"SELECT 1; DROP TABLE orders\"}: ERROR — run_readonly_query failed");
            String bundled = bot.awaitLine(l -> l.startsWith("  bundle: "), Duration.ofSeconds(60));
            Matcher m = Pattern.compile("  bundle: incident ([0-9a-f]{8}) written to (\\S+) \\(trace (tr_secbot_\\d+), \\d+ ms\\)").matcher(bundled);
            assertThat(m.matches()).as(bundled).isTrue();
            assertThat(Path.of(m.group(2))).exists();
            assertThat(bot.awaitLine(l -> l.startsWith("  callback: "), Duration.ofSeconds(30)))
                    .isEqualTo("  callback: incident " + m.group(1) + ", bundle " + m.group(2));

            HttpResponse<String> destructive = post("/api/v1/db/terminate_connection", "{\"connection_string\":\"demo\",\"pid\":99999}");
            String destructiveTrace = destructive.headers().firstValue("X-Trace-ID").orElseThrow();
            assertThat(bot.awaitLine(l -> l.contains("unauthorized_destructive"), Duration.ofSeconds(30)))
                    .startsWith("ALERT CRITICAL unauthorized_destructive evt_")
                    .endsWith("trace " + destructiveTrace + ": destructive tool terminate_connection is running for anonymous without an "
                            + "approval in trace " + destructiveTrace + " — make the policy require approval for destructive actions");
            assertThat(bot.awaitLine(l -> l.startsWith("  cooldown: "), Duration.ofSeconds(30)))
                    .matches("  cooldown: no bundle for unauthorized_destructive \\(the last was requested \\d+s ago; cooldown 600s\\)");

            // Exactly one bundle in the server's index, described by the first alert; the bot's own call is audited.
            List<Map<String, Object>> incidents = incidents();
            assertThat(incidents).singleElement().satisfies(i -> assertThat(i).containsEntry("incident_id", m.group(1))
                    .containsEntry("infra_key", "security-incident")
                    .hasEntrySatisfying("description", d -> assertThat((String) d).startsWith("security incident: potential_sql_injection — ")));
            List<AuditEvent> own = helpdesk.audit().query(AuditQuery.all().trace(m.group(3)));
            assertThat(own).anySatisfy(e -> assertThat(e.tool().name()).isEqualTo("create_incident_bundle"));
            assertThat(bot.stdout().stream().filter(l -> l.startsWith("  bundle: "))).hasSize(1);
            assertThat(bot.stdout().stream().filter(l -> l.startsWith("ALERT "))).hasSize(2);
        }
    }

    @Test
    void dry_run_announces_one_bundle_sends_none_and_names_a_command_injection() throws Exception {
        post("/api/v1/db/terminate_connection", "{\"connection_string\":\"demo\",\"pid\":99999}");
        HttpResponse<String> shell = post("/api/v1/db/get_table_stats", "{\"connection_string\":\"demo\",\"table_name\":\"orders$(reboot)\"}");
        assertThat(shell.body()).contains("\"code\":\"table_not_found\"");
        post("/api/v1/db/get_lock_info", "{\"connection_string\":\"demo\"}");
        try (BotProcess bot = BotProcess.start(SECBOT, "--gateway", gateway, "--dry-run", "--once", "--since", "1h", "--cooldown", "5m")) {
            assertThat(bot.exit(Duration.ofSeconds(60))).as(bot.transcript()).isZero();
            List<String> out = bot.stdout();
            assertThat(out.stream().filter(l -> l.startsWith("ALERT ")).map(l -> l.split(" ")[2]))
                    .as(bot.transcript()).containsExactly("unauthorized_destructive", "potential_command_injection");
            assertThat(out.stream().filter(l -> l.startsWith("  DRY RUN: "))).singleElement().asString()
                    .isEqualTo("  DRY RUN: would POST " + gateway + "/api/v1/incidents {\"infra_key\":\"security-incident\",\"description\":"
                            + "\"security incident: unauthorized_destructive — destructive tool terminate_connection is running for anonymous "
                            + "without an approval in trace " + out.stream().filter(l -> l.contains("unauthorized_destructive")).findFirst()
                                    .orElseThrow().replaceAll(".* trace (\\S+):.*", "$1")
                            + " — make the policy require approval for destructive actions\"}");
            assertThat(out.stream().filter(l -> l.startsWith("  cooldown: no bundle for potential_command_injection"))).hasSize(1);
            assertThat(out.get(out.size() - 1)).isEqualTo("secbot: --once: done, 1 bundle announced");
        }
        assertThat(incidents()).isEmpty();
    }

    @Test
    void a_tampered_audit_row_is_reported_as_a_broken_chain() throws Exception {
        Outcome o = helpdesk.pipeline().run(new Invocation("check_connection", Map.of("connection_string", "demo"),
                Caller.osUser("test"), "tr_tamper", "test"));
        String intent = helpdesk.audit().query(AuditQuery.all().trace(o.traceId())).get(0).eventId();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("audit.db"));
             Statement st = c.createStatement()) {
            st.execute("UPDATE audit_events SET raw_json = replace(raw_json, 'check_connection', 'get_lock_info') "
                    + "WHERE event_id = '" + intent + "'");
        }
        try (BotProcess bot = BotProcess.start(SECBOT, "--gateway", gateway, "--dry-run", "--once", "--since", "1h")) {
            assertThat(bot.exit(Duration.ofSeconds(60))).as(bot.transcript()).isZero();
            assertThat(bot.stdout()).filteredOn(l -> l.startsWith("ALERT ")).singleElement().asString()
                    .startsWith("ALERT CRITICAL hash_mismatch " + intent + ": audit chain broken at " + intent + ": ")
                    .endsWith(" — the audit store was modified outside the server");
            assertThat(bot.stdout()).anySatisfy(l -> assertThat(l).startsWith("  DRY RUN: would POST " + gateway
                    + "/api/v1/incidents {\"infra_key\":\"security-incident\",\"description\":\"security incident: hash_mismatch — "));
        }
    }

    @Test
    void a_burst_of_one_principals_calls_is_high_volume_once_and_nested_calls_do_not_count() throws Exception {
        Caller runaway = new Caller("runaway-agent", "service", List.of(), "test");
        for (int i = 0; i < 6; i++) {
            helpdesk.pipeline().run(new Invocation("check_connection", Map.of("connection_string", "demo"), runaway, "tr_burst_" + i, "test"));
        }
        helpdesk.pipeline().run(new Invocation("check_connection", Map.of("connection_string", "demo"), Caller.osUser("test"), "tr_calm", "test"));
        Caller bundler = new Caller("bundle-maker", "user", List.of(), "test");
        for (int i = 0; i < 8; i++) { // what a bundle does on its caller's behalf is not the caller's volume
            helpdesk.pipeline().run(new Invocation("check_connection", Map.of("connection_string", "demo"), bundler, "tr_nested",
                    "nested:create_incident_bundle"));
        }
        try (BotProcess bot = BotProcess.start(SECBOT, "--gateway", gateway, "--dry-run", "--once", "--since", "1h",
                "--max-events-per-minute", "10")) {
            assertThat(bot.exit(Duration.ofSeconds(60))).as(bot.transcript()).isZero();
            assertThat(bot.stdout()).filteredOn(l -> l.startsWith("ALERT ")).singleElement().asString()
                    .startsWith("ALERT CRITICAL high_volume evt_")
                    .endsWith(": 11 audit events of runaway-agent within 60 s exceed the limit of 10 per minute — check for a runaway agent");
        }
    }

    @Test
    void a_policy_denial_with_injection_like_arguments_is_a_sql_injection_alert_and_a_plain_denial_is_not() throws Exception {
        Path policy = Files.writeString(dir.resolve("policies.yaml"), """
                version: "1"
                policies:
                  - name: dba-read
                    principals: [{role: dba}]
                    resources: [{type: database}]
                    rules: [{action: read, effect: allow}]
                """);
        try (Helpdesk guarded = new Helpdesk(InventoryLoader.load(DemoFixture.get().inventory), PostgresSettings.defaults(),
                new GovernanceOptions(dir.resolve("guarded-audit.db"), null, policy, io.aihelpdesk.governance.policy.Verdict.DENY, false),
                IncidentSettings.defaults(dir.resolve("guarded-incidents"), "test"));
             HttpServer server = HttpServer.start(guarded, "127.0.0.1", 0, null, null, name -> null)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/db/get_lock_info"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"connection_string\":\"demo\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(403);
            HttpResponse<String> denied = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/db/run_readonly_query"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"connection_string\":\"demo\",\"sql\":\"SELECT * FROM customers WHERE name = '' OR '1'='1'\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(403);
            String trace = denied.headers().firstValue("X-Trace-ID").orElseThrow();
            try (BotProcess bot = BotProcess.start(SECBOT, "--gateway", base, "--dry-run", "--once", "--since", "1h")) {
                assertThat(bot.exit(Duration.ofSeconds(60))).as(bot.transcript()).isZero();
                assertThat(bot.stdout()).filteredOn(l -> l.startsWith("ALERT ")).singleElement().asString()
                        .startsWith("ALERT CRITICAL potential_sql_injection evt_")
                        .contains("trace " + trace + ": run_readonly_query by anonymous was denied with arguments "
                                + "{\"connection_string\":\"demo\",\"sql\":\"SELECT * FROM customers WHERE name = '' OR '1'='1'\"}: ");
            }
        }
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> incidents() {
        Outcome listed = helpdesk.pipeline().run(new Invocation("list_incidents", Map.of(), Caller.osUser("test"), "tr_check", "test"));
        return (List<Map<String, Object>>) ((Outcome.Succeeded) listed).data().get("incidents");
    }
}
