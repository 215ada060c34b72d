package io.aihelpdesk.server.observe;

import java.util.function.UnaryOperator;

/**
 * Where spans go, from the standard OpenTelemetry environment variables (and
 * {@code HELPDESK_OTEL_ENDPOINT}). Read without touching any OpenTelemetry class, so a server
 * without an endpoint never loads the SDK.
 *
 * @param endpoint full URL of the OTLP/HTTP traces endpoint
 * @param headers  {@code key=value,…} sent to the collector, or null (never logged)
 * @param protocol the protocol asked for, or null; only {@code http/protobuf} is spoken
 */
record OtlpSettings(String endpoint, String headers, String serviceName, String protocol) {

    /**
     * The settings, or null (the default) when no endpoint is set or {@code OTEL_SDK_DISABLED=true}.
     * The endpoint is {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (used as it is), else
     * {@code HELPDESK_OTEL_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_ENDPOINT} with {@code /v1/traces}
     * appended, as the OpenTelemetry specification defines them.
     */
    static OtlpSettings fromEnvironment(UnaryOperator<String> env) {
        if ("true".equalsIgnoreCase(env.apply("OTEL_SDK_DISABLED"))) {
            return null;
        }
        String traces = value(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", null);
        String base = value(env, "HELPDESK_OTEL_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT");
        if (traces == null && base == null) {
            return null;
        }
        String service = value(env, "OTEL_SERVICE_NAME", null);
        return new OtlpSettings(traces != null ? traces : base.replaceAll("/+$", "") + "/v1/traces",
                value(env, "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_EXPORTER_OTLP_HEADERS"),
                service == null ? "aihelpdesk" : service,
                value(env, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"));
    }

    /** The first of the two variables that is set and not blank, trimmed; null if neither is. */
    private static String value(UnaryOperator<String> env, String first, String second) {
        String v = env.apply(first);
        if ((v == null || v.isBlank()) && second != null) {
            v = env.apply(second);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }
}
