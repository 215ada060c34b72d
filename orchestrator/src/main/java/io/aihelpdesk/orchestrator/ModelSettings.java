package io.aihelpdesk.orchestrator;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Which language model the chat uses, configured as in the original: {@code HELPDESK_MODEL_VENDOR},
 * {@code HELPDESK_MODEL_NAME}, {@code HELPDESK_API_KEY}, plus {@code HELPDESK_MODEL_BASE_URL} (a proxy
 * or gateway in front of the vendor). The key is never printed.
 */
public record ModelSettings(String vendor, String model, String apiKey, String baseUrl) {
    public static final String DEFAULT_ANTHROPIC_MODEL = "claude-haiku-4-5-20251001";

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
        if (!vendor.equals("anthropic")) {
            throw new IllegalArgumentException("HELPDESK_MODEL_VENDOR=" + vendor + " is not supported by this build (supported: "
                    + "anthropic); unset it or use --offline");
        }
        String key = blankToNull(env.apply("HELPDESK_API_KEY"));
        if (key == null) {
            throw new IllegalArgumentException("HELPDESK_MODEL_VENDOR=anthropic needs HELPDESK_API_KEY (an Anthropic API key)");
        }
        String model = blankToNull(env.apply("HELPDESK_MODEL_NAME"));
        return new ModelSettings(vendor, model == null ? DEFAULT_ANTHROPIC_MODEL : model, key,
                blankToNull(env.apply("HELPDESK_MODEL_BASE_URL")));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public String toString() {
        return vendor + "/" + model + (baseUrl == null ? "" : " via " + baseUrl);
    }
}
