package io.aihelpdesk.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one Outcome→HTTP table. The pipeline cannot produce a pending approval yet (it fails closed), so
 * 202 is checked here on the mapping; the other statuses also have real causes in the HTTP tests.
 */
class ApiResponseTest {
    @Test
    void each_outcome_maps_to_its_status_and_shape() {
        assertThat(ApiResponse.of(new Outcome.Succeeded("t", "tr_1", 3, Map.of("a", 1), "ok", "demo")))
                .satisfies(r -> assertThat(r.status()).isEqualTo(200))
                .satisfies(r -> assertThat(r.body()).containsEntry("status", "succeeded").containsEntry("result", Map.of("a", 1)));
        assertThat(ApiResponse.of(new Outcome.PendingApproval("t", "tr_2", 3, "apr_1", "needs a DBA")))
                .satisfies(r -> assertThat(r.status()).isEqualTo(202))
                .satisfies(r -> assertThat(r.body()).containsEntry("status", "pending_approval").containsEntry("approval_id", "apr_1")
                        .containsEntry("text", "APPROVAL REQUIRED — t: needs a DBA (approval apr_1)"));
        assertThat(ApiResponse.of(new Outcome.Invalid("t", "tr_3", 0, List.of(new Violation("pid", "is required")))).status()).isEqualTo(400);
        assertThat(ApiResponse.of(new Outcome.Denied("t", "tr_4", 0, "no", List.of("p[0]: no"), "abc")).status()).isEqualTo(403);
        ApiResponse failed = ApiResponse.of(new Outcome.Failed("t", "tr_5", 9,
                new Diagnosis("connection_refused", "refused", "start it", "08001"), "demo"));
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.traceId()).isEqualTo("tr_5");
        assertThat(failed.body().get("error")).isEqualTo(Map.of("code", "connection_refused",
                "message", "ERROR — t failed for demo: refused — start it (08001)", "hint", "start it", "trace_id", "tr_5",
                "tool", "t", "target", "demo", "diagnosis", "connection_refused", "sql_state", "08001", "duration_ms", 9L));
    }
}
