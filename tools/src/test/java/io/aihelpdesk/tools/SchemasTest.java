package io.aihelpdesk.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemasTest {
    enum Mode { FAST, THOROUGH }

    record Params(
            @Param(value = "Target", required = true) String connectionString,
            @Param(value = "How many", defaultValue = "10", min = 1, max = 100) int limit,
            @Param(value = "Mode", defaultValue = "fast") Mode mode) {
    }

    record Row(String name, Integer count) {
    }

    record Reply(List<Row> rows, boolean truncated) {
    }

    record Loop(List<Loop> children) {
    }

    @Test
    void input_schema_is_strict_with_snake_case_names_defaults_bounds_and_enums() {
        Map<String, Object> s = Schemas.input(Params.class);
        assertThat(s).containsEntry("type", "object").containsEntry("additionalProperties", false)
                .containsEntry("required", List.of("connection_string"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> props = (Map<String, Map<String, Object>>) s.get("properties");
        assertThat(props.get("limit")).containsEntry("type", "integer").containsEntry("default", 10)
                .containsEntry("minimum", 1L).containsEntry("maximum", 100L);
        assertThat(props.get("mode")).containsEntry("enum", List.of("fast", "thorough")).containsEntry("default", "fast");
    }

    @Test
    void output_schema_allows_null_for_nullable_values_only() {
        Map<String, Object> s = Schemas.output(Reply.class);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> props = (Map<String, Map<String, Object>>) s.get("properties");
        assertThat(props.get("truncated")).containsEntry("type", "boolean");
        assertThat(props.get("rows").get("type")).isEqualTo(List.of("array", "null"));
    }

    @Test
    void recursive_records_are_refused_with_a_clear_message() {
        assertThatThrownBy(() -> Schemas.output(Loop.class)).hasMessageContaining("contains itself");
    }
}
