package io.aihelpdesk.tools;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request to run one tool, as every door hands it to the {@link Invoker}: the tool name, the
 * raw arguments (untrusted), who asked, the trace id of this request and the door it came through.
 */
public record Invocation(String tool, Map<String, Object> arguments, Caller caller, String traceId, String door) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public Invocation {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(door, "door");
        arguments = arguments == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        traceId = traceId == null || traceId.isBlank() ? newTraceId() : traceId;
    }

    /** A fresh trace id, {@code tr_} and 12 hex digits, as the original formats them. */
    public static String newTraceId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "tr_" + HexFormat.of().formatHex(bytes);
    }

    /**
     * The trace id carried by a W3C {@code traceparent} header value
     * ({@code 00-<32 hex trace id>-<16 hex span>-<flags>}), or null when the value is malformed.
     */
    public static String traceIdFromTraceparent(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.trim().split("-");
        if (parts.length == 4 && parts[1].matches("[0-9a-f]{32}") && !parts[1].matches("0+")) {
            return parts[1];
        }
        return null;
    }
}
