package io.aihelpdesk.tools.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Bundles against a real PostgreSQL, extracted with the system tar and checked file by file. */
class CreateIncidentBundleTest {
    @TempDir
    Path dir;
    @TempDir
    Path extracted;

    @Test
    void full_bundle_holds_every_expected_file_with_real_content_and_matching_checksums() throws Exception {
        TestPostgres.exec("create extension if not exists pg_stat_statements", "create table if not exists incident_orders(id int primary key)");
        IncidentFixture f = new IncidentFixture(dir);
        Map<String, Object> reply = f.data("create_incident_bundle", Map.of("infra_key", "shop", "description",
                "checkout is slow", "connection_string", TestPostgres.connectionString(), "layers", "database,os,storage"));
        assertThat(reply.get("bundle_path").toString()).matches(".*/incident-[0-9a-f]{8}-\\d{8}-\\d{6}\\.tar\\.gz");
        assertThat((Map<String, Object>) cast(reply.get("layers"))).containsEntry("database", "collected")
                .containsEntry("os", "collected").containsEntry("storage", "collected");
        Path root = IncidentFixture.extract(reply.get("bundle_path").toString(), extracted);
        assertThat(root.getFileName().toString()).isEqualTo(Path.of(reply.get("bundle_path").toString()).getFileName()
                .toString().replace(".tar.gz", ""));

        JsonNode manifest = tools.jackson.databind.json.JsonMapper.builder().build().readTree(root.resolve("manifest.json").toFile());
        assertThat(manifest.get("incident_id").asString()).isEqualTo(reply.get("incident_id"));
        assertThat(manifest.get("infra_key").asString()).isEqualTo("shop");
        assertThat(manifest.get("versions").get("postgresql").asString()).startsWith("PostgreSQL");
        int listed = 0;
        for (JsonNode file : manifest.get("files")) {
            Path p = root.resolve(file.get("path").asString());
            assertThat(p).as(file.get("path").asString()).exists();
            byte[] data = Files.readAllBytes(p);
            assertThat((long) data.length).isEqualTo(file.get("size").asLong());
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data))).isEqualTo(file.get("sha256").asString());
            listed++;
        }
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(Files::isRegularFile).count()).as("every file but the manifest is listed").isEqualTo(listed + 1);
        }

        for (String tool : DatabaseLayer.tools(f.invoker.catalog())) {
            assertThat(root.resolve("database/" + tool + ".json")).as(tool).isNotEmptyFile();
            assertThat(root.resolve("database/" + tool + ".txt")).as(tool).isNotEmptyFile();
        }
        assertThat(DatabaseLayer.tools(f.invoker.catalog())).contains("check_connection", "get_lock_info", "get_wait_events")
                .doesNotContain("explain_query", "get_session_info").first().isEqualTo("check_connection");
        assertThat(Files.readString(root.resolve("database/check_connection.txt"))).contains("Connection successful");
        assertThat(Files.readString(root.resolve("database/get_table_stats.txt"))).contains("incident_orders");
        JsonNode sample = tools.jackson.databind.json.JsonMapper.builder().build().readTree(root.resolve("database/activity_sample.json").toFile());
        assertThat(sample.get("snapshots").size()).isEqualTo(DatabaseLayer.SAMPLES);
        assertThat(sample.get("snapshots").get(0).has("get_wait_events")).isTrue();
        assertThat(Files.readString(root.resolve("os/uname.txt"))).contains("$ uname -a", "Linux");
        assertThat(Files.readString(root.resolve("os/ps_by_cpu.txt"))).contains("PID");
        assertThat(Files.readString(root.resolve("storage/df_h.txt"))).contains("Filesystem");
        assertThat(Files.readString(root.resolve("summary.md"))).contains("# Incident " + reply.get("incident_id"),
                "checkout is slow", "| database | collected |",
                "No automatic findings: the triage engine (diagnose) is not in this server's catalog");
    }

    @Test
    void unreachable_database_yields_a_bundle_whose_errors_name_the_failed_items() throws Exception {
        IncidentFixture f = new IncidentFixture(dir);
        Map<String, Object> reply = f.data("create_incident_bundle", Map.of("connection_string",
                "host=127.0.0.1 port=1 dbname=nowhere user=nobody", "layers", "database"));
        List<Map<String, Object>> errors = cast(reply.get("errors"));
        assertThat(errors).extracting(e -> e.get("item")).contains("database/check_connection", "database/get_lock_info",
                "database/activity_sample");
        assertThat(errors.get(0).get("message").toString()).contains("connection refused");
        assertThat((Map<String, Object>) cast(reply.get("layers"))).containsEntry("database", "collected with " + errors.size() + " error(s)");
        assertThat(errors.get(1).get("message").toString()).contains("skipped: the database is unreachable");
        Path root = IncidentFixture.extract(reply.get("bundle_path").toString(), extracted);
        assertThat(Files.readString(root.resolve("database/check_connection.error.txt"))).startsWith("ERROR: ").contains("(08001)");
        assertThat(Files.readString(root.resolve("errors.txt"))).contains("database/check_connection: ");
        assertThat(Files.readString(root.resolve("summary.md"))).contains("`database/check_connection`");
    }

    @Test
    void kubernetes_tools_missing_from_the_catalog_are_errors_of_their_items_not_fatal() throws Exception {
        IncidentFixture f = new IncidentFixture(dir);
        Map<String, Object> reply = f.data("create_incident_bundle", Map.of("layers", "kubernetes", "k8s_context", "kind-test"));
        List<Map<String, Object>> errors = cast(reply.get("errors"));
        assertThat(errors).extracting(e -> e.get("item")).contains("kubernetes/pods", "kubernetes/events", "kubernetes/pvcs");
        assertThat(errors.get(0).get("message").toString()).contains("tool get_pods is not in this server's catalog");
    }

    @Test
    void layers_without_a_target_are_skipped_with_the_reason() {
        IncidentFixture f = new IncidentFixture(dir);
        Map<String, Object> reply = f.data("create_incident_bundle", Map.of("layers", "database,kubernetes", "budget_seconds", 5));
        assertThat((Map<String, Object>) cast(reply.get("layers")))
                .containsEntry("database", "skipped: no connection_string (and infra_key is not an inventory database)");
        assertThat(reply.get("errors").toString()).doesNotContain("database/");
    }

    @Test
    void time_budget_cuts_a_partial_bundle_that_says_what_was_cut() throws Exception {
        IncidentFixture f = new IncidentFixture(dir);
        Map<String, Object> reply = f.data("create_incident_bundle", Map.of("connection_string", TestPostgres.connectionString(),
                "layers", "database,os,storage", "budget_seconds", 1));
        assertThat(reply.get("partial")).isEqualTo(true);
        List<String> cut = cast(reply.get("cut"));
        assertThat(cut).isNotEmpty().anyMatch(c -> c.startsWith("storage"));
        Path root = IncidentFixture.extract(reply.get("bundle_path").toString(), extracted);
        String manifest = Files.readString(root.resolve("manifest.json"));
        assertThat(manifest).contains("\"partial\" : true", "\"budget_ms\" : 1000");
        assertThat(Files.readString(root.resolve("summary.md"))).contains("## Cut by the time budget (partial bundle)", cut.get(0));
    }

    @Test
    void unknown_layers_are_invalid_arguments() {
        Outcome o = new IncidentFixture(dir).call("create_incident_bundle", Map.of("layers", "database,network"));
        assertThat(o).isInstanceOf(Outcome.Invalid.class);
        assertThat(o.text()).contains("unknown layer 'network'");
    }

    @Test
    void an_unwritable_incident_directory_is_a_diagnosis_not_an_internal_error() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
        Outcome o = new IncidentFixture(notADirectory).call("create_incident_bundle", Map.of("layers", "database"));
        assertThat(o).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) o).diagnosis().code()).isEqualTo("incident_dir_unwritable");
        assertThat(o.text()).contains("cannot write the bundle incident-", "HELPDESK_INCIDENT_DIR");
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object o) {
        return (T) o;
    }
}
