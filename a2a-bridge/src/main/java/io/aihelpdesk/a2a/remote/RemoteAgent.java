package io.aihelpdesk.a2a.remote;

import java.util.List;
import java.util.Locale;

/**
 * A remote A2A agent, as its card describes it.
 *
 * @param name        the agent's name (from agents.json, else from its card)
 * @param baseUrl     where its card is ({@code <baseUrl>/.well-known/agent-card.json})
 * @param rpcUrl      its JSON-RPC endpoint (the card's interface)
 * @param protocol    {@code 1.0} when the card offers a 1.0 JSON-RPC interface, else {@code 0.3}
 * @param useCases    what it is for: the configured use cases, else its skills' descriptions
 * @param replaces    which of our domain agents it stands in for in the chat ({@code k8s_agent}, …), or null
 */
public record RemoteAgent(String name, String baseUrl, String rpcUrl, String protocol, String description, List<String> useCases,
                          String replaces) {
    /** Tool {@code _meta} key: the domain agent of ours a remote agent replaces in the chat. */
    public static final String REPLACES = "io.aihelpdesk/replaces";

    public RemoteAgent(String name, String baseUrl, String rpcUrl, String protocol, String description, List<String> useCases) {
        this(name, baseUrl, rpcUrl, protocol, description, useCases, null);
    }

    public RemoteAgent {
        useCases = List.copyOf(useCases);
        description = description == null ? "" : description;
    }

    /** The governed tool that asks this agent: {@code a2a_} and the name in snake_case. */
    public String toolName() {
        String snake = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        String tool = "a2a_" + (snake.isEmpty() ? "agent" : snake);
        return tool.length() > 64 ? tool.substring(0, 64) : tool;
    }

    public boolean speaks10() {
        return "1.0".equals(protocol);
    }
}
