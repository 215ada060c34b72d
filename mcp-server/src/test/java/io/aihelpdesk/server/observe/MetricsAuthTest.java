package io.aihelpdesk.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.identity.ApiKeys;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may scrape: with API keys configured {@code /metrics} is behind the same bearer
 * authentication as the API (Prometheus sends a key); without keys (loopback only) it is open.
 */
class MetricsAuthTest {
    @TempDir
    Path dir;

    private Helpdesk helpdesk() throws Exception {
        return new Helpdesk(Inventory.none(), PostgresSettings.defaults(), GovernanceOptions.auditOnly(dir.resolve("audit.db")),
                IncidentSettings.defaults(dir.resolve("incidents"), "test"));
    }

    @Test
    void with_api_keys_a_scrape_needs_a_bearer_key_and_a_known_key_gets_the_metrics() throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("hd_test-prometheus".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("users.yaml"), "version: \"1\"\nusers:\n  - id: prometheus\n    roles: [metrics]\n    api_key_sha256: " + sha + "\n");
        try (Helpdesk h = helpdesk(); HttpServer http = HttpServer.start(h, "127.0.0.1", 0, ApiKeys.load(dir.resolve("users.yaml")))) {
            Scrape anonymous = Scrape.of(http.port());
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.text()).doesNotContain("helpdesk_");
            assertThat(Scrape.of(http.port(), "hd_test-wrong").status()).isEqualTo(401);

            Scrape scraped = Scrape.of(http.port(), "hd_test-prometheus");
            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.text()).contains("# TYPE helpdesk_audit_append_seconds histogram", "helpdesk_approvals_pending 0.0");
        }
    }

    @Test
    void on_loopback_without_keys_a_scrape_needs_no_credentials() throws Exception {
        try (Helpdesk h = helpdesk(); HttpServer http = HttpServer.start(h, "127.0.0.1", 0)) {
            Scrape scraped = Scrape.of(http.port());
            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.text()).contains("# TYPE helpdesk_audit_chain_length gauge")
                    .as("counters a dashboard rates exist at 0 before their first event")
                    .contains("helpdesk_guardrail_refusals_total{guardrail=\"rate_limit\"} 0.0",
                            "helpdesk_policy_decisions_total{effect=\"destructive\",verdict=\"require_approval\"} 0.0");
        }
    }
}
