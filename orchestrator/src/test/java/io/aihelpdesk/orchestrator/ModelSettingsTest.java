package io.aihelpdesk.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Model configuration compatible with the original's environment variables. */
class ModelSettingsTest {
    @Test
    void no_vendor_means_no_model() {
        assertThat(ModelSettings.fromEnvironment(Map.<String, String>of()::get)).isNull();
    }

    @Test
    void anthropic_defaults_to_haiku_and_never_prints_the_key() {
        ModelSettings s = ModelSettings.fromEnvironment(Map.of("HELPDESK_MODEL_VENDOR", "Anthropic", "HELPDESK_API_KEY", "sk-secret")::get);
        assertThat(s.vendor()).isEqualTo("anthropic");
        assertThat(s.model()).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(s.toString()).isEqualTo("anthropic/claude-haiku-4-5-20251001").doesNotContain("sk-secret");
    }

    @Test
    void ollama_needs_no_key_and_defaults_to_the_local_server() {
        ModelSettings s = ModelSettings.fromEnvironment(Map.of("HELPDESK_MODEL_VENDOR", "ollama")::get);
        assertThat(s.toString()).isEqualTo("ollama/llama3.1 via http://localhost:11434/v1");
        assertThat(s.apiKey()).isNull();
    }

    @Test
    void an_unsupported_vendor_or_a_missing_key_is_named() {
        assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of("HELPDESK_MODEL_VENDOR", "bard")::get))
                .hasMessage("HELPDESK_MODEL_VENDOR=bard is not supported by this build (supported: anthropic, gemini, openai, ollama); "
                        + "unset it or use --offline");
        assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of("HELPDESK_MODEL_VENDOR", "gemini")::get))
                .hasMessage("HELPDESK_MODEL_VENDOR=gemini needs HELPDESK_API_KEY (a Gemini API key from Google AI Studio)");
        assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of("HELPDESK_MODEL_VENDOR", "openai")::get))
                .hasMessage("HELPDESK_MODEL_VENDOR=openai needs HELPDESK_API_KEY (an OpenAI API key)");
        assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of("HELPDESK_MODEL_VENDOR", "anthropic")::get))
                .hasMessage("HELPDESK_MODEL_VENDOR=anthropic needs HELPDESK_API_KEY (an Anthropic API key)");
    }
}
