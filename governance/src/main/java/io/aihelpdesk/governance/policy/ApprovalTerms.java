package io.aihelpdesk.governance.policy;

import java.util.List;

/**
 * What a {@code require_approval} rule asks of its approvals, from the rule's {@code conditions}:
 * {@code approval_quorum} distinct approvers, who may approve ({@code approvers}: entries like a
 * policy's principals, {@code role:dba}, {@code user:carol}; empty = any identified user or service),
 * who may break the glass ({@code break_glass}; empty = nobody), how long a request waits
 * ({@code approval_expires_minutes}, default 60) and how long a granted approval can be reused by
 * the same trace for the same call ({@code approval_valid_minutes}, default 60), and whether the
 * person at an MCP client may confirm the call there ({@code elicitation_approval}, default false).
 */
public record ApprovalTerms(int quorum, List<String> approvers, List<String> breakGlass, int expiresMinutes,
                            int validMinutes, boolean elicitation) {
    public static final ApprovalTerms DEFAULT = new ApprovalTerms(1, List.of(), List.of(), 60, 60, false);

    public ApprovalTerms {
        approvers = List.copyOf(approvers);
        breakGlass = List.copyOf(breakGlass);
    }

    ApprovalTerms withQuorum(int q) {
        return new ApprovalTerms(q, approvers, breakGlass, expiresMinutes, validMinutes, elicitation);
    }

    /** Whether {@code p} may approve: an identified principal matching one of {@code approvers} (any when empty). */
    public boolean approver(Principal p) {
        return identified(p) && (approvers.isEmpty() || matchesAny(approvers, p));
    }

    /** Whether {@code p} may declare an emergency (break glass): only principals listed in {@code break_glass}. */
    public boolean breaksGlass(Principal p) {
        return identified(p) && matchesAny(breakGlass, p);
    }

    private static boolean identified(Principal p) {
        return !p.kind().equals("anonymous") && !p.id().isBlank();
    }

    private static boolean matchesAny(List<String> entries, Principal p) {
        for (String e : entries) {
            int colon = e.indexOf(':');
            PrincipalEntry entry = colon < 0 ? new PrincipalEntry(e, "") : new PrincipalEntry(e.substring(0, colon), e.substring(colon + 1));
            if (entry.matches(p)) {
                return true;
            }
        }
        return false;
    }
}
