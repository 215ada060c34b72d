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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Gemini function calling through the real Spring AI Google GenAI client against a replay of the
 * generateContent API: the function call runs governed and audited as the user, its response goes back,
 * the model's text is the answer.
 */
class GeminiReplayTest {
    private static final String FUNCTION_CALL = """
            {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"check_connection",
              "args":{"connection_string":"demo"}}}]},"finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":900,"candidatesTokenCount":10,"totalTokenCount":910},"modelVersion":"gemini-2.5-flash"}""";
    private static final String TEXT = """
            {"candidates":[{"content":{"role":"model","parts":[{"text":"demo answers: shop on a primary."}]},
              "finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":1000,"candidatesTokenCount":8,"totalTokenCount":1008},"modelVersion":"gemini-2.5-flash"}""";
    private com.sun.net.httpserver.HttpServer vendor;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        vendor.stop(0);
    }

    @Test
    void a_function_call_runs_governed_as_the_user_and_the_answer_follows() throws Exception {
        vendor = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vendor.createContext("/", (HttpExchange x) -> {
            paths.add(x.getRequestURI().getPath());
            keys.add(String.valueOf(x.getRequestHeaders().getFirst("x-goog-api-key")));
            bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = (bodies.size() == 1 ? FUNCTION_CALL : TEXT).getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        vendor.start();
        DemoFixture demo = DemoFixture.get();
        Map<String, String> env = Map.of("HELPDESK_MODEL_VENDOR", "gemini", "HELPDESK_API_KEY", "gm-test-key",
                "HELPDESK_MODEL_BASE_URL", "http://127.0.0.1:" + vendor.getAddress().getPort());
        ChatSession chat = Chat.open(demo.helpdesk.pipeline(), demo.helpdesk.inventory(), demo.helpdesk.audit(),
                new Caller("jon", "user", List.of(), "chat"), false, env::get);
        assertThat(chat.banner()).contains("model gemini/gemini-2.5-flash");

        assertThat(chat.ask("is demo up?")).contains("demo answers: shop on a primary.");
        assertThat(paths).hasSize(2).allSatisfy(p -> assertThat(p).endsWith("models/gemini-2.5-flash:generateContent"));
        assertThat(keys).containsOnly("gm-test-key");
        assertThat(bodies.get(0)).contains("check_connection", "is demo up?", "STOP — READ THIS FIRST");
        assertThat(bodies.get(1)).contains("functionResponse", "Connection successful: shop");
        List<AuditEvent> events = demo.helpdesk.audit().query(AuditQuery.all().trace(chat.lastTrace()));
        assertThat(events).extracting(AuditEvent::eventType).containsExactly("tool_execution", "outcome");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.tool().agent()).isEqualTo("aihelpdesk/chat");
            assertThat(e.principal().id()).isEqualTo("jon");
        });
    }
}
