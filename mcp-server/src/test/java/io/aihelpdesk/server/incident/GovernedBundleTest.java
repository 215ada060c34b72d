package io.aihelpdesk.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.incident.IncidentSettings;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle collected through the real pipeline (policy, audit, redaction) against the demo
 * database: nested calls are audited under the bundle's trace, and a known password that sits
 * in the inventory, in a running query, in a process command line and in the description
 * appears nowhere in the extracted bundle nor in the audit chain.
 */
class GovernedBundleTest {
    private static final String PASSWORD = "KnownPass-7781";

    @TempDir
    Path dir;

    @Test
    void a_known_password_appears_nowhere_in_the_extracted_bundle_and_nested_calls_are_audited() throws Exception {
        DemoFixture demo = DemoFixture.get();
        Path inventory = dir.resolve("inventory.yaml");
        Files.writeString(inventory, "version: \"1\"\ndb_servers:\n  shop:\n    connection_string: \"host=localhost port="
                + demo.database.port() + " dbname=shop user=postgres password=" + PASSWORD + "\"\n    tags: [demo]\n");
        Path incidents = dir.resolve("incidents");
        Path auditDb = dir.resolve("audit.db");
        Process psVisible = new ProcessBuilder("sh", "-c", "sleep 60; true", "password=" + PASSWORD).start();
        Process bareVisible = new ProcessBuilder("sh", "-c", "sleep 60; true", PASSWORD).start();
        CompletableFuture<Void> query = CompletableFuture.runAsync(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + demo.database.port() + "/shop", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("select pg_sleep(60) /* " + PASSWORD + " */");
            } catch (Exception expected) {
                // terminated below once the bundle is written
            }
        });
        Outcome o;
        try (Helpdesk helpdesk = new Helpdesk(InventoryLoader.load(inventory), PostgresSettings.defaults(),
                GovernanceOptions.auditOnly(auditDb), IncidentSettings.defaults(incidents, "test"))) {
            Thread.sleep(300);
            o = helpdesk.pipeline().run(new Invocation("create_incident_bundle", Map.of("infra_key", "shop",
                    "description", "checkout hangs; db password=" + PASSWORD + " was rotated", "layers", "database,os"),
                    new Caller("alice", "user", List.of("dba"), "test"), null, "test"));
            assertThat(o).as(o.text()).isInstanceOf(Outcome.Succeeded.class);

            List<AuditEvent> events = helpdesk.audit().query(AuditQuery.all().trace(o.traceId()).limit(1000));
            assertThat(events).filteredOn(e -> e.tool().agent().equals("aihelpdesk/nested:create_incident_bundle"))
                    .extracting(e -> e.tool().name()).contains("check_connection", "get_lock_info", "get_wait_events");
            assertThat(events).filteredOn(e -> e.tool().name().equals("check_connection")).allSatisfy(e ->
                    assertThat(e.principal().id()).isEqualTo("alice"));
            assertThat(events).filteredOn(e -> e.tool().name().equals("create_incident_bundle") && e.outcome() != null)
                    .singleElement().satisfies(e -> assertThat(e.outcome().status()).isEqualTo("success"));
            // The triage engine is itself a nested call, and its own calls are nested one level deeper.
            assertThat(events).filteredOn(e -> e.tool().agent().equals("aihelpdesk/nested:create_incident_bundle"))
                    .extracting(e -> e.tool().name()).contains("diagnose");
            assertThat(events).filteredOn(e -> e.tool().agent().equals("aihelpdesk/nested:create_incident_bundle/diagnose"))
                    .isNotEmpty();
            assertThat(helpdesk.audit().verify().valid()).isTrue();
        } finally {
            for (Process p : List.of(psVisible, bareVisible)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + demo.database.port() + "/shop", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where query like 'select pg_sleep(60)%'");
            }
            query.get(20, TimeUnit.SECONDS);
        }
        Map<String, Object> data = ((Outcome.Succeeded) o).data();
        assertThat(o.text()).doesNotContain(PASSWORD);
        assertThat(((Number) data.get("redacted")).longValue()).isPositive();

        Path root = extract(data.get("bundle_path").toString(), dir.resolve("extracted"));
        List<Path> files;
        try (Stream<Path> all = Files.walk(root)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThan(40);
        for (Path f : files) {
            assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(PASSWORD);
        }
        assertThat(Files.readString(root.resolve("os/ps_by_cpu.txt"))).contains("sleep 60; true password=********",
                "sleep 60; true ********");
        assertThat(Files.readString(root.resolve("database/activity_sample.txt"))).contains("pg_sleep(60) /* ******** */");
        assertThat(Files.readString(root.resolve("manifest.json"))).contains("password=********", "\"masked\" : ");
        for (Path f : Files.list(dir).filter(p -> p.getFileName().toString().startsWith("audit.db")).toList()) {
            assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(PASSWORD);
        }
    }

    static Path extract(String bundle, Path into) throws Exception {
        Files.createDirectories(into);
        Process p = new ProcessBuilder("tar", "-xzf", bundle, "-C", into.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
        try (Stream<Path> roots = Files.list(into)) {
            return roots.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }
}
