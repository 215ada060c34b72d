package io.aihelpdesk.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.governance.audit.Verification;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.bench.ChildProcess;
import io.aihelpdesk.server.demo.DemoDatabase;
import io.aihelpdesk.server.bench.McpSessions;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code helpdesk serve} runs as a child process under concurrent MCP HTTP tool calls and is killed
 * with SIGKILL mid-load, then started again on the same audit database: the chain verifies, every
 * call acknowledged to a client has its intent and its outcome, every intent without an outcome is
 * one of the calls in flight at the kill (never acknowledged), and the restarted server serves.
 */
class HttpKillNineTest {
    private static final int SESSIONS = 8;

    @Test
    void kill_9_under_http_load_loses_no_acknowledged_call_and_the_restarted_server_serves() throws Exception {
        Path dir = Files.createTempDirectory("http-kill9-");
        try {
            crashAndRestart(dir.resolve("audit.db"));
        } finally {
            DemoDatabase.deleteTree(dir);
        }
    }

    private void crashAndRestart(Path audit) throws Exception {
        DemoFixture demo = DemoFixture.get();
        List<String> flags = List.of("--inventory", demo.inventory.toString(), "--audit-db", audit.toString());
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService load = Executors.newFixedThreadPool(SESSIONS);
        try (ChildProcess server = ChildProcess.serve(flags, 120_000)) {
            for (int s = 0; s < SESSIONS; s++) {
                int session = s;
                McpSyncClient client = McpSessions.http(server.port());
                load.submit(() -> {
                    try (client) {
                        for (int n = 0; !killed.get(); n++) {
                            String trace = "tr_crash_" + session + "_" + n;
                            sent.add(trace);
                            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("check_connection",
                                    Map.of("connection_string", "demo"), Map.of("trace_id", trace)));
                            if (!Boolean.TRUE.equals(r.isError())) {
                                acknowledged.add(trace);
                            }
                        }
                    } catch (RuntimeException afterKill) {
                        // the server is gone: this session ends
                    }
                    return null;
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (acknowledged.size() < 120 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            killed.set(true);
            server.kill(); // SIGKILL mid-load
        } finally {
            load.shutdown();
            assertThat(load.awaitTermination(90, TimeUnit.SECONDS)).as("client sessions ended after the kill").isTrue();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(120);

        try (ChildProcess again = ChildProcess.serve(flags, 120_000); McpSyncClient client = McpSessions.http(again.port())) {
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("check_connection",
                    Map.of("connection_string", "demo"), Map.of("trace_id", "tr_crash_after_restart")));
            assertThat(r.isError()).as("the restarted server serves: %s", r.content()).isFalse();
        }

        try (SqliteAuditStore store = new SqliteAuditStore(audit)) {
            Verification v = store.verify();
            assertThat(v.valid()).as("chain after kill -9 and restart: %s", v).isTrue();
            List<AuditEvent> events = all(store);
            assertThat(v.totalEvents()).isEqualTo(events.size());
            Map<String, List<String>> byTrace = events.stream().collect(Collectors.groupingBy(AuditEvent::traceId,
                    Collectors.mapping(AuditEvent::eventType, Collectors.toList())));
            for (String trace : acknowledged) {
                assertThat(byTrace.get(trace)).as(trace).containsExactly("tool_execution", "outcome");
            }
            Set<String> finished = events.stream().filter(e -> e.eventType().equals("outcome")).map(AuditEvent::parentId)
                    .collect(Collectors.toSet());
            List<AuditEvent> unfinished = events.stream().filter(e -> e.eventType().equals("tool_execution"))
                    .filter(e -> !finished.contains(e.eventId())).toList();
            assertThat(unfinished).as("intents without an outcome are calls in flight at the kill")
                    .hasSizeLessThanOrEqualTo(SESSIONS)
                    .allSatisfy(e -> assertThat(acknowledged).doesNotContain(e.traceId()))
                    .allSatisfy(e -> assertThat(sent).contains(e.traceId()));
            assertThat(byTrace.get("tr_crash_after_restart")).containsExactly("tool_execution", "outcome");
            assertThat(events).filteredOn(e -> e.eventType().equals("outcome"))
                    .allSatisfy(e -> assertThat(e.outcome()).as("an outcome event is whole").isNotNull());
        }
    }

    private static List<AuditEvent> all(SqliteAuditStore store) {
        List<AuditEvent> out = new ArrayList<>();
        for (AuditQuery q = AuditQuery.all().limit(AuditQuery.MAX_LIMIT); q != null; ) {
            List<AuditEvent> page = store.query(q);
            out.addAll(page);
            q = q.next(page);
        }
        return out;
    }
}
