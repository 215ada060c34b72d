package io.aihelpdesk.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console of a loopback server without API keys, over the demo database (real embedded
 * PostgreSQL): anonymous like the API, fleet refresh runs diagnose through the pipeline (audited as a
 * console call), incident bundles are listed, shown and downloaded.
 */
class ConsoleFleetTest {
    @TempDir
    Path dir;

    @Test
    void fleet_refresh_runs_diagnose_through_the_pipeline_and_incidents_are_listed_shown_and_downloaded() throws Exception {
        try (Helpdesk helpdesk = new Helpdesk(InventoryLoader.load(DemoFixture.get().inventory), PostgresSettings.defaults(),
                GovernanceOptions.auditOnly(dir.resolve("audit.db")), IncidentSettings.defaults(dir.resolve("incidents"), "test"));
             HttpServer http = HttpServer.start(helpdesk, "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + http.port();
            Browser browser = new Browser(base);
            HttpResponse<String> inbox = browser.get("/console/approvals");
            assertThat(inbox.statusCode()).as("no sign-in without keys").isEqualTo(200);
            assertThat(inbox.body()).contains("anonymous (no authentication configured)");
            assertThat(browser.cookie()).as("an anonymous session carries the CSRF token").isNotNull();
            assertThat(browser.get("/console/login").statusCode()).isEqualTo(303);

            String db = helpdesk.inventory().dbServers().keySet().iterator().next();
            String before = browser.get("/console/fleet").body();
            assertThat(before).contains("data-target=\"" + db + "\"", "not run");
            HttpResponse<String> viaRest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/diagnose"))
                    .header("Content-Type", "application/json").header("X-Trace-ID", "tr_fleet_rest1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"connection_string\":\"" + db + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(viaRest.statusCode()).as(viaRest.body()).isEqualTo(200);
            assertThat(browser.get("/console/fleet").body()).as("the latest diagnose from another door, read from the audit trail")
                    .contains("<span class=\"badge diagnosed\">diagnosed</span>", "by anonymous via rest (from the audit trail)", "tr_fleet_rest1");
            assertThat(browser.postRaw("/console/fleet/refresh", Map.of(), base).statusCode()).as("no CSRF token").isEqualTo(403);
            HttpResponse<String> refresh = browser.post("/console/fleet/refresh", Map.of());
            assertThat(refresh.statusCode()).isEqualTo(303);
            String after = browser.get("/console/fleet").body();
            assertThat(after).containsPattern("Diagnosed \\d+ databases?: \\d+ healthy, \\d+ need attention\\.")
                    .containsPattern("data-target=\"" + Pattern.quote(db) + "\"><h3>[^<]*<span class=\"badge (healthy|findings)\">");
            List<AuditEvent> diagnoses = helpdesk.audit().query(AuditQuery.all().tool("diagnose")).stream()
                    .filter(e -> !e.traceId().equals("tr_fleet_rest1")).toList();
            assertThat(diagnoses).isNotEmpty().allSatisfy(e -> {
                assertThat(e.tool().agent()).isEqualTo("aihelpdesk/console");
                assertThat(e.principal().kind()).isEqualTo("anonymous");
            });
            assertThat(diagnoses).anySatisfy(e -> assertThat(e.outcome()).isNotNull().extracting(AuditEvent.Outcome::status).isEqualTo("success"));

            assertThat(browser.get("/console/incidents").body()).contains("No incident bundles yet.");
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/incidents"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"infra_key\":\"" + db + "\",\"description\":\"<b>checkout</b> latency\",\"layers\":\"os\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            Matcher id = Pattern.compile("\"incident_id\":\"([0-9a-f]{8})\"").matcher(created.body());
            assertThat(id.find()).isTrue();

            String list = browser.get("/console/incidents").body();
            assertThat(list).contains("data-incident=\"" + id.group(1) + "\"", "&lt;b&gt;checkout&lt;/b&gt; latency").doesNotContain("<b>checkout");
            String one = browser.get("/console/incidents/" + id.group(1)).body();
            assertThat(one).contains("id=\"manifest\"", "id=\"summary\"", "manifest.json", "/console/incidents/" + id.group(1) + "/download");
            HttpResponse<byte[]> tar = browser.download("/console/incidents/" + id.group(1) + "/download");
            assertThat(tar.statusCode()).isEqualTo(200);
            assertThat(tar.headers().firstValue("Content-Type")).hasValue("application/gzip");
            assertThat(tar.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment; filename=\""));
            assertThat(tar.body()).hasSizeGreaterThan(100);
            assertThat(new byte[] {tar.body()[0], tar.body()[1]}).containsExactly(0x1f, 0x8b);
            try (var files = Files.list(dir.resolve("incidents"))) {
                Path bundle = files.filter(f -> f.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
                assertThat(tar.body()).isEqualTo(Files.readAllBytes(bundle));
            }
            assertThat(browser.download("/console/incidents/0000beef/download").statusCode()).isEqualTo(404);
            assertThat(helpdesk.audit().query(AuditQuery.all().tool("get_incident"))).extracting(e -> e.tool().agent())
                    .contains("aihelpdesk/console");
        }
    }
}
