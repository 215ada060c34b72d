package io.aihelpdesk.server.chat;

import static io.aihelpdesk.server.chat.VendorReplay.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.orchestrator.ChatSession;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.tools.Caller;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gemini function calling through the real Spring AI Google GenAI client against a replay of the
 * generateContent API: the router delegates, the agent's function call runs governed and audited as
 * the user, the answers flow back.
 */
class GeminiReplayTest {
    private static String part(String part) {
        return """
                {"candidates":[{"content":{"role":"model","parts":[%s]},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":900,"candidatesTokenCount":10,"totalTokenCount":910},"modelVersion":"gemini-2.5-flash"}"""
                .formatted(part);
    }

    @Test
    void the_answer_streams_over_server_sent_events() throws Exception {
        try (VendorReplay vendor = VendorReplay.of(
                ok("data: " + part("{\"functionCall\":{\"name\":\"delegate_to_agent\",\"args\":{\"agent\":\"database\",\"message\":\"Is demo up?\"}}}")
                        .replace("\n", "") + "\r\n\r\n"),
                ok(part("{\"functionCall\":{\"name\":\"check_connection\",\"args\":{\"connection_string\":\"demo\"}}}")),
                ok(part("{\"text\":\"demo accepts connections.\"}")),
                ok("data: " + part("{\"text\":\"demo \"}").replace("\n", "") + "\r\n\r\n"
                        + "data: " + part("{\"text\":\"is up.\"}").replace("\n", "") + "\r\n\r\n"))) {
            DemoFixture demo = DemoFixture.get();
            Map<String, String> env = Map.of("HELPDESK_MODEL_VENDOR", "gemini", "HELPDESK_API_KEY", "gm-test-key",
                    "HELPDESK_MODEL_BASE_URL", vendor.url());
            ChatSession chat = LocalChat.open(demo.helpdesk, new Caller("lea", "user", List.of(), "chat"), false, env::get);
            List<String> pieces = new java.util.concurrent.CopyOnWriteArrayList<>();
            assertThat(chat.ask("is demo up?", pieces::add)).startsWith("\n\ntrace tr_");
            assertThat(String.join("", pieces)).isEqualTo("demo is up.");
            assertThat(vendor.paths().get(0)).endsWith(":streamGenerateContent");
            assertThat(demo.helpdesk.audit().query(AuditQuery.all().trace(chat.lastTrace())))
                    .extracting(AuditEvent::eventType).containsExactly("delegation_decision", "tool_execution", "outcome", "outcome");
        }
    }

    @Test
    void the_router_delegates_and_the_agent_function_call_runs_governed_as_the_user() throws Exception {
        try (VendorReplay vendor = VendorReplay.of(
                ok(part("{\"functionCall\":{\"name\":\"delegate_to_agent\",\"args\":{\"agent\":\"database\",\"message\":\"Is demo up?\"}}}")),
                ok(part("{\"functionCall\":{\"name\":\"check_connection\",\"args\":{\"connection_string\":\"demo\"}}}")),
                ok(part("{\"text\":\"demo accepts connections.\"}")),
                ok(part("{\"text\":\"demo answers: shop on a primary.\"}")))) {
            DemoFixture demo = DemoFixture.get();
            Map<String, String> env = Map.of("HELPDESK_MODEL_VENDOR", "gemini", "HELPDESK_API_KEY", "gm-test-key",
                    "HELPDESK_MODEL_BASE_URL", vendor.url());
            ChatSession chat = LocalChat.open(demo.helpdesk, new Caller("jon", "user", List.of(), "chat"), false, env::get);
            assertThat(chat.banner()).contains("model gemini/gemini-2.5-flash");

            assertThat(chat.ask("is demo up?")).contains("demo answers: shop on a primary.");
            assertThat(vendor.paths()).hasSize(4).allSatisfy(p -> assertThat(p).endsWith("models/gemini-2.5-flash:generateContent"));
            assertThat(vendor.header(0, "x-goog-api-key")).isEqualTo("gm-test-key");
            assertThat(vendor.bodies().get(0)).contains("delegate_to_agent", "is demo up?", "STOP — READ THIS FIRST");
            assertThat(vendor.bodies().get(1)).contains("check_connection", "Is demo up?");
            assertThat(vendor.bodies().get(2)).contains("functionResponse", "Connection successful: shop");
            List<AuditEvent> events = demo.helpdesk.audit().query(AuditQuery.all().trace(chat.lastTrace()));
            assertThat(events).extracting(AuditEvent::eventType).containsExactly("delegation_decision", "tool_execution", "outcome", "outcome");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.tool().agent()).isEqualTo("aihelpdesk/chat");
                assertThat(e.principal().id()).isEqualTo("jon");
            });
        }
    }
}
