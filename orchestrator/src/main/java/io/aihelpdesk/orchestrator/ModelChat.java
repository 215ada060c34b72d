package io.aihelpdesk.orchestrator;

import java.util.Map;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Json;
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
     * @param agent the agent asked ("database", "k8s", "incident"), or null to let the router choose
     */
    /**
     * @param server the MCP session the tools run through, as {@code caller} (the session's identity)
     * @param caller who asks: named in the delegation decisions the chat chains
     * @param door   how the delegation decisions name the asking door ({@code chat}, {@code rest})
     */
    public record Question(String text, McpConnection server, Caller caller, String traceId, String door, String agent) {
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
    private static final String ROUTER = """


            You are the router. Do not answer from your own knowledge: call delegate_to_agent at once with the agent
            that can answer (database for PostgreSQL, k8s for pods and the cluster, incident for support bundles),
            your reasoning and the alternatives you rejected, then relay the agent's response.""";
    private static final int MAX_TOKENS = 2048;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int RETRIES = 2;
    /** Key of the question's MCP session in the Spring AI tool context. */
    static final String SERVER = "aihelpdesk.server";
    private final ChatClient client;
    /** Agents configured with a model of their own. */
    private final java.util.Map<Agent, ChatClient> agentClients;
    private final String system;
    private final ModelSettings settings;
    private final Delegation delegation;

    /**
     * The model configured in the environment, or null when none is; a misconfiguration throws naming the problem.
     *
     * @param inventory the server's databases, for the system prompt
     * @param trail     where delegation decisions are chained
     */
    public static ModelChat fromEnvironment(List<Database> inventory, AuditTrail trail, java.util.function.UnaryOperator<String> env) {
        ModelSettings settings = ModelSettings.fromEnvironment(env);
        return settings == null ? null : new ModelChat(settings, inventory, trail);
    }

    ModelChat(ModelSettings settings, List<Database> inventory, AuditTrail trail) {
        this.settings = settings;
        this.client = ChatClient.create(model(settings));
        java.util.Map<Agent, ChatClient> own = new java.util.EnumMap<>(Agent.class);
        settings.agentModels().forEach((agent, name) -> own.put(agent, ChatClient.create(model(settings.withModel(name)))));
        this.agentClients = own;
        this.system = PROMPT + Json.write(inventoryView(inventory));
        this.delegation = new Delegation(trail, this::runAgent);
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
    private static Object inventoryView(List<Database> inventory) {
        return inventory.stream().map(db -> {
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

    /**
     * Asks the model. With an agent named, that agent answers with its tools; without, the router
     * delegates to one ({@code delegate_to_agent}, audited as a {@code delegation_decision}). Every tool
     * call runs governed as the question's caller, door and trace.
     */
    public Answer ask(Question q) {
        return ask(q, null);
    }

    /** @param tokens receives the router's answer piece by piece as it streams, or null to wait for it whole */
    public Answer ask(Question q, java.util.function.Consumer<String> tokens) {
        Map<String, Object> context = Map.of(McpToolCallback.TRACE, q.traceId(), McpToolCallback.CALLER, q.caller(),
                McpToolCallback.DOOR, q.door(), SERVER, q.server());
        try {
            String answer;
            if (q.agent() != null) {
                answer = runAgent(Agent.named(q.agent()).orElseThrow(), q.text(), context);
            } else {
                ChatClient.ChatClientRequestSpec router = client.prompt().system(system + ROUTER).user(q.text())
                        .toolCallbacks(delegation).toolContext(context);
                answer = tokens == null ? router.call().content()
                        : String.join("", router.stream().content().doOnNext(tokens).collectList().block());
            }
            return new Answer(answer == null ? "(the model returned no text)" : answer, null);
        } catch (RuntimeException e) {
            return new Answer(null, VendorError.explain(settings, e));
        }
    }

    /** One domain agent: its prompt and its tools only, run on the question's MCP session. */
    private String runAgent(Agent agent, String message, Map<String, Object> context) {
        McpConnection server = (McpConnection) context.get(SERVER);
        List<String> names = agent.tools(server.tools());
        List<ToolCallback> allowed = server.tools().stream().filter(t -> names.contains(t.name()))
                .<ToolCallback>map(t -> new McpToolCallback(server, t)).toList();
        return agentClients.getOrDefault(agent, client).prompt().system(system + "\n\n" + agent.prompt).user(message).toolCallbacks(allowed)
                .toolContext(context).call().content();
    }

    public ModelSettings settings() {
        return settings;
    }
}
