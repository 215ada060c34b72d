package io.aihelpdesk.orchestrator;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.inventory.Inventory;
import java.time.Duration;
import java.util.List;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import org.springframework.ai.google.genai.GoogleGenAiChatModel;
import org.springframework.ai.google.genai.GoogleGenAiChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * Answers a question with a language model (Spring AI {@link ChatClient} over Anthropic's, Google's or
 * OpenAI's official SDK; Ollama through its OpenAI-compatible API) that may call every catalog
 * tool; each call is governed and audited under the question's trace id. The inventory (without
 * secrets) is in the system prompt so the model never asks for credentials. Vendor errors come back
 * as one line saying what to do.
 */
public final class ModelChat {
    /**
     * One question.
     *
     * @param tools the tool names the model may call (an agent's family), or null for every tool
     * @param agent the agent asked ("database", "k8s", ...), named in the prompt, or null
     */
    public record Question(String text, Caller caller, String traceId, String door, java.util.Set<String> tools, String agent) {
    }

    /** The model's text, or {@code error}: one line saying what failed and what to do. */
    public record Answer(String text, String error) {
    }

    private static final String PROMPT = """
            You are aiHelpDesk, a PostgreSQL and Kubernetes troubleshooting assistant for operators.
            STOP — READ THIS FIRST: the databases below are already configured on the server. Never ask for a
            connection string, host or password: pass the database's id as connection_string to the tools.
            Start a diagnosis with the diagnose tool (or check_connection), then follow the symptom with the
            read-only tools. Relay tool errors, denials and approval requests verbatim; do not retry a denied call.
            Answer briefly: what is wrong, the evidence, and the next step.

            Inventory (JSON; connection details stay on the server):
            """;
    private static final int MAX_TOKENS = 2048;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int RETRIES = 2;
    private final ChatClient client;
    private final List<ToolCallback> tools;
    private final String system;
    private final ModelSettings settings;

    /** The model configured in the environment, or null when none is; a misconfiguration throws naming the problem. */
    public static ModelChat fromEnvironment(Pipeline pipeline, Inventory inventory, java.util.function.UnaryOperator<String> env) {
        ModelSettings settings = ModelSettings.fromEnvironment(env);
        return settings == null ? null : new ModelChat(settings, pipeline, inventory);
    }

    ModelChat(ModelSettings settings, Pipeline pipeline, Inventory inventory) {
        this.settings = settings;
        this.client = ChatClient.create(model(settings));
        this.tools = pipeline.catalog().all().stream()
                .<ToolCallback>map(t -> new GovernedToolCallback(pipeline, t)).toList();
        this.system = PROMPT + Json.write(inventoryView(inventory));
    }

    /** The vendor's chat model through its official Java SDK; transient failures (429, 5xx) are retried twice. */
    private static ChatModel model(ModelSettings s) {
        if (s.vendor().equals("anthropic")) {
            AnthropicChatOptions.Builder options = AnthropicChatOptions.builder().apiKey(s.apiKey()).model(s.model())
                    .maxTokens(MAX_TOKENS).timeout(TIMEOUT).maxRetries(RETRIES);
            if (s.baseUrl() != null) {
                options.baseUrl(s.baseUrl());
            }
            return AnthropicChatModel.builder().options(options.build()).build();
        }
        if (s.vendor().equals("gemini")) {
            HttpOptions.Builder http = HttpOptions.builder();
            if (s.baseUrl() != null) {
                http.baseUrl(s.baseUrl());
            }
            Client gemini = Client.builder().apiKey(s.apiKey()).httpOptions(http.build()).build();
            return GoogleGenAiChatModel.builder().genAiClient(gemini)
                    .options(GoogleGenAiChatOptions.builder().model(s.model()).maxOutputTokens(MAX_TOKENS).build()).build();
        }
        // OpenAI, and Ollama through its OpenAI-compatible API (which ignores the key)
        OpenAiChatOptions.Builder options = OpenAiChatOptions.builder().apiKey(s.apiKey() == null ? "ollama" : s.apiKey())
                .model(s.model()).maxTokens(MAX_TOKENS).timeout(TIMEOUT).maxRetries(RETRIES);
        if (s.baseUrl() != null) {
            options.baseUrl(s.baseUrl());
        }
        return OpenAiChatModel.builder().options(options.build()).build();
    }

    /** What the model needs to pick a target: ids, names, placement and tags; never connection strings. */
    private static Object inventoryView(Inventory inventory) {
        return inventory.dbServers().values().stream().map(db -> {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("id", db.id());
            m.put("name", db.name());
            m.put("hosting", db.hosting());
            m.put("k8s_cluster", db.k8sCluster());
            m.put("k8s_namespace", db.k8sNamespace());
            m.put("tags", db.tags());
            return m;
        }).toList();
    }

    /** Asks the model; every tool call it makes runs governed as the question's caller, door and trace. */
    public Answer ask(Question q) {
        List<ToolCallback> allowed = q.tools() == null ? tools
                : tools.stream().filter(t -> q.tools().contains(t.getToolDefinition().name())).toList();
        String prompt = q.agent() == null ? system : system + "\n\nYou are answering as the " + q.agent() + " agent: use its tools.";
        try {
            String answer = client.prompt().system(prompt).user(q.text()).toolCallbacks(allowed)
                    .toolContext(java.util.Map.of(GovernedToolCallback.TRACE, q.traceId(), GovernedToolCallback.CALLER, q.caller(),
                            GovernedToolCallback.DOOR, q.door())).call().content();
            return new Answer(answer == null ? "(the model returned no text)" : answer, null);
        } catch (RuntimeException e) {
            return new Answer(null, VendorError.explain(settings, e));
        }
    }

    public ModelSettings settings() {
        return settings;
    }
}
