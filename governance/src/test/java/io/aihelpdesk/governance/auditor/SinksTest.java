package io.aihelpdesk.governance.auditor;

import static io.aihelpdesk.governance.auditor.Calls.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SinksTest {
    private static final Alert CRITICAL = new Alert(Alert.Level.CRITICAL, "destructive_without_approval",
            "destructive tool drop_table ran without approval", "evt_1", "tr_1", T0, Map.of("tool", "drop_table"));
    private static final Alert WARN = new Alert(Alert.Level.WARN, "slow_tool", "tool get_pods took 16000 ms",
            "evt_2", null, T0, Map.of("duration_ms", 16000L));

    private HttpServer server;
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            posted.add(exchange.getRequestMethod() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    private URI hook() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @Test
    void stderr_sink_writes_one_line_per_alert() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StderrSink sink = new StderrSink(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        sink.send(CRITICAL);
        sink.send(WARN);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "CRITICAL destructive_without_approval evt_1 trace tr_1: destructive tool drop_table ran without approval"
                        + System.lineSeparator()
                        + "WARN slow_tool evt_2 trace null: tool get_pods took 16000 ms" + System.lineSeparator());
    }

    @Test
    void webhook_posts_a_critical_alert_as_a_security_incident() {
        new WebhookSink(hook(), false).send(CRITICAL);

        assertThat(posted).containsExactly("POST {\"alert_type\":\"destructive_without_approval\","
                + "\"details\":{\"tool\":\"drop_table\"},\"event_id\":\"evt_1\","
                + "\"message\":\"destructive tool drop_table ran without approval\",\"severity\":\"CRITICAL\","
                + "\"timestamp\":\"2026-03-02T10:00:00Z\",\"trace_id\":\"tr_1\",\"type\":\"security_incident\"}");
        assertThat(contentTypes).containsExactly("application/json");
    }

    @Test
    void webhook_posts_a_warning_as_an_audit_alert_unless_critical_only() {
        new WebhookSink(hook(), true).send(WARN);
        assertThat(posted).isEmpty();

        new WebhookSink(hook(), false).send(WARN);
        assertThat(posted).singleElement().asString().contains("\"type\":\"audit_alert\"", "\"severity\":\"WARN\"",
                "\"trace_id\":null", "\"details\":{\"duration_ms\":16000}");
    }

    @Test
    void webhook_failures_are_logged_not_thrown() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        new WebhookSink(URI.create("http://127.0.0.1:" + closedPort + "/hook"), false).send(CRITICAL);
    }

    @Test
    void counters_render_prometheus_text() {
        AlertCounters counters = new AlertCounters();
        io.aihelpdesk.governance.audit.AuditEvent intent = Calls.read("evt_1", T0);
        counters.record(intent);
        counters.record(Calls.outcome("evt_2", T0, intent, "k8s", "error", 5));
        counters.record(Calls.outcome("evt_3", T0, intent, "k8s", "error", 5));
        counters.record(Calls.outcome("evt_4", T0, intent, "db \"main\"", "error", 5));
        counters.record(Calls.outcome("evt_5", T0, intent, "db", "success", 5));
        counters.send(CRITICAL);
        counters.send(WARN);
        counters.send(WARN);

        assertThat(counters.text()).isEqualTo("""
                # HELP auditor_events_total Audit events processed by the auditor.
                # TYPE auditor_events_total counter
                auditor_events_total 5
                # HELP auditor_alerts_total Alerts raised, by level.
                # TYPE auditor_alerts_total counter
                auditor_alerts_total{level="warn"} 2
                auditor_alerts_total{level="critical"} 1
                # HELP auditor_errors_total Failed tool calls, by agent.
                # TYPE auditor_errors_total counter
                auditor_errors_total{agent="db \\"main\\""} 1
                auditor_errors_total{agent="k8s"} 2
                """);
    }
}
