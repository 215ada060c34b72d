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
 * The chat with Anthropic, through the real Spring AI client against a replay of the Messages API:
 * the router delegates (audited as a delegation_decision with its reasoning), the database agent calls
 * a tool (governed and audited as the user, same trace), both answers flow back. Also a 429 that the
 * client retries, and a 401 that becomes one clear line.
 */
class AnthropicReplayTest {
    static final String DELEGATE = message("tool_use", """
            {"type":"tool_use","id":"toolu_r1","name":"delegate_to_agent","input":{"agent":"database",
             "request_category":"availability","confidence":0.92,"user_intent":"know whether demo is reachable",
             "reasoning_chain":["the user asks whether a database is up","connectivity is the database agent's"],
             "alternatives_considered":[{"agent":"k8s","rejected_because":"demo is standalone, not in Kubernetes"}],
             "message":"Check whether demo accepts connections"}}""");
    static final String TOOL_USE = message("tool_use", """
            {"type":"tool_use","id":"toolu_01","name":"check_connection","input":{"connection_string":"demo"}}""");
    static final String AGENT_DONE = message("end_turn", "{\"type\":\"text\",\"text\":\"demo accepts connections (shop, primary).\"}");
    static final String ROUTER_DONE = message("end_turn",
            "{\"type\":\"text\",\"text\":\"demo is up: PostgreSQL accepts connections to shop as postgres (primary).\"}");

    private static String message(String stop, String content) {
        return """
                {"id":"msg_x","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001","content":[%s],
                 "stop_reason":"%s","stop_sequence":null,"usage":{"input_tokens":900,"output_tokens":40}}""".formatted(content, stop);
    }

    private static ChatSession session(String baseUrl) throws Exception {
        DemoFixture demo = DemoFixture.get();
        Map<String, String> env = Map.of("HELPDESK_MODEL_VENDOR", "anthropic", "HELPDESK_API_KEY", "sk-test-replay",
                "HELPDESK_MODEL_BASE_URL", baseUrl);
        return LocalChat.open(demo.helpdesk, new Caller("gwen", "user", List.of("dba"), "chat"), false, env::get);
    }

