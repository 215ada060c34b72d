package io.aihelpdesk.governance.approval;

import io.aihelpdesk.governance.audit.AuditStore;
import io.aihelpdesk.governance.policy.Principal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval workflow over a durable {@link ApprovalStore}: requests, votes with a quorum of
 * distinct approvers, denial, cancellation, expiry and break glass. Rules that hold whatever door a
 * decision comes through: the requester never approves their own request; an approver must match
 * the policy's {@code approvers}; a denial by any allowed approver closes the request; only the
 * requester (or an allowed approver) cancels; break glass needs a listed principal and a reason and is
 * always notified. Every request and decision is chained into the audit as {@code approval_requested}
 * / {@code approval_decided} with the call's trace id.
 */
public final class Approvals {
    private static final Logger LOG = LoggerFactory.getLogger(Approvals.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ApprovalStore store;
    private final AuditStore audit;
    private final ApprovalNotifier notifier;
    private final Clock clock;

    public Approvals(ApprovalStore store, AuditStore audit, ApprovalNotifier notifier, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.notifier = notifier;
        this.clock = clock;
    }

    public ApprovalStore store() {
        return store;
    }

    /**
     * The approval that covers this call: the newest one of the same trace, tool, resource and
     * arguments when it is pending, still grants, or was denied (a denial stands for that trace: the
     * same call is not asked again); otherwise (none, expired, cancelled, validity over) a new pending
     * request, audited and notified. Store failures propagate: the caller refuses the call.
     */
    public synchronized Approval forCall(ApprovalRequest r) {
        Optional<Approval> current = current(r);
        if (current.isPresent()) {
            return current.get();
        }
        try {
            return create(r);
        } catch (ApprovalStoreException e) {
            // Another replica created the pending request for this call a moment ago (one pending per call): use it.
            return current(r).orElseThrow(() -> e);
        }
    }

    /** The call's pending, denied or still granting approval, if any. */
    private Optional<Approval> current(ApprovalRequest r) {
        return store.latestFor(r.traceId(), r.tool(), r.resource(), r.argumentsHash()).map(this::expireIfDue)
                .filter(a -> a.status() == ApprovalStatus.PENDING || a.status() == ApprovalStatus.DENIED || a.grantsAt(clock.instant()));
    }

    /** A new pending request ({@code POST /v1/approvals} and the pipeline). */
    public Approval create(ApprovalRequest r) {
        Instant now = clock.instant();
        Approval a = new Approval(newId(), ApprovalStatus.PENDING, r.traceId(), r.tool(), r.actionClass(), r.resource(),
                r.argumentsHash(), r.requester().id(), r.requester().roles(), r.policyName(), r.message(), r.terms().quorum(),
                r.terms().approvers(), r.terms().breakGlass(), List.of(), now,
                now.plus(Duration.ofMinutes(r.terms().expiresMinutes())), r.terms().validMinutes(), null, null, null, null,
                r.callbackUrl(), r.terms().elicitation(), 0);
        store.insert(a);
        audit.append(ApprovalEvents.of("approval_requested", a, r.requester(), null));
        notifier.requested(a);
        return a;
    }

    public Optional<Approval> find(String id) {
        return store.find(id).map(this::expireIfDue);
    }

    public List<Approval> list(ApprovalQuery q) {
        return store.list(q);
    }

    /**
     * One approval by {@code who}. The request is approved once {@code quorum} distinct approvers
     * have voted; it then grants for {@code validForMinutes} (null: the policy's validity).
     *
     * @param via how the vote came: {@code http}, {@code cli}, {@code elicitation}
     */
    public Approval approve(String id, Principal who, String reason, Integer validForMinutes, String via) {
        return decide(id, a -> {
            checkApprover(a, who, "approve");
            if (a.votes().stream().anyMatch(v -> v.principal().equals(who.id()))) {
                throw new ApprovalRefused("already_voted", who.id() + " already voted on " + a.id() + "; the quorum of "
                        + a.quorum() + " needs distinct approvers (" + a.approvals() + " so far)");
            }
            Instant now = clock.instant();
            List<Vote> votes = new ArrayList<>(a.votes());
            votes.add(new Vote(who.id(), "approved", reason, now, via));
            Approval next = a.resolved(a.status(), votes, null, null, null, null);
            if (next.approvals() < a.quorum()) {
                return next;
            }
            int minutes = validForMinutes == null ? a.validMinutes() : Math.max(1, validForMinutes);
            return next.resolved(ApprovalStatus.APPROVED, votes, who.id(), now, reason, now.plus(Duration.ofMinutes(minutes)));
        }, who);
    }

    /**
     * The person at the requester's MCP client confirmed the call in an elicitation form. This is the
     * one case where the requesting identity's answer counts, and only when the rule opted in with
     * {@code elicitation_approval: true} and that identity is itself an allowed approver: the answer
     * comes from the client's user interface, not from the agent, and it is one vote toward the quorum
     * (a quorum of 2 still needs another approver). Otherwise refused like a self-approval.
     */
    public Approval confirmInClient(String id, Principal who, String reason) {
        return decide(id, a -> {
            if (!a.elicitation() || !who.id().equals(a.requestedBy())) {
                checkApprover(a, who, "approve");
            } else if (!a.terms().approver(who)) {
                throw new ApprovalRefused("not_an_approver", describe(who) + " is not an approver of " + a.id()
                        + "; the policy " + a.policyName() + " allows: " + approvers(a));
            }
            if (a.votes().stream().anyMatch(v -> v.principal().equals(who.id()))) {
                throw new ApprovalRefused("already_voted", who.id() + " already voted on " + a.id());
            }
            Instant now = clock.instant();
            List<Vote> votes = new ArrayList<>(a.votes());
            votes.add(new Vote(who.id(), "approved", reason, now, "elicitation"));
            Approval next = a.resolved(a.status(), votes, null, null, null, null);
            return next.approvals() < a.quorum() ? next
                    : next.resolved(ApprovalStatus.APPROVED, votes, who.id(), now, reason, now.plus(Duration.ofMinutes(a.validMinutes())));
        }, who);
    }

    public Approval deny(String id, Principal who, String reason) {
        return decide(id, a -> {
            checkApprover(a, who, "deny");
            Instant now = clock.instant();
            List<Vote> votes = new ArrayList<>(a.votes());
            votes.add(new Vote(who.id(), "denied", reason, now, null));
            return a.resolved(ApprovalStatus.DENIED, votes, who.id(), now, reason, null);
        }, who);
    }

    /** The requester withdraws the request, or an approver drops it. */
    public Approval cancel(String id, Principal who, String reason) {
        return decide(id, a -> {
            if (!who.id().equals(a.requestedBy()) && !a.terms().approver(who)) {
                throw new ApprovalRefused("not_the_requester", who.id() + " may not cancel " + a.id() + ": only the requester "
                        + a.requestedBy() + " or an approver (" + approvers(a) + ") can");
            }
            return a.resolved(ApprovalStatus.CANCELLED, a.votes(), who.id(), clock.instant(), reason, null);
        }, who);
    }

    /**
     * Break glass: the call may run without the quorum. Only principals the policy lists under
     * {@code break_glass} may declare it, always with a reason; the notifier is told synchronously and
     * the server log gets a warning, whatever else is configured.
     */
    public Approval emergency(String id, Principal who, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ApprovalRefused("reason_required", "an emergency (break glass) needs a reason; it is audited and alerted");
        }
        Approval a = decide(id, p -> {
            if (!p.terms().breaksGlass(who)) {
                throw new ApprovalRefused("not_allowed_to_break_glass", describe(who) + " may not break the glass on " + p.id()
                        + "; the policy allows " + (p.breakGlass().isEmpty() ? "nobody" : String.join(", ", p.breakGlass())));
            }
            Instant now = clock.instant();
            return p.resolved(ApprovalStatus.EMERGENCY, p.votes(), who.id(), now, reason, now.plus(Duration.ofMinutes(p.validMinutes())));
        }, who);
        LOG.warn("EMERGENCY approval {} by {}: {} — reason: {}", a.id(), who.id(), WebhookNotifier.summary(a), reason);
        notifier.emergency(a);
        return a;
    }

