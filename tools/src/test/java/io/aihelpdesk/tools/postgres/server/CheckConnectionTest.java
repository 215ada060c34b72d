package io.aihelpdesk.tools.postgres.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.testkit.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckConnectionTest {
    @Test
    void reports_version_database_and_role() {
        Outcome o = TestPostgres.call("check_connection", Map.of());
        assertThat(o).isInstanceOf(Outcome.Succeeded.class);
        Map<String, Object> data = ((Outcome.Succeeded) o).data();
        assertThat((String) data.get("version")).startsWith("PostgreSQL ");
        assertThat(data.get("database")).isEqualTo("postgres");
        assertThat(data.get("user")).isEqualTo("postgres");
        assertThat(data.get("in_recovery")).isEqualTo(false);
        assertThat(o.text()).startsWith("Connection successful: postgres as postgres");
    }
}
