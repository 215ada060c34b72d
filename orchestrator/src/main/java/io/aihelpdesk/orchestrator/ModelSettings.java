package io.aihelpdesk.orchestrator;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Which language model the chat uses, configured as in the original: {@code HELPDESK_MODEL_VENDOR}
 * (anthropic, gemini, openai or ollama), {@code HELPDESK_MODEL_NAME}, {@code HELPDESK_API_KEY}, plus
 * {@code HELPDESK_MODEL_BASE_URL} (a proxy or gateway in front of the vendor, or where Ollama listens).
 * Ollama is reached through its OpenAI-compatible API and needs no key. A domain agent may use its own
 * model of the same vendor: {@code HELPDESK_DATABASE_MODEL_NAME}, {@code HELPDESK_K8S_MODEL_NAME},
 * {@code HELPDESK_INCIDENT_MODEL_NAME}. The key is never printed.
 */
public record ModelSettings(String vendor, String model, String apiKey, String baseUrl, java.util.Map<Agent, String> agentModels) {
    public ModelSettings {
        agentModels = agentModels == null ? java.util.Map.of() : java.util.Map.copyOf(agentModels);
    }

    public static final String DEFAULT_ANTHROPIC_MODEL = "claude-haiku-4-5-20251001";
    static final java.util.Map<String, String> DEFAULT_MODELS = java.util.Map.of(
            "anthropic", DEFAULT_ANTHROPIC_MODEL, "gemini", "gemini-2.5-flash", "openai", "gpt-4o-mini", "ollama", "llama3.1");
    private static final java.util.Map<String, String> KEYS = java.util.Map.of(
            "anthropic", "an Anthropic API key", "gemini", "a Gemini API key from Google AI Studio", "openai", "an OpenAI API key");
    static final String OLLAMA_URL = "http://localhost:11434/v1";

    /**
     * The configured model, or null when {@code HELPDESK_MODEL_VENDOR} is not set.
     *
     * @throws IllegalArgumentException naming what is wrong (unsupported vendor, missing key)
     */
    public static ModelSettings fromEnvironment(UnaryOperator<String> env) {
        String vendor = blankToNull(env.apply("HELPDESK_MODEL_VENDOR"));
        if (vendor == null) {
            return null;
        }
        vendor = vendor.toLowerCase(Locale.ROOT);
        if (!DEFAULT_MODELS.containsKey(vendor)) {
            throw new IllegalArgumentException("HELPDESK_MODEL_VENDOR=" + vendor + " is not supported by this build (supported: "
                    + "anthropic, gemini, openai, ollama); unset it or use --offline");
        }
        String key = blankToNull(env.apply("HELPDESK_API_KEY"));
        if (key == null && !vendor.equals("ollama")) {
            throw new IllegalArgumentException("HELPDESK_MODEL_VENDOR=" + vendor + " needs HELPDESK_API_KEY (" + KEYS.get(vendor) + ")");
        }
        String model = blankToNull(env.apply("HELPDESK_MODEL_NAME"));
        String baseUrl = blankToNull(env.apply("HELPDESK_MODEL_BASE_URL"));
        java.util.Map<Agent, String> agentModels = new java.util.EnumMap<>(Agent.class);
        for (Agent a : Agent.values()) {
            String m = blankToNull(env.apply("HELPDESK_" + a.id.toUpperCase(Locale.ROOT) + "_MODEL_NAME"));
            if (m != null) {
                agentModels.put(a, m);
            }
        }
        return new ModelSettings(vendor, model == null ? DEFAULT_MODELS.get(vendor) : model, key,
                baseUrl == null && vendor.equals("ollama") ? OLLAMA_URL : baseUrl, agentModels);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The same vendor, key and endpoint with another model (a domain agent's own). */
    ModelSettings withModel(String other) {
        return new ModelSettings(vendor, other, apiKey, baseUrl, java.util.Map.of());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(vendor + "/" + model + (baseUrl == null ? "" : " via " + baseUrl));
        agentModels.forEach((a, m) -> s.append(s.indexOf("(") < 0 ? " (" : ", ").append(a.id).append(": ").append(m));
        return agentModels.isEmpty() ? s.toString() : s.append(')').toString();
    }
}
