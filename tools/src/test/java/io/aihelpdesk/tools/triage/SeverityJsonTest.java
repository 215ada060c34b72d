package io.aihelpdesk.tools.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.Schemas;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A finding's severity is written the way diagnose's output schema declares it, and read back. */
class SeverityJsonTest {
    @Test
    @SuppressWarnings("unchecked")
    void severity_is_written_as_the_output_schema_enumerates_it() {
        Map<String, Object> schema = Schemas.output(Diagnose.Reply.class);
        Map<String, Object> findings = (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get("findings");
        Map<String, Object> severity = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) findings.get("items"))
                .get("properties")).get("severity");
        List<Object> allowed = (List<Object>) severity.get("enum");
        for (Severity s : Severity.values()) {
            String written = Json.mapper().convertValue(s, String.class);
            assertThat(allowed).contains(written);
            assertThat(Json.mapper().convertValue(written, Severity.class)).isEqualTo(s);
        }
    }
}
