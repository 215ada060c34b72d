package io.aihelpdesk.orchestrator;

import io.aihelpdesk.tools.Caller;
import java.util.function.UnaryOperator;

/**
 * Opens a chat: with the configured language model, or offline (keyword routing to the triage) when
 * none is configured, {@code --offline} is given, or the model settings are unusable — the banner
 * says which, and why.
 */
public final class Chat {
    /** The door a chat's delegation decisions are audited under. */
    public static final String DOOR = "chat";

    private Chat() {
    }

    /**
     * @param server  the MCP session with the server whose tools answer (in-process or remote)
     * @param trail   that server's audit trail
     * @param caller  the chatting user: the session's identity, named in delegation decisions
     * @param offline {@code --offline} was given
     * @param env     the environment ({@code System::getenv} in production)
     */
    public static ChatSession open(McpConnection server, AuditTrail trail, Caller caller, boolean offline, UnaryOperator<String> env) {
        if (offline) {
            return new ChatSession(server, trail, caller, DOOR, null, "--offline");
        }
        ModelSettings settings;
        try {
            settings = ModelSettings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            return new ChatSession(server, trail, caller, DOOR, null, e.getMessage());
        }
        if (settings == null) {
            return new ChatSession(server, trail, caller, DOOR, null,
                    "no language model configured: set HELPDESK_MODEL_VENDOR (anthropic, gemini, openai, ollama) and HELPDESK_API_KEY to use one");
        }
        return new ChatSession(server, trail, caller, DOOR, settings, null);
    }

    /** The audit trail of a remote server ({@code --server URL}), through its audit API. */
    public static AuditTrail remoteTrail(String url, String apiKey) {
        return new RemoteAuditTrail(url, apiKey);
    }
}
