package io.aihelpdesk.governance.approval;

import io.aihelpdesk.tools.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON shape of an approval: stored rows, the HTTP API, the CLI and notifications. Field
 * names follow the original's approvals API ({@code approval_id}, {@code requested_by},
 * {@code expires_at}, {@code resolved_by}, {@code resolution_reason}, {@code valid_until}).
 */
public final class ApprovalJson {
    private ApprovalJson() {
    }

    public static Map<String, Object> toMap(Approval a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("approval_id", a.id());
        m.put("status", a.status().label());
        m.put("trace_id", a.traceId());
        m.put("tool_name", a.tool());
        m.put("action_class", a.actionClass());
        m.put("resource", a.resource());
        m.put("arguments_sha256", a.argumentsHash());
        m.put("requested_by", a.requestedBy());
        m.put("requester_roles", a.requesterRoles());
        m.put("policy_name", a.policyName());
        m.put("message", a.message());
        m.put("quorum", a.quorum());
        m.put("approvals", a.approvals());
        m.put("approvers", a.approvers());
        m.put("break_glass", a.breakGlass());
        List<Map<String, Object>> votes = new ArrayList<>();
        for (Vote v : a.votes()) {
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("principal", v.principal());
            vm.put("decision", v.decision());
            vm.put("reason", v.reason());
            vm.put("at", text(v.at()));
            vm.put("via", v.via());
            votes.add(vm);
        }
        m.put("votes", votes);
        m.put("created_at", text(a.createdAt()));
        m.put("expires_at", text(a.expiresAt()));
        m.put("valid_for_minutes", a.validMinutes());
        m.put("valid_until", text(a.validUntil()));
        m.put("resolved_by", a.resolvedBy());
        m.put("resolved_at", text(a.resolvedAt()));
        m.put("resolution_reason", a.resolutionReason());
        m.put("callback_url", a.callbackUrl());
        m.put("elicitation", a.elicitation());
        return m;
    }

    static String write(Approval a) {
        return Json.write(toMap(a));
    }

    @SuppressWarnings("unchecked")
    static Approval read(String json, long version) {
        Map<String, Object> m = Json.mapper().readValue(json, Map.class);
        List<Vote> votes = new ArrayList<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) m.get("votes")) {
            votes.add(new Vote((String) v.get("principal"), (String) v.get("decision"), (String) v.get("reason"),
                    instant(v.get("at")), (String) v.get("via")));
        }
        return new Approval((String) m.get("approval_id"), ApprovalStatus.of((String) m.get("status")), (String) m.get("trace_id"),
                (String) m.get("tool_name"), (String) m.get("action_class"), (String) m.get("resource"),
                (String) m.get("arguments_sha256"), (String) m.get("requested_by"), (List<String>) m.get("requester_roles"),
                (String) m.get("policy_name"), (String) m.get("message"), ((Number) m.get("quorum")).intValue(),
                (List<String>) m.get("approvers"), (List<String>) m.get("break_glass"), votes, instant(m.get("created_at")),
                instant(m.get("expires_at")), ((Number) m.get("valid_for_minutes")).intValue(), instant(m.get("valid_until")),
                (String) m.get("resolved_by"), instant(m.get("resolved_at")), (String) m.get("resolution_reason"),
                (String) m.get("callback_url"), Boolean.TRUE.equals(m.get("elicitation")), version);
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    private static Instant instant(Object o) {
        return o == null ? null : Instant.parse(o.toString());
    }
}
