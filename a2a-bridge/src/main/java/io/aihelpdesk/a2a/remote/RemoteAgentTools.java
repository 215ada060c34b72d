package io.aihelpdesk.a2a.remote;

import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.ToolFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each remote agent as a governed tool {@code a2a_<agent>(message)}: declared once in the catalog,
 * so MCP, REST, A2A and the chat list it, and every call runs through the pipeline — policy sees
 * resource type {@code agent} named by the agent, the call and its answer are audited. The remote
 * agent governs its own tools; this side governs who may ask it.
 */
public final class RemoteAgentTools {
    private RemoteAgentTools() {
    }

    public record Ask(@Param(value = "What to ask the agent, in plain text", required = true) String message) {
    }

    public record AgentReply(String agent, String url, String taskId, String state, String text, List<Map<String, Object>> data) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RemoteAgentTools.class);
    /** How long one question to a remote agent may take. */
    static final java.time.Duration ASK_TIMEOUT = java.time.Duration.ofSeconds(120);

    /**
     * The tools of the agents the environment configures ({@code HELPDESK_AGENT_URLS} or
     * {@code HELPDESK_AGENTS_CONFIG}; {@code HELPDESK_AGENT_API_KEY} is the bearer token sent to them).
     * Unreachable agents are logged and skipped; none configured → no tools.
     */
    public static List<ToolDefinition<?, ?>> fromEnvironment(java.util.function.UnaryOperator<String> env)
            throws io.aihelpdesk.tools.config.ConfigException {
        if (blank(env.apply("HELPDESK_AGENT_URLS")) && blank(env.apply("HELPDESK_AGENTS_CONFIG"))) {
            return List.of(); // and no HTTP client: it would load TLS at every start for nothing
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Discovery.CARD_TIMEOUT).build();
        Discovery d = Discovery.fromEnvironment(env, http);
        d.unavailable().forEach(u -> LOG.warn("remote A2A agent unavailable, skipped: {}", u));
        d.agents().forEach(a -> LOG.info("remote A2A agent {} ({}, A2A {}) is tool {}", a.name(), a.rpcUrl(), a.protocol(), a.toolName()));
        return of(d, new A2aClient(http, env.apply("HELPDESK_AGENT_API_KEY"), ASK_TIMEOUT));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public static List<ToolDefinition<?, ?>> of(Discovery discovery, A2aClient client) {
        List<ToolDefinition<?, ?>> tools = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (RemoteAgent agent : discovery.agents()) {
            if (names.add(agent.toolName())) {
                tools.add(tool(agent, client));
            } else {
                LOG.warn("remote A2A agent {} at {} skipped: another agent already has the tool name {}", agent.name(), agent.baseUrl(),
                        agent.toolName());
            }
        }
        return tools;
    }

    static ToolDefinition<Ask, AgentReply> tool(RemoteAgent agent, A2aClient client) {
        String uses = agent.useCases().isEmpty() ? "" : " Use it for: " + String.join("; ", agent.useCases().stream().limit(8).toList()) + ".";
        return new ToolDefinition<>(agent.toolName(),
                "Ask the remote A2A agent " + agent.name() + " (" + agent.baseUrl() + ")" + (agent.description().isEmpty() ? "" : ": "
                        + agent.description()) + uses + " The answer is the agent's text and any structured data it returned.",
                Effect.READ, TargetKind.AGENT, Ask.class, AgentReply.class, (p, ctx) -> {
                    A2aClient.Answer a;
                    try {
                        a = client.ask(agent, p.message(), ctx.invocation().traceId());
                    } catch (A2aClient.Unreachable e) {
                        throw new ToolFailure(new Diagnosis("remote_agent_unreachable", e.getMessage(),
                                "check that the agent is up (GET " + agent.baseUrl() + "/.well-known/agent-card.json) and accepts this server's key", ""), e);
                    }
                    if (List.of("failed", "rejected", "canceled").contains(a.state())) {
                        throw new ToolFailure(new Diagnosis("remote_agent_" + a.state(), agent.name() + " answered " + a.state()
                                + (a.text().isEmpty() ? "" : ": " + a.text()), "the remote agent's own audit has the details of task "
                                + a.taskId() + " under trace " + ctx.invocation().traceId(), ""));
                    }
                    AgentReply reply = new AgentReply(agent.name(), agent.rpcUrl(), a.taskId(), a.state(), a.text(), a.data());
                    return Result.of(reply, agent.name() + " (" + a.state() + "): " + a.text());
                }, null, agent.replaces() == null ? Map.of() : Map.of(RemoteAgent.REPLACES, agent.replaces()));
    }
}
