package io.aihelpdesk.tools.postgres.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetSequenceHealthTest {
    @Test
    void flags_sequences_near_the_end_of_their_range_in_either_direction() {
        TestPostgres.exec("create sequence sh_up as smallint", "select setval('sh_up', 30000)",
                "create sequence sh_down as smallint increment by -1", "select setval('sh_down', -32000)",
                "create sequence sh_fresh");
        try {
            Map<String, Object> data = TestPostgres.data("get_sequence_health", Map.of());
            Map<String, Object> up = sequence(data, "sh_up");
            assertThat(up.get("data_type")).isEqualTo("smallint");
            assertThat(((Number) up.get("max_value")).longValue()).isEqualTo(32767);
            assertThat(((Number) up.get("last_value")).longValue()).isEqualTo(30000);
            assertThat((Double) up.get("pct_used")).isGreaterThan(90.0).isEqualTo(91.56);
            assertThat(up.get("at_risk")).isEqualTo(true);
            assertThat((Double) sequence(data, "sh_down").get("pct_used")).isGreaterThan(97.0);
            assertThat(sequence(data, "sh_down").get("at_risk")).isEqualTo(true);
            Map<String, Object> fresh = sequence(data, "sh_fresh");
            assertThat(fresh.get("last_value")).isNull();
            assertThat(fresh.get("pct_used")).isNull();
            assertThat(fresh.get("at_risk")).isEqualTo(false);
            assertThat(((Number) data.get("at_risk_count")).intValue()).isGreaterThanOrEqualTo(2);
        } finally {
            TestPostgres.exec("drop sequence sh_up, sh_down, sh_fresh");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sequence(Map<String, Object> data, String name) {
        return ((List<Map<String, Object>>) data.get("sequences")).stream()
                .filter(s -> name.equals(s.get("sequence_name"))).findFirst().orElseThrow();
    }
}
