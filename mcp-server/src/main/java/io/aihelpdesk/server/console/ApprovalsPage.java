package io.aihelpdesk.server.console;

import static io.aihelpdesk.server.console.Html.esc;

import io.aihelpdesk.governance.approval.Approval;
import io.aihelpdesk.governance.approval.ApprovalQuery;
import io.aihelpdesk.governance.approval.ApprovalRefused;
import io.aihelpdesk.governance.approval.ApprovalStatus;
import io.aihelpdesk.governance.approval.Approvals;
import io.aihelpdesk.governance.approval.Vote;
import io.aihelpdesk.governance.policy.Principal;
import io.aihelpdesk.tools.Caller;
import java.util.List;

/**
 * The approvals inbox: pending requests first (oldest deadline first), each with its quorum progress
 * and approve/deny forms, then the latest decided ones. Votes are cast through the same
 * {@link Approvals} service as {@code POST /v1/approvals/{id}/approve}, as the signed-in principal,
 * so self-approval and approver-role rules refuse here exactly as they do over HTTP.
 */
final class ApprovalsPage {
    static final String VIA = "console";
    private static final int DECIDED_SHOWN = 30;
    private final Approvals approvals;

    ApprovalsPage(Approvals approvals) {
        this.approvals = approvals;
    }

    String render(String csrf) {
        List<Approval> pending = approvals.list(ApprovalQuery.pending()).stream()
                .sorted(java.util.Comparator.comparing(Approval::expiresAt)).toList();
        List<Approval> decided = approvals.list(new ApprovalQuery(null, null, null, null, DECIDED_SHOWN + pending.size())).stream()
                .filter(a -> a.status() != ApprovalStatus.PENDING).limit(DECIDED_SHOWN).toList();
        StringBuilder b = new StringBuilder("<h1>Approvals</h1>");
        b.append("<h2>Pending <span class=\"count\" id=\"pending-count\">").append(pending.size()).append("</span></h2>");
        if (pending.isEmpty()) {
            b.append("<p class=\"empty\">Nothing is waiting for approval.</p>");
        }
        for (Approval a : pending) {
            b.append(card(a, csrf));
        }
        b.append("<h2>Recently decided</h2>");
        if (decided.isEmpty()) {
            b.append("<p class=\"empty\">No decisions yet.</p>");
        } else {
            b.append("<table class=\"list\"><thead><tr><th>Approval</th><th>Status</th><th>Tool</th><th>Resource</th>")
                    .append("<th>Requested by</th><th>Decided by</th><th>When</th><th>Reason</th></tr></thead><tbody>");
            for (Approval a : decided) {
                b.append("<tr data-approval=\"").append(esc(a.id())).append("\"><td><code>").append(esc(a.id())).append("</code></td>")
                        .append("<td><span class=\"badge ").append(esc(a.status().label())).append("\">").append(esc(a.status().label()))
                        .append("</span></td><td>").append(esc(a.tool())).append("</td><td>").append(esc(a.resource()))
                        .append("</td><td>").append(esc(a.requestedBy())).append("</td><td>").append(esc(a.resolvedBy()))
                        .append("</td><td>").append(Html.time(a.resolvedAt())).append("</td><td>").append(esc(a.resolutionReason()))
                        .append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        return b.toString();
    }

    private static String card(Approval a, String csrf) {
        StringBuilder b = new StringBuilder();
        b.append("<section class=\"card pending\" data-approval=\"").append(esc(a.id())).append("\">")
                .append("<h3><code>").append(esc(a.id())).append("</code> ").append(esc(a.tool()))
                .append(" <span class=\"badge ").append(esc(a.actionClass())).append("\">").append(esc(a.actionClass())).append("</span></h3>")
                .append("<p class=\"message\">").append(esc(a.message())).append("</p><dl>")
                .append(row("Resource", esc(a.resource())))
                .append(row("Requested by", esc(a.requestedBy()) + (a.requesterRoles().isEmpty() ? "" : " (" + esc(String.join(", ", a.requesterRoles())) + ")")))
                .append(row("Approvers", esc(Approvals.approvers(a))))
                .append(row("Quorum", "<span class=\"quorum\">" + a.approvals() + " of " + a.quorum() + "</span> approvals"))
                .append(row("Policy", esc(a.policyName())))
                .append(row("Trace", "<a href=\"/console/audit?trace=" + esc(Html.url(a.traceId())) + "\"><code>" + esc(a.traceId()) + "</code></a>"))
                .append(row("Requested", Html.time(a.createdAt())))
                .append(row("Expires", Html.time(a.expiresAt())))
                .append("</dl>");
        if (!a.votes().isEmpty()) {
            b.append("<ul class=\"votes\">");
            for (Vote v : a.votes()) {
                b.append("<li>").append(esc(v.principal())).append(' ').append(esc(v.decision())).append(" at ").append(Html.time(v.at()))
                        .append(v.reason() == null || v.reason().isBlank() ? "" : ": " + esc(v.reason())).append("</li>");
            }
            b.append("</ul>");
        }
        String action = "/console/approvals/" + esc(a.id());
        b.append("<div class=\"decide\">")
                .append("<form method=\"post\" action=\"").append(action).append("/approve\">").append(Html.csrf(csrf))
                .append("<input name=\"reason\" placeholder=\"reason (optional)\" maxlength=\"500\" aria-label=\"reason for approving\">")
                .append("<button type=\"submit\" class=\"approve\">Approve</button></form>")
                .append("<form method=\"post\" action=\"").append(action).append("/deny\">").append(Html.csrf(csrf))
                .append("<input name=\"reason\" placeholder=\"reason\" maxlength=\"500\" aria-label=\"reason for denying\">")
                .append("<button type=\"submit\" class=\"deny\">Deny</button></form></div></section>");
        return b.toString();
    }

    private static String row(String name, String html) {
        return "<dt>" + name + "</dt><dd>" + html + "</dd>";
    }

    /** Approves or denies as {@code who}; the notice says what happened or why it was refused. */
    Html.Notice decide(String id, String verb, Caller who, String reason) {
        Principal p = new Principal(who.kind().equals("anonymous") ? "" : who.id(), who.kind(), who.roles());
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        try {
            Approval a = verb.equals("approve") ? approvals.approve(id, p, why, null, VIA) : approvals.deny(id, p, why);
            return Html.Notice.ok(switch (a.status()) {
                case PENDING -> "Your approval of " + a.id() + " is recorded: " + a.approvals() + " of " + a.quorum() + " approvals so far.";
                case APPROVED -> a.id() + " is approved (" + a.approvals() + " of " + a.quorum() + "); " + a.requestedBy()
                        + "'s call (" + a.tool() + ", trace " + a.traceId() + ") may now run.";
                default -> a.id() + " is " + a.status().label() + ".";
            });
        } catch (ApprovalRefused e) {
            return Html.Notice.refused("Refused (" + e.code() + "): " + e.getMessage());
        }
    }
}
