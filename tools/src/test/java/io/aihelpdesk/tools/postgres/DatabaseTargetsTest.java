package io.aihelpdesk.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aihelpdesk.tools.ToolFailure;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseTargetsTest {
    private static final Map<String, String> ENV = Map.of("PROD_PW", "pr0d-secret");

    private static DatabaseTargets targets(String yaml) throws Exception {
        Inventory inv = InventoryLoader.parse(yaml, "inv.yaml", ENV::get);
        return new DatabaseTargets(inv, new ConnectionStrings(ENV::get, Path.of("/nonexistent")), ENV::get);
    }

    private static final String INVENTORY = """
            db_servers:
              prod:
                connection_string: "host=db.prod port=5432 dbname=app user=monitor"
                password_env: PROD_PW
                tags: [production]
              broken:
                connection_string: "host=x bogus=1"
              nopw:
                connection_string: "host=db.other dbname=app user=monitor"
                password_env: MISSING_PW
            """;

    @Test
    void resolves_inventory_ids_with_password_from_the_environment() throws Exception {
        DatabaseTarget t = targets(INVENTORY).resolve("prod");
        assertThat(t.id()).isEqualTo("prod");
        assertThat(t.tags()).containsExactly("production");
        assertThat(t.spec().password()).isEqualTo("pr0d-secret");
        assertThat(t.display()).isEqualTo("prod");
    }

    @Test
    void maps_a_connection_string_for_a_registered_server_back_to_its_inventory_entry() throws Exception {
        DatabaseTarget t = targets(INVENTORY).resolve("postgresql://monitor@db.prod:5432/app");
        assertThat(t.id()).isEqualTo("prod");
        assertThat(t.spec().password()).isEqualTo("pr0d-secret");
    }

    @Test
    void refuses_unregistered_targets_when_an_inventory_is_configured() throws Exception {
        ToolFailure f = catchThrowableOfType(ToolFailure.class, () -> targets(INVENTORY).resolve("host=evil.example dbname=app user=monitor"));
        assertThat(f.diagnosis().code()).isEqualTo("target_not_registered");
        assertThat(f.diagnosis().message()).contains("evil.example:5432/app");
        ToolFailure empty = catchThrowableOfType(ToolFailure.class, () -> targets(INVENTORY).resolve(""));
        assertThat(empty.diagnosis().code()).isEqualTo("target_not_registered");
    }

    @Test
    void allows_unregistered_targets_only_when_the_inventory_says_so() throws Exception {
        DatabaseTarget t = targets(INVENTORY + "allow_unregistered: true\n").resolve("host=elsewhere dbname=x user=y");
        assertThat(t.id()).isEmpty();
        assertThat(t.name()).isEqualTo("x");
    }

    @Test
    void names_unknown_ids_and_lists_known_ones() throws Exception {
        ToolFailure f = catchThrowableOfType(ToolFailure.class, () -> targets(INVENTORY).resolve("prdo"));
        assertThat(f.diagnosis().code()).isEqualTo("unknown_target");
        assertThat(f.diagnosis().hint()).contains("prod", "nopw");
    }

    @Test
    void reports_unusable_inventory_entries_precisely() throws Exception {
        assertThat(catchThrowableOfType(ToolFailure.class, () -> targets(INVENTORY).resolve("broken")).diagnosis().code())
                .isEqualTo("inventory_invalid");
        ToolFailure f = catchThrowableOfType(ToolFailure.class, () -> targets(INVENTORY).resolve("nopw"));
        assertThat(f.diagnosis().code()).isEqualTo("password_env_unset");
        assertThat(f.diagnosis().hint()).contains("MISSING_PW");
    }

    @Test
    void malformed_connection_strings_are_argument_errors() {
        assertThatThrownBy(() -> targets(INVENTORY).resolve("host=x port=abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
