package io.aihelpdesk.server.mcp;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.governance.approval.Approval;
import io.aihelpdesk.governance.approval.ApprovalRefused;
import io.aihelpdesk.governance.approval.ApprovalStatus;
import io.aihelpdesk.governance.approval.Approvals;
import io.aihelpdesk.governance.policy.Principal;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.Progress;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the person at an MCP client about a call that waits for approval (MCP elicitation, form mode),
 * when the client declared the capability. The form offers:
 * <ul>
 * <li>{@code approve} — only when the policy rule says {@code elicitation_approval: true} and the
 *     session's identity is one of the rule's approvers: the answer comes from the client's user
 *     interface (never from the agent) and counts as that identity's one vote toward the quorum;</li>
 * <li>{@code wait} — keep the call open while other approvers decide (up to {@link #WAIT});</li>
 * <li>{@code cancel} — withdraw the request (declining the form does the same).</li>
 * </ul>
 * Once the approval grants, the same call (same arguments and trace id) runs through the pipeline
 * and its result is returned; otherwise the pending result is. Dismissing the form, or any failure
 * to ask, leaves the request pending: nothing runs without an approval.
 */
final class ApprovalElicitation {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalElicitation.class);
    static final Duration WAIT = Duration.ofSeconds(45);

    private ApprovalElicitation() {
    }

    static boolean supported(McpSyncServerExchange exchange) {
        McpSchema.ClientCapabilities c = exchange.getClientCapabilities();
        return c != null && c.elicitation() != null;
    }

    static Outcome ask(McpSyncServerExchange exchange, Pipeline pipeline, Invocation call, Outcome.PendingApproval pending,
                       Progress progress) {
        Approvals approvals = pipeline.approvals();
        Optional<Approval> found = approvals.find(pending.approvalId());
        if (found.isEmpty() || found.get().status() != ApprovalStatus.PENDING) {
            return pending;
        }
        Approval a = found.get();
        Principal me = new Principal(call.caller().id(), call.caller().kind(), call.caller().roles());
        boolean mayConfirm = a.elicitation() && a.requestedBy().equals(me.id()) && a.votes().stream().noneMatch(v -> v.principal().equals(me.id()))
                && a.terms().approver(me);
        McpSchema.ElicitResult answer;
        try {
            answer = exchange.createElicitation(McpSchema.ElicitRequest.builder()
                    .message(message(a, mayConfirm))
                    .requestedSchema(schema(mayConfirm))
                    .build());
        } catch (RuntimeException e) {
            LOG.info("could not ask the client about approval {}: {}; it stays pending", a.id(), e.toString());
            return pending;
        }
        String decision = answer.content() == null ? null : String.valueOf(answer.content().get("decision"));
        String reason = answer.content() == null || answer.content().get("reason") == null ? null : String.valueOf(answer.content().get("reason"));
        try {
            if (answer.action() == McpSchema.ElicitResult.Action.DECLINE
                    || (answer.action() == McpSchema.ElicitResult.Action.ACCEPT && "cancel".equals(decision))) {
                Approval c = approvals.cancel(a.id(), me, reason == null ? "declined in the MCP client" : reason);
                return new Outcome.Denied(call.tool(), call.traceId(), 0, "approval " + c.id() + " was cancelled in the client by "
                        + me.id() + "; nothing ran", List.of("approval " + c.id() + ": cancelled"), "");
            }
            if (answer.action() != McpSchema.ElicitResult.Action.ACCEPT) {
                return pending;
            }
            if ("approve".equals(decision)) {
                if (!mayConfirm) {
                    return pending; // not offered: only the policy's approvers decide this one
                }
                a = approvals.confirmInClient(a.id(), me, reason == null ? "confirmed in the MCP client" : reason);
            }
            if (a.status() == ApprovalStatus.PENDING) {
                a = approvals.await(a.id(), WAIT).orElse(a);
            }
        } catch (ApprovalRefused e) {
            LOG.info("elicitation answer on {} refused: {}", a.id(), e.getMessage());
            return pending;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return pending;
        }
        return a.status().grants() ? pipeline.run(call, progress) : a.status() == ApprovalStatus.PENDING ? pending
                : new Outcome.Denied(call.tool(), call.traceId(), 0, "approval " + a.id() + " was " + a.status().label()
                        + (a.resolvedBy() == null ? "" : " by " + a.resolvedBy()) + (a.resolutionReason() == null ? "" : ": " + a.resolutionReason())
                        + "; nothing ran", List.of("approval " + a.id() + ": " + a.status().label()), "");
    }

    private static String message(Approval a, boolean mayConfirm) {
        return a.tool() + " on " + a.resource() + " needs approval: " + a.message() + "\nApproval " + a.id() + ": " + a.approvals()
                + " of " + a.quorum() + " from " + Approvals.approvers(a) + ", expires " + a.expiresAt() + "."
                + (mayConfirm ? "\nThe policy lets you confirm it here yourself (one vote)." : "\nOthers must approve it "
                + "(helpdesk approvals approve " + a.id() + "); you can wait here or cancel the request.");
    }

    private static Map<String, Object> schema(boolean mayConfirm) {
        List<String> options = new ArrayList<>();
        if (mayConfirm) {
            options.add("approve");
        }
        options.add("wait");
        options.add("cancel");
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("type", "string");
        decision.put("title", "Decision");
        decision.put("enum", options);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("decision", decision);
        props.put("reason", Map.of("type", "string", "title", "Reason (audited)"));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", props);
        s.put("required", List.of("decision"));
        return s;
    }
}
