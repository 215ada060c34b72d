package io.aihelpdesk.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditQuery;
import io.aihelpdesk.orchestrator.Chat;
import io.aihelpdesk.orchestrator.ChatSession;
import io.aihelpdesk.server.DemoFixture;
import io.aihelpdesk.tools.Caller;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chat with a language model, through the real Spring AI Anthropic client against a replay of the
 * Messages API on a local port: tool_use → the tool runs governed and audited as the user → tool_result
 * → end_turn. Also a 429 that the client retries, and a 401 that becomes one clear line.
 */
class AnthropicReplayTest {
    private static final String TOOL_USE = """
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001",
             "content":[{"type":"text","text":"Checking the connection."},
                        {"type":"tool_use","id":"toolu_01","name":"check_connection","input":{"connection_string":"demo"}}],
             "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":900,"output_tokens":40}}""";
    private static final String END_TURN = """
            {"id":"msg_02","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001",
             "content":[{"type":"text","text":"demo is up: PostgreSQL accepts connections to shop as postgres (primary)."}],
             "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1000,"output_tokens":20}}""";
    private com.sun.net.httpserver.HttpServer vendor;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();

    /** A Messages API endpoint answering each request with {@code reply(request number)}: status and body. */
    private String replay(Function<Integer, Map.Entry<Integer, String>> reply) throws IOException {
        vendor = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vendor.createContext("/v1/messages", (HttpExchange x) -> {
            bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            keys.add(x.getRequestHeaders().getFirst("x-api-key"));
            Map.Entry<Integer, String> r = reply.apply(bodies.size());
            byte[] body = r.getValue().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.getResponseHeaders().add("retry-after-ms", "10");
            x.sendResponseHeaders(r.getKey(), body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        vendor.start();
        return "http://127.0.0.1:" + vendor.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        vendor.stop(0);
    }

    private static ChatSession session(String baseUrl) throws Exception {
        DemoFixture demo = DemoFixture.get();
        Map<String, String> env = Map.of("HELPDESK_MODEL_VENDOR", "anthropic", "HELPDESK_API_KEY", "sk-test-replay",
                "HELPDESK_MODEL_BASE_URL", baseUrl);
        return Chat.open(demo.helpdesk.pipeline(), demo.helpdesk.inventory(), demo.helpdesk.audit(),
                new Caller("gwen", "user", List.of("dba"), "chat"), false, env::get);
    }

    @Test
    void the_model_calls_a_tool_which_runs_governed_as_the_user_and_answers_with_its_result() throws Exception {
        ChatSession chat = session(replay(n -> Map.entry(200, n == 1 ? TOOL_USE : END_TURN)));
        assertThat(chat.banner()).contains("model anthropic/claude-haiku-4-5-20251001 via http://127.0.0.1:", "audited as gwen")
                .doesNotContain("sk-test-replay");

        String answer = chat.ask("is demo up?");
        assertThat(answer).contains("demo is up: PostgreSQL accepts connections to shop");

        assertThat(bodies).hasSize(2);
        assertThat(keys).containsOnly("sk-test-replay");
        assertThat(bodies.get(0)).contains("\"name\":\"check_connection\"", "is demo up?", "STOP — READ THIS FIRST", "Demo shop database")
                .doesNotContain(DemoFixture.get().database.connectionString());
        assertThat(bodies.get(1)).contains("\"tool_result\"", "toolu_01", "Connection successful: shop");

        List<AuditEvent> events = DemoFixture.get().helpdesk.audit().query(AuditQuery.all().trace(chat.lastTrace()));
        assertThat(events).extracting(AuditEvent::eventType).containsExactly("tool_execution", "outcome");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.tool().name()).isEqualTo("check_connection");
            assertThat(e.tool().agent()).isEqualTo("aihelpdesk/chat");
            assertThat(e.principal().id()).isEqualTo("gwen");
        });
        assertThat(events.get(1).outcome().status()).isEqualTo("success");
    }

    @Test
    void a_rate_limit_is_retried_and_then_answered() throws Exception {
        String limited = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of requests has exceeded your rate limit\"}}";
        ChatSession chat = session(replay(n -> n == 1 ? Map.entry(429, limited) : Map.entry(200, n == 2 ? TOOL_USE : END_TURN)));
        assertThat(chat.ask("is demo up?")).contains("demo is up");
        assertThat(bodies).hasSize(3);
    }

    @Test
    void a_rejected_key_is_one_clear_line() throws Exception {
        String unauthorized = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}";
        ChatSession chat = session(replay(n -> Map.entry(401, unauthorized)));
        String answer = chat.ask("is demo up?");
        assertThat(answer.lines().findFirst().orElse("")).isEqualTo("MODEL ERROR (anthropic/claude-haiku-4-5-20251001): the API key "
                + "was rejected (401) — check HELPDESK_API_KEY. /quit and restart with --offline to use the keyword triage instead.");
        assertThat(answer).doesNotContain("sk-test-replay");
    }
}