    @Test
    void the_router_delegates_with_its_reasoning_audited_and_the_agent_runs_a_governed_tool_on_the_same_trace() throws Exception {
        try (VendorReplay vendor = VendorReplay.of(ok(DELEGATE), ok(TOOL_USE), ok(AGENT_DONE), ok(ROUTER_DONE))) {
            ChatSession chat = session(vendor.url());
            assertThat(chat.banner()).contains("model anthropic/claude-haiku-4-5-20251001 via http://127.0.0.1:", "audited as gwen")
                    .doesNotContain("sk-test-replay");

            assertThat(chat.ask("is demo up?")).contains("demo is up: PostgreSQL accepts connections to shop");

            assertThat(vendor.bodies()).hasSize(4);
            assertThat(vendor.header(0, "x-api-key")).isEqualTo("sk-test-replay");
            assertThat(vendor.bodies().get(0)).contains("\"name\":\"delegate_to_agent\"", "is demo up?", "STOP — READ THIS FIRST",
                    "You are the router", "Demo shop database").doesNotContain("\"name\":\"check_connection\"")
                    .doesNotContain(DemoFixture.get().database.connectionString());
            assertThat(vendor.bodies().get(1)).contains("\"name\":\"check_connection\"", "PostgreSQL database agent",
                    "Check whether demo accepts connections").doesNotContain("\"name\":\"get_pods\"", "\"name\":\"delegate_to_agent\"");
            assertThat(vendor.bodies().get(2)).contains("\"tool_result\"", "toolu_01", "Connection successful: shop");
            assertThat(vendor.bodies().get(3)).contains("toolu_r1", "demo accepts connections (shop, primary).", "evt_");

            List<AuditEvent> events = DemoFixture.get().helpdesk.audit().query(AuditQuery.all().trace(chat.lastTrace()));
            assertThat(events).extracting(AuditEvent::eventType).containsExactly("delegation_decision", "tool_execution", "outcome", "outcome");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.principal().id()).isEqualTo("gwen");
                assertThat(e.tool().agent()).isEqualTo("aihelpdesk/chat");
            });
            AuditEvent delegation = events.get(0);
            assertThat(delegation.tool().name()).isEqualTo("delegate_to_agent");
            assertThat(delegation.actionClass()).isEqualTo("read");
            assertThat(delegation.decision()).containsEntry("agent", "database").containsEntry("request_category", "availability")
                    .containsEntry("confidence", 0.92);
            assertThat(delegation.decision().get("reasoning_chain").toString()).contains("connectivity is the database agent's");
            assertThat(delegation.decision().get("alternatives_considered").toString()).contains("demo is standalone");
            assertThat(events.get(1).tool().name()).isEqualTo("check_connection");
            assertThat(events.get(3).parentId()).isEqualTo(delegation.eventId());
            assertThat(events.get(3).outcome().status()).isEqualTo("success");
        }
    }

    /** The Messages API's streaming events for one content block. */
    private static String sse(String block, String stop, String... deltas) {
        StringBuilder s = new StringBuilder();
        s.append(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_s\",\"type\":\"message\",\"role\":"
                + "\"assistant\",\"model\":\"claude-haiku-4-5-20251001\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":900,\"output_tokens\":1}}}"));
        s.append(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":" + block + "}"));
        for (String d : deltas) {
            s.append(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":" + d + "}"));
        }
        s.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        s.append(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stop
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":20}}"));
        s.append(event("message_stop", "{\"type\":\"message_stop\"}"));
        return s.toString();
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static String text(String t) {
        return "{\"type\":\"text_delta\",\"text\":\"" + t + "\"}";
    }

    @Test
    void the_answer_streams_piece_by_piece_after_the_delegated_agent_ran() throws Exception {
        String delegate = sse("{\"type\":\"tool_use\",\"id\":\"toolu_r1\",\"name\":\"delegate_to_agent\",\"input\":{}}", "tool_use",
                "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"agent\\\":\\\"database\\\",\"}",
                "{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"message\\\":\\\"Check demo\\\"}\"}");
        String answer = sse("{\"type\":\"text\",\"text\":\"\"}", "end_turn", text("demo "), text("is "), text("up."));
        try (VendorReplay vendor = VendorReplay.of(ok(delegate), ok(TOOL_USE), ok(AGENT_DONE), ok(answer))) {
            ChatSession chat = session(vendor.url());
            List<String> pieces = new java.util.concurrent.CopyOnWriteArrayList<>();
            String rest = chat.ask("is demo up?", pieces::add);
            assertThat(String.join("", pieces)).isEqualTo("demo is up.");
            assertThat(pieces).hasSizeGreaterThan(1);
            assertThat(rest).startsWith("\n\ntrace tr_");
            assertThat(vendor.bodies().get(0)).contains("\"stream\":true");
            assertThat(vendor.bodies().get(1)).contains("Check demo");
            assertThat(DemoFixture.get().helpdesk.audit().query(AuditQuery.all().trace(chat.lastTrace())))
                    .extracting(AuditEvent::eventType).containsExactly("delegation_decision", "tool_execution", "outcome", "outcome");
        }
    }

    @Test
    void a_domain_agent_may_use_its_own_model() throws Exception {
        try (VendorReplay vendor = VendorReplay.of(ok(DELEGATE), ok(TOOL_USE), ok(AGENT_DONE), ok(ROUTER_DONE))) {
            DemoFixture demo = DemoFixture.get();
            Map<String, String> env = Map.of("HELPDESK_MODEL_VENDOR", "anthropic", "HELPDESK_API_KEY", "sk-test-replay",
                    "HELPDESK_MODEL_BASE_URL", vendor.url(), "HELPDESK_DATABASE_MODEL_NAME", "claude-sonnet-4-20250514");
            ChatSession chat = LocalChat.open(demo.helpdesk, new Caller("gwen", "user", List.of(), "chat"), false, env::get);
            assertThat(chat.model()).endsWith("(database: claude-sonnet-4-20250514)");
            assertThat(chat.ask("is demo up?")).contains("demo is up");
            assertThat(vendor.bodies().get(0)).contains("\"model\":\"claude-haiku-4-5-20251001\"");
            assertThat(vendor.bodies().get(1)).contains("\"model\":\"claude-sonnet-4-20250514\"");
            assertThat(vendor.bodies().get(2)).contains("\"model\":\"claude-sonnet-4-20250514\"");
            assertThat(vendor.bodies().get(3)).contains("\"model\":\"claude-haiku-4-5-20251001\"");
        }
    }

    @Test
    void a_rate_limit_is_retried_and_then_answered() throws Exception {
        String limited = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of requests has exceeded your rate limit\"}}";
        try (VendorReplay vendor = VendorReplay.of(Map.entry(429, limited), ok(DELEGATE), ok(TOOL_USE), ok(AGENT_DONE), ok(ROUTER_DONE))) {
            assertThat(session(vendor.url()).ask("is demo up?")).contains("demo is up");
            assertThat(vendor.bodies()).hasSize(5);
        }
    }

    @Test
    void a_rejected_key_is_one_clear_line() throws Exception {
        String unauthorized = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}";
        try (VendorReplay vendor = VendorReplay.of(Map.entry(401, unauthorized))) {
            String answer = session(vendor.url()).ask("is demo up?");
            assertThat(answer.lines().findFirst().orElse("")).isEqualTo("MODEL ERROR (anthropic/claude-haiku-4-5-20251001): the API key "
                    + "was rejected (401) — check HELPDESK_API_KEY. /quit and restart with --offline to use the keyword triage instead.");
            assertThat(answer).doesNotContain("sk-test-replay");
        }
    }
}
