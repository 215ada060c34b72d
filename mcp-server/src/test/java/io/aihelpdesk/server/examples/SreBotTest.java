package io.aihelpdesk.server.examples;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/srebot/SreBot.java} run as a real process against a real server (REST gateway over
 * the embedded demo database): the five phases, the callback, the bundle on disk, the audit chain.
 */
class SreBotTest {
    private static final String SREBOT = "examples/srebot/SreBot.java";
    /** The server signs its callbacks with this (HELPDESK_CALLBACK_SECRET). */
    private static final String SECRET = "srebot-test-callback-secret";
    private static Path dir;
    private static Helpdesk helpdesk;
    private static HttpServer http;
    private static String gateway;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("srebot-");
        helpdesk = new Helpdesk(InventoryLoader.load(DemoFixture.get().inventory), PostgresSettings.defaults(),
                GovernanceOptions.auditOnly(dir.resolve("audit.db")),
                IncidentSettings.defaults(dir.resolve("incidents"), "test").withCallbacks(SECRET, false, 3, Duration.ofMillis(200)));
        http = HttpServer.start(helpdesk, "127.0.0.1", 0, null, null, name -> null);
        gateway = "http://127.0.0.1:" + http.port();
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        helpdesk.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void runs_all_five_phases_and_receives_the_callback_of_a_bundle_that_exists() throws Exception {
        String trace = "tr_srebot_test_1";
        try (BotProcess bot = BotProcess.start(Map.of("HELPDESK_CALLBACK_SECRET", SECRET), SREBOT, "--gateway", gateway, "--conn", "demo",
                "--force", "--listen", "127.0.0.1:0", "--layers", "database", "--timeout", "90s", "--trace", trace,
                "--symptom", "checkout API timeouts since 10:02")) {
            assertThat(bot.exit(Duration.ofSeconds(120))).as(bot.transcript()).isZero();
            List<String> out = bot.stdout();
            assertThat(out.get(0)).startsWith("srebot: gateway " + gateway + ", database demo, trace " + trace);
            assertThat(line(out, "[1/5]")).matches("\\[1/5] discover agents: \\d+ — database \\(\\d+ tools\\), .*incident \\(3 tools\\).*\\(\\d+ ms\\)");
            assertThat(line(out, "[2/5]")).startsWith("[2/5] health check: check_connection demo → healthy: Connection successful");
            assertThat(line(out, "[3/5]")).matches("\\[3/5] diagnosis: diagnose demo → \\d+ findings?  \\(.*\\)");
            assertThat(line(out, "[4/5]")).matches("\\[4/5] incident bundle: requested for demo \\(infra key demo\\), "
                    + "callback http://127\\.0\\.0\\.1:\\d+/callback  \\(.*\\)");
            String callback = line(out, "[5/5]");
            Matcher m = Pattern.compile("\\[5/5] callback: incident ([0-9a-f]{8}), bundle (\\S+\\.tar\\.gz), layers database=collected, 0 errors, signature verified  \\(.*\\)")
                    .matcher(callback);
            assertThat(m.matches()).as(callback).isTrue();
            Path bundle = Path.of(m.group(2));
            assertThat(bundle).exists().startsWith(dir.resolve("incidents"));
            assertThat(Files.size(bundle)).isGreaterThan(1000);
            assertThat(out.get(out.size() - 1)).startsWith("srebot: done in ").contains("trace " + trace);

            // The server's incident index has it, with the bot's symptom as its description.
            Outcome listed = helpdesk.pipeline().run(new Invocation("list_incidents", Map.of(), Caller.osUser("test"), "tr_check", "test"));
            assertThat((List<Map<String, Object>>) ((Outcome.Succeeded) listed).data().get("incidents")).anySatisfy(i -> assertThat(i)
                    .containsEntry("incident_id", m.group(1)).containsEntry("description", "checkout API timeouts since 10:02"));

            // Every phase is in the audit chain under the bot's one trace id, through the REST door.
            List<AuditEvent> events = helpdesk.audit().query(AuditQuery.all().trace(trace).limit(1000));
            assertThat(events.stream().filter(e -> e.eventType().equals("tool_execution") && e.tool().agent().equals("aihelpdesk/rest"))
                    .map(e -> e.tool().name())).containsExactly("check_connection", "diagnose", "create_incident_bundle");
            assertThat(events).anySatisfy(e -> assertThat(e.tool().agent()).isEqualTo("aihelpdesk/nested:create_incident_bundle"));
        }
    }

