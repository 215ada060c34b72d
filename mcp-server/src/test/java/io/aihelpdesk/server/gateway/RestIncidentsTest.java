package io.aihelpdesk.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.incident.IncidentSettings;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Incident bundles over REST: create one from the demo database, find it in the list, read it back. */
class RestIncidentsTest {
    @Test
    @SuppressWarnings("unchecked")
    void a_bundle_created_over_rest_is_listed_and_readable() throws Exception {
        Path dir = Files.createTempDirectory("rest-incidents-");
        try (Helpdesk helpdesk = new Helpdesk(InventoryLoader.load(DemoFixture.get().inventory), PostgresSettings.defaults(),
                GovernanceOptions.auditOnly(dir.resolve("audit.db")), IncidentSettings.defaults(dir.resolve("incidents"), "test"));
             HttpServer http = HttpServer.start(helpdesk, "127.0.0.1", 0)) {
            Rest rest = new Rest(http.port());
            Rest.Reply created = rest.post("/api/v1/incidents",
                    "{\"infra_key\":\"demo\",\"description\":\"checkout latency spike\",\"layers\":\"database\",\"budget_seconds\":30}");
            assertThat(created.status()).as(created.http().body()).isEqualTo(200);
            assertThat(created.json()).containsEntry("tool", "create_incident_bundle");
            String id = (String) created.result().get("incident_id");
            assertThat(id).matches("[0-9a-f]{8}");
            assertThat(Path.of((String) created.result().get("bundle_path"))).exists();

            Rest.Reply list = rest.get("/api/v1/incidents");
            assertThat(list.status()).isEqualTo(200);
            assertThat((List<Map<String, Object>>) list.result().get("incidents"))
                    .anySatisfy(i -> assertThat(i).containsEntry("incident_id", id).containsEntry("description", "checkout latency spike"));

            Rest.Reply one = rest.get("/api/v1/incidents/" + id);
            assertThat(one.status()).isEqualTo(200);
            assertThat((List<String>) one.result().get("files")).anySatisfy(f -> assertThat(f).startsWith("database/"));

            Rest.Reply missing = rest.get("/api/v1/incidents/0000beef");
            assertThat(missing.json()).containsKey("error");
            assertThat(missing.status()).isIn(400, 502);
        }
    }
}