    /** Marks every pending request past its {@code expires_at} as expired; returns how many. */
    public int expireDue() {
        int n = 0;
        for (Approval a : store.pendingExpiredAt(clock.instant())) {
            if (expire(a).status() == ApprovalStatus.EXPIRED) {
                n++;
            }
        }
        return n;
    }

    /** Waits until the request is no longer pending or {@code timeout} passes; returns its state then. */
    public Optional<Approval> await(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<Approval> a = find(id);
        while (a.isPresent() && a.get().status() == ApprovalStatus.PENDING && System.nanoTime() < deadline) {
            Thread.sleep(Math.min(250, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            a = find(id);
        }
        return a;
    }

    /** Runs {@link #expireDue} every {@code period} on a daemon thread until closed (closing waits for a running pass). */
    public AutoCloseable expiryWorker(Duration period) {
        var exec = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "approval-expiry");
            t.setDaemon(true);
            return t;
        });
        exec.scheduleWithFixedDelay(() -> {
            try {
                expireDue();
            } catch (RuntimeException e) {
                LOG.warn("approval expiry pass failed: {}", e.getMessage());
            }
        }, period.toMillis(), period.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return () -> { // let a running pass finish: its audit events must not be cut off
            exec.shutdown();
            if (!exec.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                exec.shutdownNow();
            }
        };
    }

