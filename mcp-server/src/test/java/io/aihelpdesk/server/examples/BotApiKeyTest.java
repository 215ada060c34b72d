package io.aihelpdesk.server.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a server with API keys, the bots send the key from their environment and say what to do without one. */
class BotApiKeyTest {
    private static Helpdesk helpdesk;
    private static HttpServer http;
    private static String gateway;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("bot-keys-");
        helpdesk = new Helpdesk(InventoryLoader.load(DemoFixture.get().inventory), PostgresSettings.defaults(),
                GovernanceOptions.auditOnly(dir.resolve("audit.db")));
        String[] k = ApiKeys.newKey();
        key = k[0];
        ApiKeys keys = ApiKeys.parse("users:\n  - id: sre-bot\n    roles: [oncall]\n    api_key_sha256: " + k[1] + "\n",
                "users.yaml", Map.<String, String>of()::get);
        http = HttpServer.start(helpdesk, "127.0.0.1", 0, keys);
        gateway = "http://127.0.0.1:" + http.port();
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        helpdesk.close();
    }

    @Test
    void srebot_calls_as_the_key_holder_and_without_a_key_says_which_variable_to_set() throws Exception {
        try (BotProcess bot = BotProcess.start(Map.of("SREBOT_KEY", key), "examples/srebot/SreBot.java", "--gateway", gateway,
                "--api-key-env", "SREBOT_KEY", "--trace", "tr_srebot_keyed", "--listen", "127.0.0.1:0")) {
            assertThat(bot.exit(Duration.ofSeconds(60))).as(bot.transcript()).isZero();
            assertThat(bot.stdout().get(0)).endsWith(", API key from $SREBOT_KEY");
        }
        List<AuditEvent> events = helpdesk.audit().query(AuditQuery.all().trace("tr_srebot_keyed"));
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.principal().id()).isEqualTo("sre-bot"));
        assertThat(events).anySatisfy(e -> assertThat(e.tool().name()).isEqualTo("check_connection"));

        try (BotProcess bot = BotProcess.start("examples/srebot/SreBot.java", "--gateway", gateway)) {
            assertThat(bot.exit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(bot.stderr()).containsExactly("srebot: FAILED — [1/5] discover agents: the gateway refused to answer without an "
                    + "API key (HTTP 401) — export a valid key in $HELPDESK_SERVER_API_KEY (helpdesk users new-key makes one) or name "
                    + "another variable with --api-key-env");
        }
    }

    @Test
    void secbot_reads_the_audit_trail_with_the_key_and_refuses_to_run_with_a_wrong_one() throws Exception {
        try (BotProcess bot = BotProcess.start(Map.of("HELPDESK_SERVER_API_KEY", key), "examples/secbot/SecBot.java",
                "--gateway", gateway, "--once", "--dry-run")) {
            assertThat(bot.exit(Duration.ofSeconds(60))).as(bot.transcript()).isZero();
            assertThat(bot.stdout()).last().isEqualTo("secbot: --once: done, 0 bundles announced");
        }
        try (BotProcess bot = BotProcess.start(Map.of("HELPDESK_SERVER_API_KEY", "hd_wrong"), "examples/secbot/SecBot.java",
                "--gateway", gateway, "--once")) {
            assertThat(bot.exit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(bot.stderr()).containsExactly("secbot: FAILED — GET /v1/verify was refused with the API key in "
                    + "$HELPDESK_SERVER_API_KEY (HTTP 401) — export a valid key in $HELPDESK_SERVER_API_KEY (one whose role may read the "
                    + "audit trail and write bundles) or name another variable with --api-key-env");
        }
    }
}
