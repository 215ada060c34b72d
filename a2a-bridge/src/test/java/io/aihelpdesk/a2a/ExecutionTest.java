package io.aihelpdesk.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.redact.Redactor;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Continuing a task: one waiting for an approval runs its call again under the same trace id (so the
 * pipeline can find the approval granted meanwhile); ended tasks and other callers' tasks cannot be
 * continued. The waiting task is set up by hand because this pipeline has no approvals to grant.
 */
class ExecutionTest {
    private static final Caller ALICE = new Caller("alice", "user", List.of(), "test");
    private SqliteAuditStore audit;
    private Execution execution;

    @BeforeEach
    void start() throws Exception {
        audit = new SqliteAuditStore(Files.createTempDirectory("a2a-execution-").resolve("audit.db"));
        Pipeline pipeline = new Pipeline(new Invoker(new Catalog(TestTools.all()), DatabaseTargets.of(Inventory.none()),
                new ConnectionPools(PostgresSettings.defaults())), null, audit, new Redactor(), Clock.systemUTC());
        execution = new Execution(pipeline, null);
    }

    @AfterEach
    void stop() {
        execution.close();
        audit.close();
    }

    private static Map<String, Object> continuing(String taskId) {
        return Map.of("message", Map.of("role", "user", "taskId", taskId, "parts", List.of(Map.of("kind", "text", "text", "approved"))));
    }

    @Test
    void a_task_waiting_for_an_approval_runs_its_call_again_under_the_same_trace() throws Exception {
        Task waiting = new Task("task-1", "ctx-1", DomainAgent.ORCHESTRATOR, "alice", "tr_resume_1", List.of(Part.text("echo")), "m-1",
                Map.of("tool", "echo_note", "arguments", Map.of("note", "after approval")));
        waiting.settle(TaskState.INPUT_REQUIRED, List.of(Part.text("APPROVAL REQUIRED — echo_note: … (approval apr_1)")), List.of(),
                Map.of("outcome", "pending_approval", "approval_id", "apr_1"));
        execution.tasks().add(waiting);

        Task resumed = execution.start(DomainAgent.named(DomainAgent.ORCHESTRATOR), continuing("task-1"), ALICE, null);
        assertThat(resumed).isSameAs(waiting);
        resumed.settled().get(30, TimeUnit.SECONDS);
        Task.View v = resumed.view();
        assertThat(v.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(v.artifacts().get(0).parts().get(0).data()).isEqualTo(Map.of("note", "after approval", "length", 14));
        assertThat(audit.query(AuditQuery.all().trace("tr_resume_1"))).isNotEmpty()
                .allSatisfy(e -> assertThat(e.tool().agent()).isEqualTo("aihelpdesk/a2a"))
                .extracting(AuditEvent::eventType).contains("tool_execution");

        assertThatThrownBy(() -> execution.start(DomainAgent.named(DomainAgent.ORCHESTRATOR), continuing("task-1"), ALICE, null))
                .isInstanceOf(RpcError.class).hasMessage("task task-1 is completed: only a task waiting for an approval "
                        + "(input-required) can be continued; send a new message without taskId")
                .satisfies(e -> assertThat(((RpcError) e).code).isEqualTo(RpcError.INVALID_PARAMS));
        assertThatThrownBy(() -> execution.start(DomainAgent.named(DomainAgent.ORCHESTRATOR), continuing("task-1"),
                new Caller("mallory", "user", List.of(), "test"), null))
                .isInstanceOf(RpcError.class).satisfies(e -> assertThat(((RpcError) e).code).isEqualTo(RpcError.TASK_NOT_FOUND));
    }

    @Test
    void when_every_worker_is_busy_a_new_task_is_refused_without_running() throws Exception {
        Pipeline pipeline = new Pipeline(new Invoker(new Catalog(TestTools.all()), DatabaseTargets.of(Inventory.none()),
                new ConnectionPools(PostgresSettings.defaults())), null, audit, new Redactor(), Clock.systemUTC());
        TestTools.release = new java.util.concurrent.CountDownLatch(1);
        TestTools.held = new java.util.concurrent.CountDownLatch(1);
        try (Execution one = new Execution(pipeline, null, 1, 0)) {
            DomainAgent orch = DomainAgent.named(DomainAgent.ORCHESTRATOR);
            Task holding = one.start(orch, call("hold_until_released", Map.of(), "tr_busy_1"), ALICE, null);
            assertThat(TestTools.held.await(30, TimeUnit.SECONDS)).isTrue();
            Task refused = one.start(orch, call("echo_note", Map.of("note", "x"), "tr_busy_2"), ALICE, null);
            assertThat(refused.view().state()).isEqualTo(TaskState.FAILED);
            assertThat(refused.view().status().get(0).text()).isEqualTo("the server is busy: 1 A2A tasks are running and 0 are waiting "
                    + "— nothing ran; send the message again later");
            assertThat(audit.query(AuditQuery.all().trace("tr_busy_2"))).isEmpty();
            TestTools.release.countDown();
            holding.settled().get(30, TimeUnit.SECONDS);
            assertThat(holding.view().state()).isEqualTo(TaskState.COMPLETED);
        }
    }

    private static Map<String, Object> call(String tool, Map<String, Object> args, String trace) {
        return Map.of("message", Map.of("role", "user", "parts", List.of(Map.of("data", Map.of("tool", tool, "arguments", args))),
                "metadata", Map.of("trace_id", trace)));
    }

    @Test
    void work_that_settled_before_the_task_was_marked_working_keeps_its_state() {
        Task fast = new Task("fast", "c", "a", "o", "t", List.of(Part.text("x")), "m", null);
        fast.settle(TaskState.INPUT_REQUIRED, List.of(Part.text("APPROVAL REQUIRED")), List.of(), Map.of());
        fast.working(null);
        assertThat(fast.view().state()).isEqualTo(TaskState.INPUT_REQUIRED);
        Task fresh = new Task("fresh", "c", "a", "o", "t", List.of(Part.text("x")), "m", null);
        fresh.working(null);
        assertThat(fresh.view().state()).isEqualTo(TaskState.WORKING);
    }

    @Test
    void the_task_store_evicts_ended_tasks_first() {
        Tasks store = new Tasks();
        Task running = new Task("running", "c", "a", "o", "t", List.of(Part.text("x")), "m", null);
        store.add(running);
        for (int i = 0; i < Tasks.CAPACITY - 1; i++) {
            Task done = new Task("done-" + i, "c", "a", "o", "t", List.of(Part.text("x")), "m", null);
            done.settle(TaskState.COMPLETED, List.of(), List.of(), Map.of());
            store.add(done);
        }
        store.add(new Task("new", "c", "a", "o", "t", List.of(Part.text("x")), "m", null));
        assertThat(store.find("running", "a", "o")).isPresent();
        assertThat(store.find("done-0", "a", "o")).isEmpty();
        assertThat(store.find("done-1", "a", "o")).isPresent();
        assertThat(store.find("new", "a", "o")).isPresent();
    }
}
