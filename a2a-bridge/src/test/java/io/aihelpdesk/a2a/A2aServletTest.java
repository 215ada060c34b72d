package io.aihelpdesk.a2a;

import static io.aihelpdesk.a2a.Rpc.list;
import static io.aihelpdesk.a2a.Rpc.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.policy.PolicyEngine;
import io.aihelpdesk.governance.policy.PolicyFile;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.governance.redact.Redactor;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The A2A door over real HTTP against a real governance pipeline (SQLite audit chain, a policy that
 * denies writes on the host): both protocol versions, every method, and how each outcome maps to a
 * task. The caller comes from an {@code X-Test-User} header here; in {@code helpdesk serve} it is
 * the bearer-authenticated one (tested there).
 */
class A2aServletTest {
    private static final String POLICY = """
            version: "1"
            policies:
              - name: host-read-only
                resources: [{type: host}]
                rules: [{action: read, effect: allow}]
            """;
    private static final String ORCH = DomainAgent.ORCHESTRATOR;
    /** Short, so a test can outlive it: long calls must not lose their connection to Jetty's idle timeout. */
    private static final long IDLE_MS = 1000;
    private static Server jetty;
    private static SqliteAuditStore audit;
    private static String base;
    private static final AtomicReference<List<Object>> asked = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("a2a-servlet-");
        audit = new SqliteAuditStore(dir.resolve("audit.db"));
        PolicyEngine engine = new PolicyEngine(PolicyFile.parse(POLICY, "policies.yaml", Map.<String, String>of()::get), Verdict.DENY, false);
        Invoker invoker = new Invoker(new Catalog(TestTools.all()), DatabaseTargets.of(Inventory.none()),
                new ConnectionPools(PostgresSettings.defaults()));
        Pipeline pipeline = new Pipeline(invoker, () -> engine, audit, new Redactor(), Clock.systemUTC());
        TextAnswerer answerer = new TextAnswerer() {
            @Override
            public String answer(String question, Caller caller, String trace, String agent) {
                asked.set(List.of(question, caller.id(), trace, agent));
                return "you asked: " + question;
            }

            @Override
            public String answer(String question, Caller caller, String trace, String agent, java.util.function.Consumer<String> tokens) {
                if (tokens != null) {
                    tokens.accept("you asked: ");
                    tokens.accept(question);
                }
                return answer(question, caller, trace, agent);
            }
        };
        A2aServlet servlet = new A2aServlet(pipeline, answerer,
                req -> req.getHeader("X-Test-User") == null ? Caller.anonymous(req.getRemoteAddr())
                        : new Caller(req.getHeader("X-Test-User"), "user", List.of(), req.getRemoteAddr()),
                req -> "evil.example".equals(req.getHeader("Origin")) ? "origin evil.example is not allowed" : null,
                req -> req.getHeader("X-Trace-ID"), "9.9.9", false);
        jetty = new Server(0);
        ServletContextHandler root = new ServletContextHandler();
        ServletHolder holder = new ServletHolder(servlet);
        A2aServlet.mappings().forEach(p -> root.getServletHandler().addServletWithMapping(holder, p));
        jetty.setHandler(root);
        ((ServerConnector) jetty.getConnectors()[0]).setIdleTimeout(IDLE_MS);
        jetty.start();
        base = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        TestTools.release.countDown();
        jetty.stop();
        audit.close();
    }

    private static Rpc as(String user) {
        return new Rpc(base, Map.of("X-Test-User", user));
    }

    private static Map<String, Object> send(boolean v03, Map<String, Object> message) {
        return Map.of("message", message);
    }

    /** The task of a send result in either shape. */
    private static Map<String, Object> task(boolean v03, Map<String, Object> result) {
        return v03 ? result : map(result.get("task"));
    }

    private static String state(Map<String, Object> task) {
        return map(task.get("status")).get("state").toString();
    }

    private static String statusText(Map<String, Object> task) {
        return list(map(map(task.get("status")).get("message")).get("parts")).get(0).get("text").toString();
    }

    @Test
    void serves_a_card_per_agent_with_both_protocol_interfaces_and_a_skill_per_tool() throws Exception {
        Rpc anyone = new Rpc(base, Map.of());
        Map<String, Object> root = anyone.get(A2aServlet.CARD);
        assertThat(root).containsEntry("name", ORCH).containsEntry("url", base + "/a2a/" + ORCH).containsEntry("version", "9.9.9")
                .containsEntry("protocolVersion", "0.3.0").containsEntry("preferredTransport", "JSONRPC").doesNotContainKey("securitySchemes");
        assertThat(list(root.get("supportedInterfaces"))).extracting(i -> i.get("protocolVersion") + " " + i.get("url"))
                .containsExactly("1.0 " + base + "/a2a/" + ORCH, "0.3 " + base + "/a2a/" + ORCH);
        assertThat(map(root.get("capabilities"))).containsEntry("streaming", true);
        List<Map<String, Object>> skills = list(root.get("skills"));
        assertThat(skills).extracting(s -> s.get("id")).containsExactly(ORCH, "echo_note", "hold_until_released", "always_fails", "write_host_file");
        Map<String, Object> echo = skills.get(1);
        assertThat(echo.get("description")).isEqualTo("Echo a note back.");
        assertThat(echo.get("examples")).isEqualTo(List.of("{\"tool\":\"echo_note\",\"arguments\":{\"note\":\"<note>\"}}"));
        assertThat(echo.get("tags").toString()).contains("notes", "read-only");

        Map<String, Object> db = anyone.get("/a2a/postgres_database_agent" + A2aServlet.CARD);
        assertThat(db).containsEntry("name", "postgres_database_agent").containsEntry("url", base + "/a2a/postgres_database_agent");
        assertThat(list(db.get("skills"))).extracting(s -> s.get("id")).containsExactly("postgres_database_agent");
        assertThat(list(anyone.get("/a2a").get("agents"))).extracting(a -> a.get("name"))
                .containsExactly("postgres_database_agent", "k8s_agent", "incident_agent", ORCH);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void a_data_part_runs_exactly_that_tool_and_returns_its_data_and_text(boolean v03) throws Exception {
        String trace = "tr_a2a_data_" + v03;
        Map<String, Object> result = as("alice").result(ORCH, v03 ? "message/send" : "SendMessage",
                send(v03, Rpc.message(v03, Map.of("trace_id", trace), Rpc.toolCall("echo_note", Map.of("note", "hello")))));
        Map<String, Object> task = task(v03, result);
        if (v03) {
            assertThat(task).containsEntry("kind", "task");
        }
        assertThat(state(task)).isEqualTo(v03 ? "completed" : "TASK_STATE_COMPLETED");
        Map<String, Object> artifact = list(task.get("artifacts")).get(0);
        assertThat(artifact).containsEntry("name", "echo_note");
        List<Map<String, Object>> parts = list(artifact.get("parts"));
        assertThat(parts.get(0).get("data")).isEqualTo(Map.of("note", "hello", "length", 5));
        assertThat(parts.get(1).get("text").toString()).startsWith("echoed 5 characters");
        assertThat(parts.get(0).get("kind")).isEqualTo(v03 ? "data" : null);
        assertThat(map(task.get("metadata"))).containsEntry("trace_id", trace).containsEntry("agent", ORCH);

        List<AuditEvent> rows = audit.query(AuditQuery.all().trace(trace));
        assertThat(rows).isNotEmpty().allSatisfy(e -> {
            assertThat(e.tool().agent()).isEqualTo("aihelpdesk/a2a");
            assertThat(e.tool().name()).isEqualTo("echo_note");
            assertThat(e.principal().id()).isEqualTo("alice");
        });
    }

    @Test
    void the_trace_id_may_come_as_a_traceparent_or_from_the_http_headers() throws Exception {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Map<String, Object> t = as("alice").result(ORCH, "SendMessage", send(false,
                Rpc.message(false, Map.of("traceparent", traceparent), Rpc.toolCall("echo_note", Map.of("note", "x")))));
        assertThat(map(map(t.get("task")).get("metadata"))).containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(audit.query(AuditQuery.all().trace("4bf92f3577b34da6a3ce929d0e0e4736"))).isNotEmpty();

        Rpc withHeader = new Rpc(base, Map.of("X-Test-User", "alice", "X-Trace-ID", "tr_from_header"));
        Map<String, Object> h = withHeader.result(ORCH, "message/send", send(true, Rpc.message(true, null, Rpc.toolCall("echo_note", Map.of("note", "x")))));
        assertThat(map(h.get("metadata"))).containsEntry("trace_id", "tr_from_header");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void a_policy_denial_is_a_rejected_task_with_the_message_mcp_gives(boolean v03) throws Exception {
        String trace = "tr_a2a_denied_" + v03;
        Map<String, Object> task = task(v03, as("bob").result(ORCH, v03 ? "message/send" : "SendMessage",
                send(v03, Rpc.message(v03, Map.of("trace_id", trace), Rpc.toolCall("write_host_file", Map.of())))));
        assertThat(state(task)).isEqualTo(v03 ? "rejected" : "TASK_STATE_REJECTED");
        Outcome direct = directRun("write_host_file", Map.of(), "bob");
        assertThat(direct).isInstanceOf(Outcome.Denied.class);
        assertThat(statusText(task)).isEqualTo(direct.text().replace(direct.traceId(), trace)).startsWith("DENIED — write_host_file");
        assertThat(task).doesNotContainKey("artifacts");
        assertThat(audit.query(AuditQuery.all().trace(trace))).extracting(AuditEvent::eventType).contains("policy_decision");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void a_failure_or_invalid_arguments_are_a_failed_task_with_the_same_message(boolean v03) throws Exception {
        String method = v03 ? "message/send" : "SendMessage";
        Map<String, Object> failed = task(v03, as("alice").result(ORCH, method, send(v03, Rpc.message(v03, null, Rpc.toolCall("always_fails", Map.of())))));
        assertThat(state(failed)).isEqualTo(v03 ? "failed" : "TASK_STATE_FAILED");
        assertThat(statusText(failed)).isEqualTo(directRun("always_fails", Map.of(), "alice").text())
                .isEqualTo("ERROR — always_fails failed: the target refused the test call — nothing to fix, this is a test (test_refused)");
        Map<String, Object> detail = list(map(map(failed.get("status")).get("message")).get("parts")).get(1);
        assertThat(map(detail.get("data"))).containsEntry("outcome", "failed").containsEntry("code", "test_refused");

        Map<String, Object> invalid = task(v03, as("alice").result(ORCH, method, send(v03, Rpc.message(v03, null, Rpc.toolCall("echo_note", Map.of())))));
        assertThat(state(invalid)).isEqualTo(v03 ? "failed" : "TASK_STATE_FAILED");
        assertThat(statusText(invalid)).isEqualTo(directRun("echo_note", Map.of(), "alice").text()).startsWith("Invalid arguments for echo_note:");
    }

    private static Outcome directRun(String tool, Map<String, Object> args, String user) throws Exception {
        // the same call the door makes, straight into the same pipeline: what MCP and REST would render
        Path dir = Files.createTempDirectory("a2a-direct-");
        try (SqliteAuditStore other = new SqliteAuditStore(dir.resolve("audit.db"))) {
            PolicyEngine engine = new PolicyEngine(PolicyFile.parse(POLICY, "policies.yaml", Map.<String, String>of()::get), Verdict.DENY, false);
            Pipeline p = new Pipeline(new Invoker(new Catalog(TestTools.all()), DatabaseTargets.of(Inventory.none()),
                    new ConnectionPools(PostgresSettings.defaults())), () -> engine, other, new Redactor(), Clock.systemUTC());
            return p.run(new Invocation(tool, args, new Caller(user, "user", List.of(), ""), null, "mcp"));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void streaming_sends_the_task_working_each_artifact_and_the_final_status(boolean v03) throws Exception {
        List<Map<String, Object>> events = as("alice").stream(ORCH, v03 ? "message/stream" : "SendStreamingMessage",
                send(v03, Rpc.message(v03, Map.of("trace_id", "tr_stream_" + v03), Rpc.toolCall("echo_note", Map.of("note", "streamed")))));
        if (v03) {
            assertThat(events).extracting(e -> e.get("kind")).containsExactly("task", "status-update", "artifact-update", "status-update");
            assertThat(state(events.get(0))).isIn("submitted", "working");
            assertThat(events.get(1)).containsEntry("final", false);
            assertThat(state(events.get(3))).isEqualTo("completed");
            assertThat(events.get(3)).containsEntry("final", true);
            assertThat(list(map(events.get(2).get("artifact")).get("parts")).get(0).get("data")).isEqualTo(Map.of("note", "streamed", "length", 8));
        } else {
            assertThat(events).extracting(e -> e.keySet().iterator().next()).containsExactly("task", "statusUpdate", "artifactUpdate", "statusUpdate");
            assertThat(state(map(events.get(3).get("statusUpdate")))).isEqualTo("TASK_STATE_COMPLETED");
            assertThat(list(map(map(events.get(2).get("artifactUpdate")).get("artifact")).get("parts")).get(0).get("data"))
                    .isEqualTo(Map.of("note", "streamed", "length", 8));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void get_returns_the_task_to_its_owner_only(boolean v03) throws Exception {
        Map<String, Object> sent = task(v03, as("alice").result(ORCH, v03 ? "message/send" : "SendMessage",
                send(v03, Rpc.message(v03, null, Rpc.toolCall("echo_note", Map.of("note", "mine"))))));
        String id = sent.get("id").toString();
        Map<String, Object> got = as("alice").result(ORCH, v03 ? "tasks/get" : "GetTask", Map.of("id", id));
        assertThat(got.get("id")).isEqualTo(id);
        assertThat(state(got)).isEqualTo(state(sent));
        assertThat(list(got.get("history"))).hasSize(2);
        assertThat(as("alice").result(ORCH, v03 ? "tasks/get" : "GetTask", Map.of("id", id, "historyLength", 0))).doesNotContainKey("history");

        Map<String, Object> other = as("mallory").call(ORCH, v03 ? "tasks/get" : "GetTask", Map.of("id", id));
        assertThat(map(other.get("error"))).containsEntry("code", -32001);
        assertThat(map(as("alice").call("k8s_agent", v03 ? "tasks/get" : "GetTask", Map.of("id", id)).get("error"))).containsEntry("code", -32001);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void cancel_ends_a_running_task_and_refuses_one_that_has_ended(boolean v03) throws Exception {
        TestTools.release = new CountDownLatch(1);
        TestTools.held = new CountDownLatch(1);
        Map<String, Object> config = v03 ? Map.of("blocking", false) : Map.of("returnImmediately", true);
        Map<String, Object> started = task(v03, as("alice").result(ORCH, v03 ? "message/send" : "SendMessage",
                Map.of("message", Rpc.message(v03, null, Rpc.toolCall("hold_until_released", Map.of())), "configuration", config)));
        assertThat(state(started)).isEqualTo(v03 ? "working" : "TASK_STATE_WORKING");
        assertThat(TestTools.held.await(30, TimeUnit.SECONDS)).isTrue();
        String id = started.get("id").toString();

        assertThat(map(as("mallory").call(ORCH, v03 ? "tasks/cancel" : "CancelTask", Map.of("id", id)).get("error"))).containsEntry("code", -32001);
        Map<String, Object> canceled = as("alice").result(ORCH, v03 ? "tasks/cancel" : "CancelTask", Map.of("id", id));
        assertThat(state(canceled)).isEqualTo(v03 ? "canceled" : "TASK_STATE_CANCELED");
        TestTools.release.countDown();
        assertThat(state(as("alice").result(ORCH, v03 ? "tasks/get" : "GetTask", Map.of("id", id)))).isEqualTo(v03 ? "canceled" : "TASK_STATE_CANCELED");

        Map<String, Object> again = as("alice").call(ORCH, v03 ? "tasks/cancel" : "CancelTask", Map.of("id", id));
        assertThat(map(again.get("error"))).containsEntry("code", -32002);
        assertThat(map(again.get("error")).get("message").toString()).contains("already " + (v03 ? "canceled" : "TASK_STATE_CANCELED"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void a_call_longer_than_the_connection_idle_timeout_still_gets_its_answer(boolean stream) throws Exception {
        TestTools.release = new CountDownLatch(1);
        TestTools.held = new CountDownLatch(1);
        Thread releaser = new Thread(() -> {
            try {
                TestTools.held.await(30, TimeUnit.SECONDS);
                Thread.sleep(3 * IDLE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestTools.release.countDown();
        });
        releaser.start();
        Map<String, Object> params = send(false, Rpc.message(false, null, Rpc.toolCall("hold_until_released", Map.of())));
        if (stream) {
            List<Map<String, Object>> events = as("alice").stream(ORCH, "SendStreamingMessage", params);
            assertThat(events).hasSize(4);
            assertThat(state(map(events.get(3).get("statusUpdate")))).isEqualTo("TASK_STATE_COMPLETED");
        } else {
            assertThat(state(task(false, as("alice").result(ORCH, "SendMessage", params)))).isEqualTo("TASK_STATE_COMPLETED");
        }
        releaser.join();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void a_client_may_subscribe_to_a_task_it_started_without_waiting(boolean v03) throws Exception {
        TestTools.release = new CountDownLatch(1);
        TestTools.held = new CountDownLatch(1);
        Map<String, Object> config = v03 ? Map.of("blocking", false) : Map.of("returnImmediately", true);
        String id = task(v03, as("alice").result(ORCH, v03 ? "message/send" : "SendMessage",
                Map.of("message", Rpc.message(v03, null, Rpc.toolCall("hold_until_released", Map.of())), "configuration", config))).get("id").toString();
        assertThat(TestTools.held.await(30, TimeUnit.SECONDS)).isTrue();
        new Thread(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestTools.release.countDown();
        }).start();
        List<Map<String, Object>> events = as("alice").stream(ORCH, v03 ? "tasks/resubscribe" : "SubscribeToTask", Map.of("id", id));
        assertThat(events).hasSize(4);
        Map<String, Object> last = v03 ? events.get(3) : map(events.get(3).get("statusUpdate"));
        assertThat(state(last)).isEqualTo(v03 ? "completed" : "TASK_STATE_COMPLETED");
        assertThat(last.get("taskId")).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void text_goes_to_the_answerer_as_the_caller_under_the_trace_id(boolean v03) throws Exception {
        Map<String, Object> task = task(v03, as("carol").result("k8s_agent", v03 ? "message/send" : "SendMessage",
                send(v03, Rpc.message(v03, Map.of("trace_id", "tr_text_" + v03), "why is the pod restarting?"))));
        assertThat(state(task)).isEqualTo(v03 ? "completed" : "TASK_STATE_COMPLETED");
        assertThat(list(list(task.get("artifacts")).get(0).get("parts")).get(0).get("text")).isEqualTo("you asked: why is the pod restarting?");
        assertThat(asked.get()).containsExactly("why is the pod restarting?", "carol", "tr_text_" + v03, "k8s_agent");
    }

    /**
     * The A2A Java SDK (its 1.0 spec types and Gson JSON, as a client would use them) writes the
     * message — a data part naming a tool — and reads the task and the card this door answers.
     */
    @Test
    @SuppressWarnings("unchecked")
    void the_a2a_java_sdk_writes_requests_we_accept_and_reads_our_answers() throws Exception {
        io.a2a.spec.Message sdkMessage = io.a2a.spec.Message.builder().role(io.a2a.spec.Message.Role.ROLE_USER)
                .messageId("sdk-1").parts(new io.a2a.spec.DataPart(Map.of("tool", "echo_note", "arguments", Map.of("note", "from the SDK"))))
                .metadata(Map.of("trace_id", "tr_java_sdk_1")).build();
        // the SDK writes an event as {"message": {…}}, the proto-JSON of the 1.0 StreamResponse case
        Map<String, Object> wire = io.aihelpdesk.tools.Json.mapper().readValue(io.a2a.jsonrpc.common.json.JsonUtil.toJson(sdkMessage), Map.class);
        Map<String, Object> result = as("alice").result(ORCH, io.a2a.spec.A2AMethods.SEND_MESSAGE_METHOD, Map.of("message", wire.get("message")));

        io.a2a.spec.Task task = io.a2a.jsonrpc.common.json.JsonUtil.fromJson(io.aihelpdesk.tools.Json.write(result.get("task")), io.a2a.spec.Task.class);
        assertThat(task.status().state()).isEqualTo(io.a2a.spec.TaskState.TASK_STATE_COMPLETED);
        assertThat(task.metadata()).containsEntry("trace_id", "tr_java_sdk_1");
        io.a2a.spec.Artifact artifact = task.artifacts().get(0);
        assertThat(artifact.parts().get(0)).isInstanceOfSatisfying(io.a2a.spec.DataPart.class,
                d -> assertThat((Map<String, Object>) d.data()).containsEntry("note", "from the SDK"));
        assertThat(artifact.parts().get(1)).isInstanceOfSatisfying(io.a2a.spec.TextPart.class,
                t -> assertThat(t.text()).startsWith("echoed 12 characters"));
        assertThat(task.history().get(0).role()).isEqualTo(io.a2a.spec.Message.Role.ROLE_USER);

        io.a2a.spec.AgentCard card = io.a2a.jsonrpc.common.json.JsonUtil.fromJson(
                new Rpc(base, Map.of()).raw("/a2a/" + ORCH + A2aServlet.CARD, "GET", null).body(), io.a2a.spec.AgentCard.class);
        assertThat(card.name()).isEqualTo(ORCH);
        assertThat(card.capabilities().streaming()).isTrue();
        assertThat(card.supportedInterfaces()).extracting(io.a2a.spec.AgentInterface::protocolVersion).containsExactly("1.0", "0.3");
        assertThat(card.skills()).extracting(io.a2a.spec.AgentSkill::id).contains("echo_note");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void a_streamed_text_answer_comes_in_pieces_as_it_is_produced(boolean v03) throws Exception {
        List<Map<String, Object>> events = as("alice").stream(ORCH, v03 ? "message/stream" : "SendStreamingMessage",
                send(v03, Rpc.message(v03, null, "is it up?")));
        List<Map<String, Object>> chunks = events.subList(2, 5).stream()
                .map(e -> v03 ? e : map(e.get("artifactUpdate"))).toList();
        assertThat(chunks).extracting(c -> list(map(c.get("artifact")).get("parts")).get(0).get("text"))
                .containsExactly("you asked: ", "is it up?", "");
        assertThat(chunks).extracting(c -> c.get("append"), c -> c.get("lastChunk"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, false), org.assertj.core.groups.Tuple.tuple(true, false),
                        org.assertj.core.groups.Tuple.tuple(true, true));
        assertThat(chunks).extracting(c -> map(c.get("artifact")).get("artifactId")).containsOnly(chunks.get(0).get("taskId") + "-answer");
        Map<String, Object> last = v03 ? events.get(5) : map(events.get(5).get("statusUpdate"));
        assertThat(state(last)).isEqualTo(v03 ? "completed" : "TASK_STATE_COMPLETED");
        assertThat(events).hasSize(6);

        Map<String, Object> got = as("alice").result(ORCH, v03 ? "tasks/get" : "GetTask", Map.of("id", chunks.get(0).get("taskId")));
        assertThat(list(list(got.get("artifacts")).get(0).get("parts")).get(0).get("text")).isEqualTo("you asked: is it up?");
    }

    @Test
    void pending_approval_is_input_required_with_the_approval_id() {
        Outcome pending = new Outcome.PendingApproval("terminate_connection", "tr_pending", 3, "apr_0123abcd",
                "policy prod-writes requires an approval");
        OutcomeMapping.Settled s = OutcomeMapping.of(pending, "task-1");
        assertThat(s.state()).isEqualTo(TaskState.INPUT_REQUIRED);
        assertThat(s.state().v03()).isEqualTo("input-required");
        assertThat(s.state().v10()).isEqualTo("TASK_STATE_INPUT_REQUIRED");
        assertThat(s.status().get(0).text()).isEqualTo(pending.text()).contains("apr_0123abcd");
        assertThat(s.status().get(1).data()).containsEntry("approval_id", "apr_0123abcd").containsEntry("outcome", "pending_approval");
        assertThat(s.summary()).containsEntry("approval_id", "apr_0123abcd");
        assertThat(s.state().terminal()).isFalse();
    }

    @Test
    void protocol_errors_are_json_rpc_errors_with_the_a2a_codes() throws Exception {
        Rpc alice = as("alice");
        assertThat(map(alice.call(ORCH, "message/fly", Map.of()).get("error"))).containsEntry("code", -32601);
        assertThat(map(alice.call(ORCH, "tasks/pushNotificationConfig/set", Map.of()).get("error"))).containsEntry("code", -32003);
        assertThat(map(alice.call(ORCH, "ListTasks", Map.of()).get("error"))).containsEntry("code", -32004);
        Map<String, Object> ended = task(false, alice.result(ORCH, "SendMessage", send(false, Rpc.message(false, null, Rpc.toolCall("echo_note", Map.of("note", "x"))))));
        assertThat(map(alice.call(ORCH, "SubscribeToTask", Map.of("id", ended.get("id"))).get("error"))).containsEntry("code", -32004);
        assertThat(map(alice.call(ORCH, "SendMessage", Map.of()).get("error"))).containsEntry("code", -32602);
        assertThat(map(alice.call(ORCH, "SendMessage", Map.of("message", Map.of("role", "ROLE_USER", "parts",
                List.of(Map.of("url", "https://example.com/x.png"))))).get("error"))).containsEntry("code", -32005);
        Map<String, Object> wrongAgent = map(alice.call("postgres_database_agent", "SendMessage",
                send(false, Rpc.message(false, null, Rpc.toolCall("echo_note", Map.of("note", "x"))))).get("error"));
        assertThat(wrongAgent).containsEntry("code", -32602);
        assertThat(wrongAgent.get("message").toString()).isEqualTo("echo_note is a skill of helpdesk_orchestrator, not of "
                + "postgres_database_agent: send it to that agent, or to helpdesk_orchestrator");
        assertThat(alice.raw("/a2a/" + ORCH, "POST", "{not json").body()).contains("-32700");
        assertThat(alice.raw("/a2a/" + ORCH, "POST", "{\"pad\":\"" + "x".repeat(1 << 20) + "\"}").body())
                .contains("-32600", "the request is larger than 1048576 bytes");
        assertThat(alice.raw("/a2a/no_such_agent", "POST", "{}").statusCode()).isEqualTo(404);
        assertThat(new Rpc(base, Map.of("Origin", "evil.example")).raw(A2aServlet.CARD, "GET", null).statusCode()).isEqualTo(403);
    }
}
