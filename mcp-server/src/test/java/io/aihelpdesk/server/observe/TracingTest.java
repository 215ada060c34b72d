package io.aihelpdesk.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.GovernanceOptions;
import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.incident.IncidentSettings;
import io.aihelpdesk.tools.inventory.InventoryLoader;
import io.aihelpdesk.tools.postgres.PostgresSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OTLP trace export against a real OTLP/HTTP receiver: a server started with
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} sends one span per tool call, named and attributed by the MCP
 * semantic conventions, in the OpenTelemetry trace its audit trace id maps to.
 */
class TracingTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private static HttpResponse<String> post(int port, String path, String body, String header, String value) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .header(header, value).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void each_tool_call_is_exported_as_a_span_in_the_trace_of_its_audit_trace_id() throws Exception {
        DemoFixture demo = DemoFixture.get();
        String w3c = "4bf92f3577b34da6a3ce929d0e0e4736";
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint() + "/", "OTEL_SERVICE_NAME", "helpdesk-test");
            try (Helpdesk h = new Helpdesk(InventoryLoader.load(demo.inventory), PostgresSettings.defaults(),
                    GovernanceOptions.auditOnly(dir.resolve("audit.db")), IncidentSettings.defaults(dir.resolve("incidents"), "test"))) {
                HttpServer http = HttpServer.start(h, "127.0.0.1", 0, null, null, env::get);
                try {
                    assertThat(post(http.port(), "/api/v1/db/check_connection", "{\"connection_string\":\"demo\"}", "X-Trace-ID", "tr_otel_rest01")
                            .statusCode()).isEqualTo(200);
                    assertThat(post(http.port(), "/api/v1/db/get_database_info", "{\"connection_string\":\"demo\"}", "traceparent",
                            "00-" + w3c + "-00f067aa0ba902b7-01").statusCode()).isEqualTo(200);
                    assertThat(post(http.port(), "/api/v1/db/check_connection", "{\"connection_string\":\"nowhere\"}", "X-Trace-ID", "tr_otel_fail01")
                            .statusCode()).isEqualTo(502);
                    HttpResponse<String> bundle = post(http.port(), "/api/v1/incidents", "{\"infra_key\":\"demo\",\"layers\":\"database\"}",
                            "X-Trace-ID", "tr_otel_bundle1");
                    assertThat(bundle.statusCode()).as(bundle.body()).isEqualTo(200);
                } finally {
                    http.close(); // stops the server: buffered spans are flushed to the receiver
                }
            }
            assertThat(receiver.contentTypes).isNotEmpty().allSatisfy(t -> assertThat(t).isEqualTo("application/x-protobuf"));
            List<OtlpReceiver.Span> spans = receiver.spans;
            assertThat(spans.stream().filter(s -> !s.attributes().get("aihelpdesk.trace_id").equals("tr_otel_bundle1"))).hasSize(3);

            OtlpReceiver.Span ok = span(spans, "tr_otel_rest01");
            assertThat(ok.name()).isEqualTo("tools/call check_connection");
            assertThat(ok.traceId()).as("SHA-256 of the audit trace id, first 16 bytes").isEqualTo(TraceIds.of("tr_otel_rest01"))
                    .isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest("tr_otel_rest01".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 16));
            assertThat(ok.kind()).as("SERVER").isEqualTo(2);
            assertThat(ok.parentSpanId()).isEmpty();
            assertThat(ok.attributes()).containsEntry("mcp.method.name", "tools/call").containsEntry("gen_ai.tool.name", "check_connection")
                    .containsEntry("gen_ai.operation.name", "execute_tool").containsEntry("aihelpdesk.door", "rest")
                    .containsEntry("aihelpdesk.effect", "read").containsEntry("aihelpdesk.outcome", "succeeded")
                    .doesNotContainKey("error.type");
            assertThat(ok.attributes().get("aihelpdesk.target")).contains("demo");
            assertThat(ok.statusCode()).isZero();

            OtlpReceiver.Span joined = span(spans, w3c);
            assertThat(joined.traceId()).as("the caller's W3C trace id is ours and the span's").isEqualTo(w3c);
            assertThat(joined.name()).isEqualTo("tools/call get_database_info");

            OtlpReceiver.Span failed = span(spans, "tr_otel_fail01");
            assertThat(failed.attributes()).containsEntry("aihelpdesk.outcome", "failed").containsEntry("error.type", "unknown_target");
            assertThat(failed.statusCode()).as("ERROR").isEqualTo(2);

            OtlpReceiver.Span bundleSpan = span(spans, "tr_otel_bundle1");
            assertThat(bundleSpan.name()).isEqualTo("tools/call create_incident_bundle");
            List<OtlpReceiver.Span> nested = spans.stream().filter(s -> s.attributes().get("aihelpdesk.door").startsWith("nested:")).toList();
            assertThat(nested).as("the bundle's own tool calls, run on its worker threads").isNotEmpty().allSatisfy(s -> {
                assertThat(s.parentSpanId()).isEqualTo(bundleSpan.spanId());
                assertThat(s.traceId()).isEqualTo(bundleSpan.traceId());
                assertThat(s.kind()).as("INTERNAL").isEqualTo(1);
                assertThat(s.attributes()).containsEntry("aihelpdesk.trace_id", "tr_otel_bundle1");
            });
        }
    }

    @Test
    void without_an_endpoint_nothing_is_traced_and_the_endpoints_follow_the_opentelemetry_variables() {
        assertThat(OtlpSettings.fromEnvironment(name -> null)).isNull();
        assertThat(OtlpSettings.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318", "OTEL_SDK_DISABLED", "true")::get)).isNull();
        assertThat(OtlpSettings.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318/")::get))
                .isEqualTo(new OtlpSettings("http://c:4318/v1/traces", null, "aihelpdesk", null));
        assertThat(OtlpSettings.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318", "HELPDESK_OTEL_ENDPOINT", "http://ours:4318",
                "OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20x", "OTEL_SERVICE_NAME", "hd-prod")::get))
                .isEqualTo(new OtlpSettings("http://ours:4318/v1/traces", "authorization=Bearer%20x", "hd-prod", null));
        assertThat(OtlpSettings.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318/custom/traces",
                "HELPDESK_OTEL_ENDPOINT", "http://ours:4318")::get).endpoint()).as("the signal's own URL, as it is").isEqualTo("http://c:4318/custom/traces");
    }

    private static OtlpReceiver.Span span(List<OtlpReceiver.Span> spans, String auditTraceId) {
        return spans.stream().filter(s -> auditTraceId.equals(s.attributes().get("aihelpdesk.trace_id")) && s.attributes().get("aihelpdesk.door").equals("rest"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span with aihelpdesk.trace_id " + auditTraceId + " in " + spans));
    }
}
