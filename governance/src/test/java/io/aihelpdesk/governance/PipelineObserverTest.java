package io.aihelpdesk.governance;

import static io.aihelpdesk.governance.testkit.TestPipeline.ALICE;
import static io.aihelpdesk.governance.testkit.TestPipeline.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.Appended;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.governance.testkit.TestClock;
import io.aihelpdesk.governance.testkit.TestPipeline;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The observer seam over a real pipeline and PostgreSQL: an attached observer hears each call's
 * start and end (effect, outcome, time), each policy decision and each audit append with its
 * place in the chain; a detached one hears nothing more.
 */
class PipelineObserverTest {
    private static final String POLICY = """
            version: "1"
            guardrails:
              protected_resources:
                - resource: {type: database, match: {name_pattern: "prod"}}
                  allow: [read]
            policies:
              - name: open
                resources: [{type: database}]
                rules: [{action: [read, write], effect: allow}]
            """;

    @TempDir
    Path dir;

    /** What the observer heard, as lines. */
    private static final class Heard implements PipelineObserver {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Appended> appended = new CopyOnWriteArrayList<>();

        @Override
        public Call started(Invocation call) {
            events.add("start " + call.tool());
            return ended -> events.add("end " + ended.outcome().tool() + " " + ended.effect() + " "
                    + ended.outcome().getClass().getSimpleName() + (ended.guardrail() == null ? "" : " " + ended.guardrail())
                    + (ended.nanos() > 0 ? "" : " no-time"));
        }

        @Override
        public void decided(String effect, Verdict verdict) {
            events.add("decided " + effect + " " + verdict.label());
        }

        @Override
        public void audited(long nanos, Appended a) {
            appended.add(a);
        }
    }

    @Test
    void an_observer_hears_calls_decisions_and_appends_until_it_is_detached() throws Exception {
        try (SqliteAuditStore audit = new SqliteAuditStore(dir.resolve("audit.db"))) {
            Pipeline p = TestPipeline.create(audit, POLICY, new TestClock(Instant.now()));
            Heard heard = new Heard();
            AutoCloseable attached = p.observe(heard);

            assertThat(call(p, "check_connection", Map.of("connection_string", "staging"), ALICE)).isInstanceOf(Outcome.Succeeded.class);
            assertThat(call(p, "fake_terminate", Map.of("connection_string", "prod", "count", 1), ALICE)).isInstanceOf(Outcome.Denied.class);
            assertThat(call(p, "no_such_tool", Map.of(), ALICE)).isInstanceOf(Outcome.Invalid.class);

            assertThat(heard.events).containsExactly(
                    "start check_connection", "decided read allow", "end check_connection read Succeeded",
                    "start fake_terminate", "decided write allow", "end fake_terminate write Denied guardrail_protected_resource",
                    "start no_such_tool", "end no_such_tool null Invalid");
            // decision, intent, outcome; decision, refusal; the unknown tool's stop
            assertThat(heard.appended).hasSize(6).doesNotContainNull();
            assertThat(heard.appended).extracting(Appended::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);

            attached.close();
            call(p, "check_connection", Map.of("connection_string", "staging"), ALICE);
            assertThat(heard.events).hasSize(8);
            assertThat(heard.appended).hasSize(6);
        }
    }
}
