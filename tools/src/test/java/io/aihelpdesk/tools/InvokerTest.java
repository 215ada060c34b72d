package io.aihelpdesk.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.tools.testkit.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvokerTest {
    @Test
    void unknown_tool_is_invalid_and_suggests_close_names() {
        Outcome o = TestPostgres.call("check_conection", Map.of());
        assertThat(o).isInstanceOf(Outcome.Invalid.class);
        assertThat(o.text()).contains("unknown tool 'check_conection'", "did you mean [check_connection]");
    }

    @Test
    void every_argument_violation_is_named_at_once() {
        Outcome o = TestPostgres.invoker().invoke(new Invocation("check_connection",
                Map.of("connection_string", 42, "extra", true), Caller.osUser("test"), null, "test"));
        assertThat(o).isInstanceOf(Outcome.Invalid.class);
        assertThat(((Outcome.Invalid) o).violations()).extracting(Violation::parameter)
                .containsExactlyInAnyOrder("connection_string", "extra");
        assertThat(o.text()).contains("connection_string: must be a string, got 42", "extra: is not a parameter of this tool");
    }

    @Test
    void malformed_connection_string_is_invalid_not_a_failure() {
        Outcome o = TestPostgres.call("check_connection", Map.of("connection_string", "host=x port=notaport"));
        assertThat(o).isInstanceOf(Outcome.Invalid.class);
        assertThat(o.text()).contains("connection_string: invalid port number");
    }

    @Test
    void success_carries_trace_id_target_and_text() {
        Outcome o = TestPostgres.invoker().invoke(new Invocation("check_connection",
                Map.of("connection_string", TestPostgres.connectionString()), Caller.osUser("test"), "tr_given", "test"));
        assertThat(o).isInstanceOf(Outcome.Succeeded.class);
        assertThat(o.traceId()).isEqualTo("tr_given");
        assertThat(((Outcome.Succeeded) o).target()).contains("dbname=postgres").doesNotContain("password");
    }

    @Test
    void trace_ids_come_from_w3c_traceparent() {
        assertThat(Invocation.traceIdFromTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(Invocation.traceIdFromTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isNull();
        assertThat(Invocation.traceIdFromTraceparent("garbage")).isNull();
        assertThat(Invocation.newTraceId()).matches("tr_[0-9a-f]{12}");
    }
}