    /** Records that the policy allowed a change without asking anyone (audit only). */
    public void autoApproved(String traceId, String tool, String actionClass, Principal who, String policy) {
        audit.append(ApprovalEvents.autoApproved(traceId, tool, actionClass, who, policy));
    }

    private Approval expireIfDue(Approval a) {
        return a.status() == ApprovalStatus.PENDING && !clock.instant().isBefore(a.expiresAt()) ? expire(a) : a;
    }

    private Approval expire(Approval a) {
        try {
            return decide(a.id(), p -> p.resolved(ApprovalStatus.EXPIRED, p.votes(), "system", clock.instant(),
                    "no decision within " + Duration.between(p.createdAt(), p.expiresAt()).toMinutes() + " minutes", null),
                    new Principal("system", "service", List.of()));
        } catch (ApprovalRefused e) {
            return store.find(a.id()).orElse(a); // decided meanwhile
        }
    }

    /** Applies {@code change} to the pending request, retrying when another decision raced it. */
    private Approval decide(String id, UnaryOperator<Approval> change, Principal who) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Approval a = store.find(id).orElseThrow(() -> new ApprovalRefused("unknown_approval",
                    "no approval " + id + "; list them with helpdesk approvals list or GET /v1/approvals"));
            if (a.status() != ApprovalStatus.PENDING) {
                throw new ApprovalRefused("not_pending", a.id() + " is already " + a.status().label()
                        + (a.resolvedBy() == null ? "" : " (by " + a.resolvedBy() + ")") + "; only pending requests can be decided");
            }
            Approval next = change.apply(a);
            if (store.update(next)) {
                Approval stored = store.find(id).orElse(next);
                if (stored.status() != ApprovalStatus.PENDING) { // a vote short of the quorum is in the store, not yet a decision
                    audit.append(ApprovalEvents.of("approval_decided", stored, who, next.votes().size() > a.votes().size()
                            ? next.votes().get(next.votes().size() - 1) : null));
                }
                if (stored.status() != ApprovalStatus.PENDING && stored.status() != ApprovalStatus.EMERGENCY) {
                    notifier.resolved(stored);
                }
                return stored;
            }
        }
        throw new ApprovalRefused("conflict", "approval " + id + " kept changing while deciding; try again");
    }

    private static void checkApprover(Approval a, Principal who, String verb) {
        if (who.id().equals(a.requestedBy())) {
            throw new ApprovalRefused("self_approval", who.id() + " requested " + a.id() + " and cannot " + verb
                    + " it; ask one of: " + approvers(a));
        }
        if (!a.terms().approver(who)) {
            throw new ApprovalRefused("not_an_approver", describe(who) + " is not an approver of " + a.id()
                    + "; the policy " + a.policyName() + " allows: " + approvers(a));
        }
    }

    /** Who may approve, for messages: the policy's entries, or "any identified user or service". */
    public static String approvers(Approval a) {
        return (a.approvers().isEmpty() ? "any identified user or service" : String.join(", ", a.approvers()))
                + " other than " + a.requestedBy();
    }

    private static String describe(Principal p) {
        return p.kind() + ":" + (p.id().isBlank() ? "anonymous" : p.id()) + (p.roles().isEmpty() ? "" : " with roles " + p.roles());
    }

    private static String newId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return "apr_" + HexFormat.of().formatHex(b);
    }
}
