package io.aihelpdesk.server.chat;

import static io.aihelpdesk.server.chat.VendorReplay.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.server.http.HttpServer;
import io.aihelpdesk.tools.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A2A {@code SendStreamingMessage} with text to {@code helpdesk_orchestrator}, a model configured
 * (the real Spring AI Anthropic client against a replayed, streaming Messages API): the router
 * delegates, the database agent runs a governed tool (door a2a, the message's trace id), and the
 * router's answer reaches the A2A client piece by piece as artifact chunks.
 */
class A2aStreamingReplayTest {
    private static String sse(String block, String stop, String... deltas) {
        StringBuilder s = new StringBuilder(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_s\",\"type\":"
                + "\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5-20251001\",\"content\":[],\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":900,\"output_tokens\":1}}}"));
        s.append(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":" + block + "}"));
        for (String d : deltas) {
            s.append(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":" + d + "}"));
        }
        s.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        s.append(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stop
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":20}}"));
        return s.append(event("message_stop", "{\"type\":\"message_stop\"}")).toString();
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static String text(String t) {
        return "{\"type\":\"text_delta\",\"text\":\"" + t + "\"}";
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_routers_answer_streams_to_the_a2a_client_in_pieces() throws Exception {
        String delegate = sse("{\"type\":\"tool_use\",\"id\":\"toolu_r1\",\"name\":\"delegate_to_agent\",\"input\":{}}", "tool_use",
                "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"agent\\\":\\\"database\\\",\"}",
                "{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"message\\\":\\\"Check demo\\\"}\"}");
        String answer = sse("{\"type\":\"text\",\"text\":\"\"}", "end_turn", text("demo "), text("is "), text("up."));
        try (VendorReplay vendor = VendorReplay.of(ok(delegate), ok(AnthropicReplayTest.TOOL_USE), ok(AnthropicReplayTest.AGENT_DONE), ok(answer))) {
            Map<String, String> env = Map.of("HELPDESK_MODEL_VENDOR", "anthropic", "HELPDESK_API_KEY", "sk-test-replay",
                    "HELPDESK_MODEL_BASE_URL", vendor.url());
            try (HttpServer http = HttpServer.start(DemoFixture.get().helpdesk, "127.0.0.1", 0, null, null, env::get)) {
                String body = Json.write(Map.of("jsonrpc", "2.0", "id", 1, "method", "SendStreamingMessage", "params", Map.of("message",
                        Map.of("messageId", "m-1", "role", "ROLE_USER", "parts", List.of(Map.of("text", "is demo up?")),
                                "metadata", Map.of("trace_id", "tr_a2a_stream_model")))));
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + http.port() + "/a2a/helpdesk_orchestrator"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                List<Map<String, Object>> events = new ArrayList<>();
                for (String line : r.body().split("\n")) {
                    if (line.startsWith("data: ")) {
                        events.add((Map<String, Object>) Json.mapper().readValue(line.substring(6), Map.class).get("result"));
                    }
                }
                List<String> pieces = events.stream().filter(e -> e.containsKey("artifactUpdate"))
                        .map(e -> ((Map<String, Object>) ((Map<String, Object>) e.get("artifactUpdate")).get("artifact")))
                        .map(a -> ((List<Map<String, Object>>) a.get("parts")).get(0).get("text").toString()).toList();
                assertThat(String.join("", pieces)).isEqualTo("demo is up.");
                assertThat(pieces.size()).isGreaterThan(2);
                Map<String, Object> last = (Map<String, Object>) events.get(events.size() - 1).get("statusUpdate");
                assertThat(((Map<String, Object>) last.get("status")).get("state")).isEqualTo("TASK_STATE_COMPLETED");
                assertThat(vendor.bodies().get(0)).contains("\"stream\":true", "is demo up?");
            }
            List<AuditEvent> events = DemoFixture.get().helpdesk.audit().query(AuditQuery.all().trace("tr_a2a_stream_model"));
            assertThat(events).extracting(AuditEvent::eventType).containsExactly("delegation_decision", "tool_execution", "outcome", "outcome");
            assertThat(events).filteredOn(e -> e.tool().name().equals("check_connection"))
                    .allSatisfy(e -> assertThat(e.tool().agent()).isEqualTo("aihelpdesk/a2a"));
        }
    }
}
