package io.aihelpdesk.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.governance.audit.PostgresAuditStore;
import io.aihelpdesk.governance.audit.Verification;
import io.aihelpdesk.server.DemoFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two server processes write one audit chain in PostgreSQL while answering calls at the same
 * time; the chain verifies, and a password sent by a caller appears neither in the chain nor in
 * either server's logs.
 */
class TwoServersOneChainTest {
    private static final String CANARY = "LeakCanary-7731";

    @Test
    @org.junit.jupiter.api.Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // a lost response fails the test instead of hanging the build
    void two_server_processes_keep_one_valid_chain_and_leak_no_password() throws Exception {
        DemoFixture demo = DemoFixture.get();
        int port = demo.database.port();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("create database two_servers_audit");
        }
        String auditUrl = "host=localhost port=" + port + " dbname=two_servers_audit user=postgres";
        Path dir = Files.createTempDirectory("two-servers-");
        List<Process> servers = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            servers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.aihelpdesk.server.cli.Main", "mcp",
                    "--inventory", demo.inventory.toString(), "--audit-url", auditUrl)
                    .redirectError(dir.resolve("server" + n + ".log").toFile()).start());
        }
        List<BufferedReader> outputs = new ArrayList<>();
        for (Process p : servers) {
            OutputStream in = p.getOutputStream();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            outputs.add(out);
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"two\",\"version\":\"1\"}}}");
            // as the protocol requires, nothing else is sent before the initialize response arrives
            assertThat(out.readLine()).contains("\"id\":0").contains("protocolVersion");
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            for (int i = 1; i <= 50; i++) {
                String target = i % 10 == 0 ? "host=elsewhere dbname=x user=y password=" + CANARY : "demo";
                send(in, "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/call\",\"params\":{\"name\":\"get_connection_stats\","
                        + "\"arguments\":{\"connection_string\":\"" + target + "\"}}}");
            }
        }
        for (int n = 0; n < servers.size(); n++) {
            Process p = servers.get(n);
            BufferedReader out = outputs.get(n);
            int answered = 0;
            String line;
            while (answered < 50 && (line = out.readLine()) != null) {
                assertThat(line).doesNotContain(CANARY);
                answered++;
            }
            assertThat(answered).isEqualTo(50);
            p.getOutputStream().close(); // stdin EOF: the server exits cleanly
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://localhost:" + port + "/two_servers_audit");
        ds.setUser("postgres");
        try (PostgresAuditStore store = new PostgresAuditStore(ds)) {
            Verification v = store.verify();
            assertThat(v.valid()).as(String.valueOf(v.error())).isTrue();
            // 90 calls ran (intent + outcome), 10 were refused before running (one event each)
            assertThat(v.totalEvents()).isEqualTo(190);
            assertThat(store.query(AuditQuery.all().limit(1000)).toString()).doesNotContain(CANARY);
        }
        for (int n = 0; n < 2; n++) {
            assertThat(Files.readString(dir.resolve("server" + n + ".log"))).doesNotContain(CANARY);
        }
    }

    private static void send(OutputStream in, String json) throws Exception {
        in.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