    @Test
    void stops_after_the_health_check_when_the_database_is_healthy() throws Exception {
        try (BotProcess bot = BotProcess.start(SREBOT, "--gateway", gateway, "--conn", "demo", "--listen", "127.0.0.1:0")) {
            assertThat(bot.exit(Duration.ofSeconds(60))).as(bot.transcript()).isZero();
            assertThat(bot.stdout()).hasSize(4).last().asString()
                    .startsWith("srebot: demo looks healthy; nothing to do (use --force to collect a bundle anyway)");
        }
    }

    @Test
    void an_unreachable_database_is_an_anomaly_and_an_unreachable_gateway_a_clear_failure() throws Exception {
        try (BotProcess bot = BotProcess.start(SREBOT, "--gateway", gateway, "--conn", "host=127.0.0.1 port=1 dbname=x user=x",
                "--listen", "127.0.0.1:0", "--layers", "database", "--timeout", "60s")) {
            assertThat(bot.exit(Duration.ofSeconds(90))).as(bot.transcript()).isZero();
            assertThat(line(bot.stdout(), "[2/5]")).contains("→ ANOMALY (");
            assertThat(line(bot.stdout(), "[5/5]")).contains("callback: incident ");
        }
        try (BotProcess bot = BotProcess.start(SREBOT, "--gateway", "http://127.0.0.1:1", "--timeout", "10s")) {
            assertThat(bot.exit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(bot.stderr()).containsExactly("srebot: FAILED — [1/5] discover agents: cannot reach the gateway at "
                    + "http://127.0.0.1:1 (ConnectException) — is `helpdesk serve` running there?");
        }
        try (BotProcess bot = BotProcess.start(SREBOT, "--timeout", "soon")) {
            assertThat(bot.exit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(bot.stderr().get(0)).isEqualTo("srebot: --timeout must be a positive duration such as 120s, 2m or 500ms, got 'soon'");
        }
    }

    @Test
    void a_callback_that_never_arrives_is_exit_3_with_the_servers_delivery_report_and_ask_falls_back_to_diagnose() throws Exception {
        try (BotProcess bot = BotProcess.start(SREBOT, "--gateway", gateway, "--force", "--ask", "--layers", "storage",
                "--listen", "127.0.0.1:0", "--callback-url", "http://127.0.0.1:1/callback", "--timeout", "15s")) {
            assertThat(bot.exit(Duration.ofSeconds(60))).as(bot.transcript()).isEqualTo(3);
            assertThat(bot.stdout()).contains("[3/5] diagnosis: --ask: HTTP 503 no_model — running diagnose instead");
            assertThat(line(bot.stdout(), "[3/5] diagnosis: diagnose demo")).contains(" finding");
            assertThat(bot.stdout()).noneMatch(l -> l.startsWith("[5/5]"));
            assertThat(bot.stderr()).singleElement().asString().matches("srebot: TIMEOUT — no callback within 15s; incident [0-9a-f]{8} "
                    + "was written, but its callback to http://127\\.0\\.0\\.1:1/callback failed after 3 attempts: no attempt of 3 reached "
                    + "the receiver: ConnectException — the server must reach that address \\(set --listen or --callback-url\\)");
        }
    }

    @Test
    void a_callback_whose_signature_does_not_match_the_secret_is_refused() throws Exception {
        try (BotProcess bot = BotProcess.start(Map.of("HELPDESK_CALLBACK_SECRET", "not-the-servers-secret"), SREBOT, "--gateway", gateway,
                "--force", "--layers", "storage", "--listen", "127.0.0.1:0", "--timeout", "15s")) {
            assertThat(bot.exit(Duration.ofSeconds(60))).as(bot.transcript()).isEqualTo(3);
            assertThat(bot.stderr()).containsExactly("srebot: refused a callback from 127.0.0.1: its signature does not match — the secret "
                    + "in --callback-secret-env must be the server's HELPDESK_CALLBACK_SECRET", bot.stderr().get(1));
            assertThat(bot.stderr().get(1)).startsWith("srebot: TIMEOUT — no callback within 15s; incident ")
                    .contains(" failed after 1 attempts: the receiver answered HTTP 401 to the last of 1 attempts");
        }
    }

    private static String line(List<String> out, String prefix) {
        return out.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + " in:\n" + String.join("\n", out)));
    }
}
