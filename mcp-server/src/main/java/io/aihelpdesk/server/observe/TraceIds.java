package io.aihelpdesk.server.observe;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How an audit trace id becomes an OpenTelemetry trace id. A W3C id (32 lowercase hex digits, as
 * a caller's {@code traceparent} gives us) is used as it is, so our spans join the caller's trace.
 * Any other id ({@code tr_…}, or an {@code X-Trace-ID} of the caller's choosing) is hashed: the
 * first 16 bytes of its SHA-256. The mapping is a function, so every call under one audit trace
 * (nested tools, a call parked for approval and its re-run, a chat's delegations) lands in one
 * OpenTelemetry trace, and anyone holding the audit id can compute the OpenTelemetry one.
 *
 * <p>The SDK asks its {@link IdGenerator} for a trace id only for a span without a parent; a span
 * started by {@link #startRoot} takes the id given there.
 */
final class TraceIds implements IdGenerator {
    private static final ThreadLocal<String> NEXT = new ThreadLocal<>();
    private final IdGenerator random = IdGenerator.random();

    /** The OpenTelemetry trace id (32 hex digits, never all zeros) of an audit trace id. */
    static String of(String auditTraceId) {
        if (auditTraceId.matches("[0-9a-f]{32}") && !auditTraceId.matches("0+")) {
            return auditTraceId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(auditTraceId.getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(digest, 0, 16);
            return hex.matches("0+") ? "00000000000000000000000000000001" : hex;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Starts {@code span} (without a parent) in trace {@code traceId}. */
    Span startRoot(String traceId, SpanBuilder span) {
        NEXT.set(traceId);
        try {
            return span.setNoParent().startSpan();
        } finally {
            NEXT.remove();
        }
    }

    @Override
    public String generateSpanId() {
        return random.generateSpanId();
    }

    @Override
    public String generateTraceId() {
        String next = NEXT.get();
        return next != null ? next : random.generateTraceId();
    }
}
