package io.aihelpdesk.governance.compliance;

import io.aihelpdesk.tools.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report as one JSON document, snake_case, times in ISO-8601 UTC. */
final class JsonReport {
    private JsonReport() {
    }

    static String render(ComplianceReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("from", r.from().toString());
        root.put("to", r.to().toString());
        root.put("generated_at", r.generatedAt().toString());
        root.put("total_calls", r.totalCalls());
        root.put("by_action_class", r.byActionClass());
        root.put("by_principal", r.byPrincipal());
        root.put("by_target", r.byTarget());
        root.put("by_outcome", r.byOutcome());
        root.put("denials_by_cause", r.denialsByCause());
        root.put("denials", r.denials().stream().map(JsonReport::call).toList());
        root.put("changes", r.changes().stream().map(JsonReport::call).toList());
        Map<String, Object> chain = new LinkedHashMap<>();
        chain.put("valid", r.chain().valid());
        chain.put("total_events", r.chain().totalEvents());
        chain.put("last_event_id", r.chain().lastEventId());
        chain.put("broken_at", r.chain().brokenAt());
        chain.put("error", r.chain().error());
        root.put("chain_verification", chain);
        root.put("policy_versions", r.policyVersions().stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", v.version());
            m.put("first_seen", v.firstSeen().toString());
            m.put("last_seen", v.lastSeen().toString());
            m.put("decisions", v.decisions());
            return m;
        }).toList());
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static Map<String, Object> call(Call c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", c.at().toString());
        m.put("trace_id", c.traceId());
        m.put("tool", c.tool());
        m.put("principal", c.principal());
        m.put("action_class", c.actionClass());
        m.put("target", c.target());
        m.put("outcome", c.outcome());
        m.put("reason", c.reason());
        if (c.isChange()) {
            m.put("approval", c.approval());
            m.put("approval_chain", steps(c.approvals()));
            m.put("verified", c.verified());
        }
        return m;
    }

    private static List<Map<String, Object>> steps(List<ApprovalStep> steps) {
        return steps.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", s.at().toString());
            m.put("event", s.event());
            m.put("approval_id", s.approvalId());
            m.put("status", s.status());
            m.put("approver", s.approver());
            m.put("reason", s.reason());
            m.put("quorum", s.quorum());
            return m;
        }).toList();
    }
}
