package io.aihelpdesk.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.orchestrator.Chat;
import io.aihelpdesk.orchestrator.ChatSession;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.tools.Caller;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenAI and Ollama (through its OpenAI-compatible API), through the real Spring AI OpenAI client
 * against a replay of the chat completions API: a tool call runs governed and audited as the user, its
 * result goes back to the model, and the model's answer is shown.
 */
class OpenAiCompatibleReplayTest {
    private static final String TOOL_CALL = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1764000000,"model":"m",
             "choices":[{"index":0,"finish_reason":"tool_calls","logprobs":null,
               "message":{"role":"assistant","content":null,"refusal":null,
                 "tool_calls":[{"id":"call_1","type":"function","function":{"name":"check_connection","arguments":"{\\"connection_string\\":\\"demo\\"}"}}]}}],
             "usage":{"prompt_tokens":900,"completion_tokens":20,"total_tokens":920}}""";
    private static final String STOP = """
            {"id":"chatcmpl-2","object":"chat.completion","created":1764000001,"model":"m",
             "choices":[{"index":0,"finish_reason":"stop","logprobs":null,
               "message":{"role":"assistant","content":"demo accepts connections (shop, primary).","refusal":null}}],
             "usage":{"prompt_tokens":1000,"completion_tokens":10,"total_tokens":1010}}""";
    private com.sun.net.httpserver.HttpServer vendor;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> auth = new CopyOnWriteArrayList<>();
    private String base;

    @BeforeEach
    void start() throws Exception {
        vendor = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vendor.createContext("/v1/chat/completions", (HttpExchange x) -> {
            bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            auth.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
            byte[] body = (bodies.size() == 1 ? TOOL_CALL : STOP).getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        vendor.start();
        base = "http://127.0.0.1:" + vendor.getAddress().getPort() + "/v1";
    }

    @AfterEach
    void stop() {
        vendor.stop(0);
    }

    private String converse(Map<String, String> env, String user) throws Exception {
        DemoFixture demo = DemoFixture.get();
        ChatSession chat = Chat.open(demo.helpdesk.pipeline(), demo.helpdesk.inventory(), demo.helpdesk.audit(),
                new Caller(user, "user", List.of(), "chat"), false, env::get);
        String answer = chat.ask("is demo up?");
        assertThat(answer).contains("demo accepts connections (shop, primary).");
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0)).contains("\"name\":\"check_connection\"", "is demo up?", "STOP — READ THIS FIRST");
        assertThat(bodies.get(1)).contains("\"tool_call_id\":\"call_1\"", "Connection successful: shop");
        List<AuditEvent> events = demo.helpdesk.audit().query(AuditQuery.all().trace(chat.lastTrace()));
        assertThat(events).extracting(AuditEvent::eventType).containsExactly("tool_execution", "outcome");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.tool().name()).isEqualTo("check_connection");
            assertThat(e.tool().agent()).isEqualTo("aihelpdesk/chat");
            assertThat(e.principal().id()).isEqualTo(user);
        });
        return chat.banner();
    }

    @Test
    void openai_tool_calls_run_governed_as_the_user() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("HELPDESK_MODEL_VENDOR", "openai", "HELPDESK_API_KEY", "sk-openai-test",
                "HELPDESK_MODEL_BASE_URL", base));
        assertThat(converse(env, "hana")).contains("model openai/gpt-4o-mini via " + base);
        assertThat(auth).containsOnly("Bearer sk-openai-test");
        assertThat(bodies.get(0)).contains("\"model\":\"gpt-4o-mini\"");
    }

    @Test
    void ollama_needs_no_key_and_uses_the_named_model() throws Exception {
        Map<String, String> env = Map.of("HELPDESK_MODEL_VENDOR", "ollama", "HELPDESK_MODEL_NAME", "qwen2.5:7b",
                "HELPDESK_MODEL_BASE_URL", base);
        assertThat(converse(env, "ivan")).contains("model ollama/qwen2.5:7b via " + base);
        assertThat(bodies.get(0)).contains("\"model\":\"qwen2.5:7b\"");
    }
}
