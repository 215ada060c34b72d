package io.aihelpdesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.identity.ApiKeys;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** deploy/compose/docker-compose.yaml: the services, how they wait for each other, and that what they mount exists. */
@SuppressWarnings("unchecked")
class ComposeTest {
    private static final Path DIR = Repo.file("deploy/compose");
    private static final Map<String, Object> COMPOSE = read();
    private static final Map<String, Object> SERVICES = (Map<String, Object>) COMPOSE.get("services");

    @Test
    void server_and_postgres_run_by_default_and_the_chat_only_in_its_profile() {
        assertThat(SERVICES).containsOnlyKeys("postgres", "helpdesk", "chat");
        assertThat(service("postgres")).doesNotContainKey("profiles");
        assertThat(service("helpdesk")).doesNotContainKey("profiles");
        assertThat((List<String>) service("chat").get("profiles")).containsExactly("chat");
        Map<String, Object> build = (Map<String, Object>) service("helpdesk").get("build");
        Path context = DIR.resolve((String) build.get("context")).normalize();
        assertThat(context).isEqualTo(Repo.root());
        assertThat(context.resolve((String) build.get("dockerfile"))).isEqualTo(Repo.file("deploy/docker/Dockerfile"));
        assertThat(service("chat").get("image")).isEqualTo(service("helpdesk").get("image"));
    }

    @Test
    void services_wait_for_healthy_dependencies() {
        assertThat(service("helpdesk").get("depends_on")).isEqualTo(Map.of("postgres", Map.of("condition", "service_healthy")));
        assertThat(service("chat").get("depends_on")).isEqualTo(Map.of("helpdesk", Map.of("condition", "service_healthy")));
        assertThat((List<String>) healthcheck("postgres")).contains("CMD-SHELL");
        List<String> probe = healthcheck("helpdesk");
        String port = env("helpdesk").get("HELPDESK_PORT");
        assertThat(probe).containsExactly("CMD", "curl", "-fsS", "http://127.0.0.1:" + port + "/health");
        assertThat(env("helpdesk")).containsEntry("HELPDESK_BIND", "0.0.0.0");
        assertThat((List<String>) service("helpdesk").get("ports")).singleElement()
                .satisfies(p -> assertThat(p).endsWith(":" + port));
    }

    @Test
    void the_server_authenticates_with_the_mounted_users_file_and_the_chat_holds_a_key_of_it() throws Exception {
        Map<String, Path> mounts = bindMounts("helpdesk");
        Path users = mounts.get(env("helpdesk").get("HELPDESK_USERS_FILE"));
        assertThat(users).as("HELPDESK_USERS_FILE is a mounted file").isEqualTo(Repo.file("examples/users.yaml"));
        ApiKeys keys = ApiKeys.load(users);
        String chatKey = defaultOf(env("chat").get("HELPDESK_SERVER_API_KEY"));
        assertThat(keys.authenticate(chatKey)).as("the chat's default key").isPresent();
        List<String> entrypoint = (List<String>) service("chat").get("entrypoint");
        assertThat(entrypoint).containsExactly("/opt/aihelpdesk/bin/helpdesk", "chat", "--server",
                "http://helpdesk:" + env("helpdesk").get("HELPDESK_PORT"));
        assertThat(service("chat")).containsEntry("stdin_open", true).containsEntry("tty", true);
    }

    @Test
    void audit_store_and_demo_target_are_the_databases_the_init_script_creates() throws Exception {
        String init = Files.readString(DIR.resolve("initdb/01-helpdesk.sh"));
        assertThat(bindMounts("postgres")).containsEntry("/docker-entrypoint-initdb.d", DIR.resolve("initdb"));
        assertThat(DIR.resolve("initdb/01-helpdesk.sh")).isExecutable();

        Matcher audit = Pattern.compile("postgresql://(\\w+):\\$\\{(\\w+):-[^}]*}@postgres:5432/(\\w+)")
                .matcher(env("helpdesk").get("HELPDESK_AUDIT_URL"));
        assertThat(audit.matches()).as(env("helpdesk").get("HELPDESK_AUDIT_URL")).isTrue();
        assertThat(init).contains("CREATE ROLE " + audit.group(1) + " LOGIN").contains("CREATE DATABASE " + audit.group(3)
                + " OWNER " + audit.group(1));
        assertThat(env("postgres")).containsKey(audit.group(2));

        Path inventoryFile = bindMounts("helpdesk").get(env("helpdesk").get("HELPDESK_INFRA_CONFIG"));
        Inventory inventory = InventoryLoader.load(inventoryFile);
        String connection = inventory.dbServers().get("demo").connectionString();
        assertThat(connection).contains("host=postgres").contains("dbname=shop").contains("user=helpdesk_monitor");
        assertThat(init).contains("CREATE DATABASE shop").contains("CREATE ROLE helpdesk_monitor LOGIN")
                .contains("GRANT pg_monitor");
        String passwordVariable = inventory.dbServers().get("demo").passwordEnv();
        assertThat(env("helpdesk")).containsKey(passwordVariable);
        assertThat(defaultOf(env("helpdesk").get(passwordVariable))).isEqualTo(defaultOf(env("postgres").get(passwordVariable)));
    }

    @Test
    void every_bind_mount_source_exists() {
        for (String name : SERVICES.keySet()) {
            bindMounts(name).forEach((target, source) -> assertThat(source).as("%s: %s", name, target).exists());
        }
    }

    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) SERVICES.get(name);
    }

    private static Map<String, String> env(String name) {
        Map<String, Object> env = (Map<String, Object>) service(name).getOrDefault("environment", Map.of());
        Map<String, String> out = new java.util.LinkedHashMap<>();
        env.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static List<String> healthcheck(String name) {
        return (List<String>) ((Map<String, Object>) service(name).get("healthcheck")).get("test");
    }

    /** Container path → host path of the service's bind mounts (named volumes left out). */
    private static Map<String, Path> bindMounts(String name) {
        Map<String, Path> out = new java.util.LinkedHashMap<>();
        for (String volume : (List<String>) service(name).getOrDefault("volumes", List.of())) {
            String[] parts = volume.split(":");
            if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
                out.put(parts[1], DIR.resolve(parts[0]).normalize());
            }
        }
        return out;
    }

    /** The default of a compose interpolation {@code ${VAR:-default}}, or the value itself. */
    private static String defaultOf(String value) {
        Matcher m = Pattern.compile("\\$\\{\\w+:-([^}]*)}").matcher(value);
        return m.matches() ? m.group(1) : value;
    }

    private static Map<String, Object> read() {
        try {
            return new YAMLMapper().readValue(Files.readString(DIR.resolve("docker-compose.yaml")), Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
