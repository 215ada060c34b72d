package io.aihelpdesk.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.SqliteAuditStore;
import io.aihelpdesk.server.DemoFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server runs as a child process answering a burst of tool calls over stdio and is killed
 * with SIGKILL mid-burst: every call it answered has its intent and outcome in the audit chain,
 * and the chain verifies.
 */
class KillNineTest {
    @Test
    void no_acknowledged_call_is_lost_and_the_chain_stays_valid() throws Exception {
        DemoFixture demo = DemoFixture.get();
        Path audit = Files.createTempDirectory("kill9-").resolve("audit.db");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.aihelpdesk.server.cli.Main", "mcp",
                "--inventory", demo.inventory.toString(), "--audit-db", audit.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> acknowledged = new ArrayList<>();
        try (OutputStream in = server.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"kill9\",\"version\":\"1\"}}}");
            out.readLine();
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            for (int i = 1; i <= 400; i++) {
                send(in, "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/call\",\"params\":{\"name\":\"check_connection\","
                        + "\"arguments\":{\"connection_string\":\"demo\"},\"_meta\":{\"trace_id\":\"tr_kill9_" + i + "\"}}}");
            }
            String line;
            while (acknowledged.size() < 60 && (line = out.readLine()) != null) {
                int at = line.indexOf("\"trace_id\":\"tr_kill9_");
                if (at >= 0 && line.contains("\"isError\":false")) {
                    acknowledged.add(line.substring(at + 12, line.indexOf('"', at + 12)));
                }
            }
            server.destroyForcibly(); // SIGKILL, mid-burst
            assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).hasSize(60);
        try (SqliteAuditStore store = new SqliteAuditStore(audit)) {
            assertThat(store.verify().valid()).isTrue();
            for (String trace : acknowledged) {
                assertThat(store.query(AuditQuery.all().trace(trace))).as(trace).extracting(AuditEvent::eventType)
                        .containsExactly("tool_execution", "outcome");
            }
        }
    }

    private static void send(OutputStream in, String json) throws Exception {
        in.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
