package io.aihelpdesk.orchestrator;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.governance.audit.AuditStore;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.inventory.Inventory;
import java.util.function.UnaryOperator;

/**
 * Opens a chat: with the configured language model, or offline (keyword routing to the triage) when
 * none is configured, {@code --offline} is given, or the model settings are unusable — the banner
 * says which, and why.
 */
public final class Chat {
    private Chat() {
    }

    /**
     * @param offline {@code --offline} was given
     * @param env     the environment ({@code System::getenv} in production)
     */
    public static ChatSession open(Pipeline pipeline, Inventory inventory, AuditStore audit, Caller caller, boolean offline,
                                   UnaryOperator<String> env) {
        if (offline) {
            return new ChatSession(pipeline, inventory, audit, caller, null, "--offline");
        }
        ModelSettings settings;
        try {
            settings = ModelSettings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            return new ChatSession(pipeline, inventory, audit, caller, null, e.getMessage());
        }
        if (settings == null) {
            return new ChatSession(pipeline, inventory, audit, caller, null,
                    "no language model configured: set HELPDESK_MODEL_VENDOR (anthropic, gemini, openai, ollama) and HELPDESK_API_KEY to use one");
        }
        return new ChatSession(pipeline, inventory, audit, caller, settings, null);
    }
}
