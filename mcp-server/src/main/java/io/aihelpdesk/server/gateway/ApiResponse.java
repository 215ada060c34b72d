package io.aihelpdesk.server.gateway;

import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.Outcome;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the REST gateway answers, and the one place where an {@link Outcome} becomes an HTTP status:
 * Succeeded 200, PendingApproval 202, Invalid 400, Denied 403, Failed 502. Two body shapes only:
 * success {@code {status, trace_id, result, ...}} and error {@code {error: {code, message, hint, trace_id, ...}}}.
 * The message of a tool outcome is {@link Outcome#text()}, the same text MCP clients and the CLI show.
 */
public record ApiResponse(int status, Map<String, Object> body) {
    public static final String TRACE_HEADER = "X-Trace-ID";

    /** A successful answer that is not a tool outcome (inventory, catalog, agents). */
    static ApiResponse ok(String traceId, Object result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "succeeded");
        body.put("trace_id", traceId);
        body.put("result", result);
        return new ApiResponse(200, body);
    }

    /**
     * @param code  stable, snake_case, for programs
     * @param extra further members of the error object (valid tools, violations, reasons ...)
     */
    public static ApiResponse error(int status, String code, String message, String hint, String traceId, Map<String, Object> extra) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("hint", hint == null ? "" : hint);
        error.put("trace_id", traceId);
        error.putAll(extra);
        return new ApiResponse(status, Map.of("error", error));
    }

    public static ApiResponse of(Outcome outcome) {
        if (outcome instanceof Outcome.Succeeded s) {
            Map<String, Object> body = toolBody("succeeded", outcome);
            body.put("target", s.target());
            body.put("result", s.data());
            body.put("text", s.text());
            return new ApiResponse(200, body);
        }
        if (outcome instanceof Outcome.PendingApproval p) {
            Map<String, Object> body = toolBody("pending_approval", outcome);
            body.put("approval_id", p.approvalId());
            body.put("text", p.text());
            return new ApiResponse(202, body);
        }
        if (outcome instanceof Outcome.Invalid i) {
            return error(400, "invalid_arguments", i.text(), "GET /api/v1/tools/" + i.tool() + " shows the parameters this tool takes",
                    i.traceId(), Map.of("tool", i.tool(), "violations", i.violations().stream()
                            .map(v -> Map.of("parameter", v.parameter(), "problem", v.problem())).toList()));
        }
        if (outcome instanceof Outcome.Denied d) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("tool", d.tool());
            extra.put("reasons", d.reasons());
            extra.put("policy_version", d.policyVersion());
            return error(403, "denied", d.text(), "the governance policy refused this call; the reasons name the policy and rule",
                    d.traceId(), extra);
        }
        Outcome.Failed f = (Outcome.Failed) outcome;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("tool", f.tool());
        extra.put("target", f.target());
        extra.put("diagnosis", f.diagnosis().code());
        extra.put("sql_state", f.diagnosis().sqlState());
        extra.put("duration_ms", f.durationMs());
        return error(502, f.diagnosis().code(), f.text(), f.diagnosis().hint(), f.traceId(), extra);
    }

    private static Map<String, Object> toolBody(String status, Outcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("trace_id", outcome.traceId());
        body.put("tool", outcome.tool());
        body.put("duration_ms", outcome.durationMs());
        return body;
    }

    /** The response's trace id: the error's, else the body's. */
    String traceId() {
        Object error = body.get("error");
        Object id = error instanceof Map<?, ?> e ? e.get("trace_id") : body.get("trace_id");
        return id == null ? null : id.toString();
    }

    public void write(HttpServletResponse resp) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        String trace = traceId();
        if (trace != null) {
            resp.setHeader(TRACE_HEADER, trace);
        }
        resp.getOutputStream().write(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
