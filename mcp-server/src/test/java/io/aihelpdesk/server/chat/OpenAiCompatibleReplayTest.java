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
 * OpenAI and Ollama (through its OpenAI-compatible API), through the real Spring AI OpenAI client
 * against a replay of the chat completions API: the router delegates, the agent's tool call runs
 * governed and audited as the user, the answers flow back.
 */
class OpenAiCompatibleReplayTest {
    private static String toolCall(String id, String name, String arguments) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1764000000,"model":"m",
                 "choices":[{"index":0,"finish_reason":"tool_calls","logprobs":null,
                   "message":{"role":"assistant","content":null,"refusal":null,
                     "tool_calls":[{"id":"%s","type":"function","function":{"name":"%s","arguments":%s}}]}}],
                 "usage":{"prompt_tokens":900,"completion_tokens":20,"total_tokens":920}}""".formatted(id, name,
                io.aihelpdesk.tools.Json.write(arguments));
    }

    private static String stop(String text) {
        return """
                {"id":"chatcmpl-2","object":"chat.completion","created":1764000001,"model":"m",
                 "choices":[{"index":0,"finish_reason":"stop","logprobs":null,
                   "message":{"role":"assistant","content":"%s","refusal":null}}],
                 "usage":{"prompt_tokens":1000,"completion_tokens":10,"total_tokens":1010}}""".formatted(text);
    }

    private static VendorReplay script() throws Exception {
        return VendorReplay.of(
                ok(toolCall("call_r", "delegate_to_agent", "{\"agent\":\"database\",\"confidence\":0.8,"
                        + "\"reasoning_chain\":[\"connectivity\"],\"message\":\"Is demo accepting connections?\"}")),
                ok(toolCall("call_1", "check_connection", "{\"connection_string\":\"demo\"}")),
                ok(stop("demo accepts connections (shop, primary).")),
                ok(stop("The database agent says: demo accepts connections.")));
    }

    private static String converse(VendorReplay vendor, Map<String, String> env, String user) throws Exception {
        DemoFixture demo = DemoFixture.get();
        ChatSession chat = LocalChat.open(demo.helpdesk, new Caller(user, "user", List.of(), "chat"), false, env::get);
        assertThat(chat.ask("is demo up?")).contains("The database agent says: demo accepts connections.");
        assertThat(vendor.paths()).hasSize(4).allSatisfy(p -> assertThat(p).isEqualTo("/v1/chat/completions"));
        assertThat(vendor.bodies().get(0)).contains("\"name\":\"delegate_to_agent\"", "is demo up?", "STOP — READ THIS FIRST");
        assertThat(vendor.bodies().get(1)).contains("\"name\":\"check_connection\"", "Is demo accepting connections?");
        assertThat(vendor.bodies().get(2)).contains("\"tool_call_id\":\"call_1\"", "Connection successful: shop");
        assertThat(vendor.bodies().get(3)).contains("\"tool_call_id\":\"call_r\"", "demo accepts connections (shop, primary).");
        List<AuditEvent> events = demo.helpdesk.audit().query(AuditQuery.all().trace(chat.lastTrace()));
        assertThat(events).extracting(AuditEvent::eventType).containsExactly("delegation_decision", "tool_execution", "outcome", "outcome");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.tool().agent()).isEqualTo("aihelpdesk/chat");
            assertThat(e.principal().id()).isEqualTo(user);
        });
        return chat.banner();
    }

    @Test
    void openai_tool_calls_run_governed_as_the_user() throws Exception {
        try (VendorReplay vendor = script()) {
            Map<String, String> env = Map.of("HELPDESK_MODEL_VENDOR", "openai", "HELPDESK_API_KEY", "sk-openai-test",
                    "HELPDESK_MODEL_BASE_URL", vendor.url() + "/v1");
            assertThat(converse(vendor, env, "hana")).contains("model openai/gpt-4o-mini via " + vendor.url() + "/v1");
            assertThat(vendor.header(0, "Authorization")).isEqualTo("Bearer sk-openai-test");
            assertThat(vendor.bodies().get(0)).contains("\"model\":\"gpt-4o-mini\"");
        }
    }

    private static String chunk(String delta, String finish) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,\"model\":\"m\",\"choices\":"
                + "[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    @Test
    void the_answer_streams_over_chat_completion_chunks() throws Exception {
        String delegate = chunk("{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_r\",\"type\":\"function\","
                + "\"function\":{\"name\":\"delegate_to_agent\",\"arguments\":\"\"}}]}", null)
                + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + io.aihelpdesk.tools.Json.write(
                        "{\"agent\":\"database\",\"message\":\"Is demo accepting connections?\"}") + "}}]}", null)
                + chunk("{}", "tool_calls") + "data: [DONE]\n\n";
        String answer = chunk("{\"role\":\"assistant\",\"content\":\"demo \"}", null) + chunk("{\"content\":\"is up.\"}", null)
                + chunk("{}", "stop") + "data: [DONE]\n\n";
        try (VendorReplay vendor = VendorReplay.of(ok(delegate),
                ok(toolCall("call_1", "check_connection", "{\"connection_string\":\"demo\"}")),
                ok(stop("demo accepts connections (shop, primary).")), ok(answer))) {
            DemoFixture demo = DemoFixture.get();
            Map<String, String> env = Map.of("HELPDESK_MODEL_VENDOR", "openai", "HELPDESK_API_KEY", "sk-openai-test",
                    "HELPDESK_MODEL_BASE_URL", vendor.url() + "/v1");
            ChatSession chat = LocalChat.open(demo.helpdesk, new Caller("kai", "user", List.of(), "chat"), false, env::get);
            List<String> pieces = new java.util.concurrent.CopyOnWriteArrayList<>();
            assertThat(chat.ask("is demo up?", pieces::add)).startsWith("\n\ntrace tr_");
            assertThat(String.join("", pieces)).isEqualTo("demo is up.");
            assertThat(vendor.bodies().get(0)).contains("\"stream\":true");
            assertThat(demo.helpdesk.audit().query(AuditQuery.all().trace(chat.lastTrace())))
                    .extracting(AuditEvent::eventType).containsExactly("delegation_decision", "tool_execution", "outcome", "outcome");
        }
    }

    @Test
    void ollama_needs_no_key_and_uses_the_named_model() throws Exception {
        try (VendorReplay vendor = script()) {
            Map<String, String> env = Map.of("HELPDESK_MODEL_VENDOR", "ollama", "HELPDESK_MODEL_NAME", "qwen2.5:7b",
                    "HELPDESK_MODEL_BASE_URL", vendor.url() + "/v1");
            assertThat(converse(vendor, env, "ivan")).contains("model ollama/qwen2.5:7b via " + vendor.url() + "/v1");
            assertThat(vendor.bodies().get(0)).contains("\"model\":\"qwen2.5:7b\"");
        }
    }
}
