package io.aihelpdesk.server.mcp;

import io.aihelpdesk.governance.approval.Approval;
import io.aihelpdesk.governance.approval.Approvals;
import io.aihelpdesk.tools.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call waiting for approval as MCP clients see it: a successful result ({@code isError=false}) whose
 * structured content says {@code status: pending_approval}, the approval id, who may approve and how,
 * and how to re-issue the call once approved (same arguments, same {@code _meta.trace_id}). Tools that
 * can be parked for approval declare an output schema that admits this shape next to their result.
 */
final class PendingApprovals {
    static final Map<String, Object> SCHEMA = schema();

    private PendingApprovals() {
    }

    static Map<String, Object> content(Outcome.PendingApproval p, Approvals approvals) {
        Approval a = approvals == null ? null : approvals.find(p.approvalId()).orElse(null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "pending_approval");
        m.put("approval_id", p.approvalId());
        m.put("tool", p.tool());
        m.put("trace_id", p.traceId());
        m.put("message", p.message());
        if (a != null) {
            m.put("approvers", a.approvers());
            m.put("requested_by", a.requestedBy());
            m.put("quorum", a.quorum());
            m.put("approvals", a.approvals());
            m.put("expires_at", a.expiresAt().toString());
        }
        m.put("approve_with", Map.of("cli", "helpdesk approvals approve " + p.approvalId(),
                "http", "POST /v1/approvals/" + p.approvalId() + "/approve"));
        m.put("retry", Map.of("same_arguments", true, "_meta", Map.of("trace_id", p.traceId())));
        return m;
    }

    /** A tool's output schema widened to admit the pending shape. */
    static Map<String, Object> widen(Map<String, Object> output) {
        if (output == null) {
            return null;
        }
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("type", "object");
        w.put("anyOf", List.of(output, SCHEMA));
        return w;
    }

    private static Map<String, Object> schema() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("status", Map.of("type", "string", "const", "pending_approval"));
        props.put("approval_id", Map.of("type", "string"));
        props.put("tool", Map.of("type", "string"));
        props.put("trace_id", Map.of("type", "string"));
        props.put("message", Map.of("type", "string"));
        props.put("approvers", Map.of("type", "array", "items", Map.of("type", "string")));
        props.put("requested_by", Map.of("type", "string"));
        props.put("quorum", Map.of("type", "integer"));
        props.put("approvals", Map.of("type", "integer"));
        props.put("expires_at", Map.of("type", "string"));
        props.put("approve_with", Map.of("type", "object"));
        props.put("retry", Map.of("type", "object"));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", props);
        s.put("required", List.of("status", "approval_id", "trace_id"));
        return s;
    }
}
