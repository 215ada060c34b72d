package io.aihelpdesk.tools.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aihelpdesk.tools.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryLoaderTest {
    @Test
    void reads_the_original_infrastructure_json_format() throws Exception {
        String json = """
                {
                  "db_servers": {
                    "prod-db": {"name": "Production", "connection_string": "host=db.prod port=5432 dbname=app user=monitor",
                                "k8s_cluster": "prod", "k8s_namespace": "payments", "tags": ["production", "critical"]},
                    "legacy": {"name": "Legacy", "connection_string": "host=vm1 dbname=old user=dba", "vm_name": "vm1"}
                  },
                  "k8s_clusters": {"prod": {"name": "Prod cluster", "context": "gke-prod"}},
                  "vms": {"vm1": {"name": "VM one", "host": "10.1.2.3"}}
                }
                """;
        Inventory inv = InventoryLoader.parse(json, "infrastructure.json", Map.<String, String>of()::get);
        assertThat(inv.configured()).isTrue();
        assertThat(inv.allowUnregistered()).isFalse();
        DbServer prod = inv.database("prod-db").orElseThrow();
        assertThat(prod.tags()).containsExactly("production", "critical");
        assertThat(prod.hosting()).isEqualTo("kubernetes");
        assertThat(inv.database("legacy").orElseThrow().hosting()).isEqualTo("vm");
        assertThat(inv.k8sClusters().get("prod").context()).isEqualTo("gke-prod");
    }

    @Test
    void expands_env_references_and_keeps_password_env_names() throws Exception {
        String yaml = """
                db_servers:
                  app:
                    connection_string: "host=${DB_HOST} dbname=app user=monitor"
                    password_env: APP_DB_PASSWORD
                """;
        Inventory inv = InventoryLoader.parse(yaml, "inv.yaml", Map.of("DB_HOST", "db.internal")::get);
        DbServer app = inv.database("app").orElseThrow();
        assertThat(app.connectionString()).isEqualTo("host=db.internal dbname=app user=monitor");
        assertThat(app.passwordEnv()).isEqualTo("APP_DB_PASSWORD");
    }

    @Test
    void reports_every_problem_with_file_line_and_path() {
        String yaml = """
                db_servers:
                  good:
                    connection_string: "host=a dbname=b user=c"
                  missing-conn:
                    name: No connection
                  typo:
                    conection_string: "host=a"
                    connection_string: "host=${UNSET_VAR}"
                    k8s_cluster: nowhere
                allow_unregistered: maybe
                extra: 1
                """;
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> InventoryLoader.parse(yaml, "inv.yaml", Map.<String, String>of()::get));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "inv.yaml:5: db_servers.missing-conn: 'connection_string' is required",
                "inv.yaml:7: db_servers.typo.conection_string: unknown key (allowed: connection_string, description, k8s_cluster, k8s_namespace, k8s_pod_selector, name, password_env, tags, vm_name)",
                "inv.yaml:8: db_servers.typo.connection_string: environment variable UNSET_VAR is not set",
                "inv.yaml:9: db_servers.typo.k8s_cluster: names cluster 'nowhere', which is not in k8s_clusters []",
                "inv.yaml:10: allow_unregistered: must be true or false, got 'maybe'",
                "inv.yaml:11: extra: unknown key (allowed: allow_unregistered, db_servers, k8s_clusters, version, vms)");
    }

    @Test
    void the_shipped_example_loads() throws Exception {
        Inventory inv = InventoryLoader.parse(java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples", "inventory.yaml")),
                "examples/inventory.yaml", Map.of("STAGING_DB_PASSWORD", "x")::get);
        assertThat(inv.dbServers()).containsOnlyKeys("prod-orders", "staging-orders");
    }

    @Test
    void reports_syntax_errors_with_their_line() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> InventoryLoader.parse("db_servers:\n  a: [unclosed\n", "bad.yaml", Map.<String, String>of()::get));
        assertThat(e.problems()).singleElement().asString().startsWith("bad.yaml:").contains("syntax error");
    }
}
