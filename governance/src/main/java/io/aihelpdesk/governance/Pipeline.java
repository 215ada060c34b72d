package io.aihelpdesk.governance;

import io.aihelpdesk.governance.approval.Approval;
import io.aihelpdesk.governance.approval.ApprovalRequest;
import io.aihelpdesk.governance.approval.ApprovalStatus;
import io.aihelpdesk.governance.approval.ApprovalStoreException;
import io.aihelpdesk.governance.approval.Approvals;
import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditStore;
import io.aihelpdesk.governance.guardrail.Guardrails;
import io.aihelpdesk.governance.policy.Action;
import io.aihelpdesk.governance.policy.Decision;
import io.aihelpdesk.governance.policy.PolicyEngine;
import io.aihelpdesk.governance.policy.PolicyRequest;
import io.aihelpdesk.governance.policy.Principal;
import io.aihelpdesk.governance.policy.Resource;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.governance.redact.Redactor;
import io.aihelpdesk.tools.Caller;
import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Diagnosis;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.Gate;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Invoker;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.Progress;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.kubernetes.KubernetesTarget;
import io.aihelpdesk.tools.postgres.DatabaseTarget;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The one way a tool runs, from any door. The door identifies the caller; the {@link Invoker}
 * validates the arguments and resolves the target; at its gate the policy decides, the guardrails
 * of the policy file apply their hard limits (a refusal wins over allow and over approval), and the
 * intent is chained into the audit store <em>before</em> the handler runs (no durable audit, no
 * execution); the outcome is redacted and chained as its own event. Denials, invalid calls and
 * failures are audited like successes.
 */
public final class Pipeline {
    private final Invoker invoker;
    private final Supplier<PolicyEngine> policy;
    private final AuditStore audit;
    private final Redactor redactor;
    private final Clock clock;
    private final Guardrails guardrails;
    private final OperatingMode mode;
    private final Approvals approvals;
    private final Catalog offered;
    private final Observers observers = new Observers();

    /** A read-only pipeline without approvals: calls that need one are refused. */
    public Pipeline(Invoker invoker, Supplier<PolicyEngine> policy, AuditStore audit, Redactor redactor, Clock clock) {
        this(invoker, policy, audit, redactor, clock, OperatingMode.READONLY, null);
    }

    /**
     * @param policy    the policy in force, asked on every call so reloads apply; null when no policy
     *                  file is configured (nothing is enforced, everything is still audited)
     * @param mode      readonly hides and refuses tools that change a database or cluster; fix governs them
     * @param approvals where {@code require_approval} decisions get their approvals; null refuses such calls
     */
    public Pipeline(Invoker invoker, Supplier<PolicyEngine> policy, AuditStore audit, Redactor redactor, Clock clock,
                    OperatingMode mode, Approvals approvals) {
        this.invoker = invoker;
        this.policy = policy;
        this.audit = audit;
        this.redactor = redactor;
        this.clock = clock;
        this.guardrails = new Guardrails(audit, redactor, clock);
        this.mode = mode;
        this.approvals = approvals;
        this.offered = mode == OperatingMode.FIX ? invoker.catalog() : new Catalog(invoker.catalog().all().stream()
                .filter(d -> mode.offers(d, d.effect())).<ToolDefinition<?, ?>>map(d -> d).toList());
    }

    /** The tools this server offers in its mode: what every door lists. */
    public Catalog catalog() {
        return offered;
    }

    public OperatingMode mode() {
        return mode;
    }

    /** The approval workflow, or null when this pipeline cannot collect approvals. */
    public Approvals approvals() {
        return approvals;
    }

    public Outcome run(Invocation call) {
        return run(call, Progress.NONE);
    }

    /**
     * Runs a call whose door can show progress. Tools the handler calls by name
     * ({@code ToolContext.call}) come back through {@link #run(Invocation)}: each is validated,
     * policy-checked and audited as its own event, with the caller and trace id of this call.
     */
    public Outcome run(Invocation call, Progress progress) {
        PipelineObserver.Call observed = observers.started(call);
        long start = System.nanoTime();
        CallGate gate = new CallGate();
        Outcome outcome = null;
        try {
            outcome = governed(call, progress, gate);
            return outcome;
        } finally { // outcome null: the call threw
            if (observed != PipelineObserver.Call.NONE) {
                observed.ended(new PipelineObserver.Ended(outcome, gate.actionClass.get() != null ? gate.actionClass.get()
                        : actionClass(call.tool()), System.nanoTime() - start));
            }
        }
    }

    /**
     * Attaches an observer (metrics, traces) until the returned handle is closed; see
     * {@link PipelineObserver} for what it is told.
     */
    public AutoCloseable observe(PipelineObserver observer) {
        return observers.add(observer);
    }

    /** The circuit breaker state of each target the guardrails have seen: closed, open or half_open. */
    public java.util.Map<String, String> circuits() {
        return guardrails.circuits();
    }

    private Outcome governed(Invocation call, Progress progress, CallGate gate) {
        AtomicReference<AuditEvent> intent = gate.intent;
        AtomicReference<List<String>> commands = gate.commands;
        Outcome ran = null;
        try {
            ran = invoker.invoke(call, gate, this::run, progress);
        } finally {
            gate.held.get().release(ran, intent.get() != null);
        }
        Outcome outcome = redact(Guardrails.asDenial(ran, gate.engine.get()));
        AuditEvents events = new AuditEvents(call, redactor, gate.actionClass.get() != null ? gate.actionClass.get() : actionClass(call.tool()));
        try {
            append(intent.get() == null ? events.stopped(outcome)
                    : events.outcome(intent.get(), outcome, redactor.text(String.join(";\n", commands.get()))));
        } catch (RuntimeException e) {
            if (intent.get() == null) {
                return auditDown(call, e); // fail closed: nothing ran, and nothing may run unaudited
            }
            return new Outcome.Failed(call.tool(), call.traceId(), outcome.durationMs(), new Diagnosis("audit_unavailable",
                    "the call ran but its outcome could not be chained into the audit store: " + e.getMessage(),
                    "check the audit store; the intent is recorded as " + intent.get().eventId(), ""), "");
        }
        return outcome;
    }

    /**
     * The gate of one call: remembers its commands, its intent event, the policy engine that decided
     * and what the guardrails let it hold, and answers the tool's blast-radius question.
     */
    private final class CallGate implements Gate {
        final AtomicReference<AuditEvent> intent = new AtomicReference<>();
        final AtomicReference<List<String>> commands = new AtomicReference<>(List.of());
        final AtomicReference<PolicyEngine> engine = new AtomicReference<>();
        final AtomicReference<Guardrails.Ticket> held = new AtomicReference<>(Guardrails.Ticket.NONE);
        /** This call's effect (per call: scaling to zero is destructive), once the arguments are bound. */
        final AtomicReference<String> actionClass = new AtomicReference<>();

        @Override
        public Optional<Outcome> admit(Admission admission) {
            commands.set(admission.commands());
            actionClass.set(admission.effect().name().toLowerCase(Locale.ROOT));
            return Pipeline.this.admit(admission, intent, this);
        }

        @Override
        public Optional<String> limitBlastRadius(Admission admission, String unit, long count) {
            return guardrails.limitBlastRadius(engine.get(), unit, count);
        }
    }

    private Optional<Outcome> admit(Gate.Admission a, AtomicReference<AuditEvent> intent, CallGate gate) {
        DatabaseTarget db = a.database();
        if (db != null) {
            redactor.remember(db.spec().password());
        }
        Invocation call = a.invocation();
        Effect effect = a.effect();
        if (!mode.offers(a.tool(), effect)) {
            return Optional.of(new Outcome.Denied(call.tool(), call.traceId(), 0, "the server runs in readonly mode; "
                    + call.tool() + " is " + effect.name().toLowerCase(Locale.ROOT) + " — start it with --mode fix (or HELPDESK_MODE=fix) "
                    + "to offer changes, under policy and approvals", List.of("mode: readonly"), ""));
        }
        AuditEvents events = new AuditEvents(call, redactor, effect.name().toLowerCase(Locale.ROOT));
        Decision decision = null;
        Approval granted = null;
        try {
            if (policy != null && a.tool().target() != TargetKind.NONE) {
                PolicyEngine engine = policy.get();
                gate.engine.set(engine);
                decision = engine.evaluate(new PolicyRequest(principal(call.caller()), resource(a),
                        Action.valueOf(effect.name()), clock.instant()));
                observers.decided(effect.name().toLowerCase(Locale.ROOT), decision.verdict());
                append(events.decision(decision));
                Optional<Outcome> limited = decision.verdict() == Verdict.DENY ? Optional.empty()
                        : guardrails.check(a, resource(a), engine); // hard limits win over allow and approval
                if (limited.isPresent()) {
                    return limited;
                }
                if (decision.verdict() == Verdict.REQUIRE_APPROVAL && approvals != null) {
                    Approval ap = approvals.forCall(approvalRequest(a, effect, decision, engine));
                    if (ap.status() == ApprovalStatus.DENIED) {
                        return Optional.of(new Outcome.Denied(call.tool(), call.traceId(), 0, "approval " + ap.id() + " was denied by "
                                + ap.resolvedBy() + (ap.resolutionReason() == null ? "" : ": " + ap.resolutionReason())
                                + "; a new trace is needed to ask again", List.of("approval " + ap.id() + ": denied"), decision.policyVersion()));
                    }
                    if (!ap.grantsAt(clock.instant())) {
                        return Optional.of(pending(call, ap));
                    }
                    granted = ap;
                } else if (decision.verdict() != Verdict.ALLOW) {
                    return Optional.of(refusal(call, decision));
                }
                Guardrails.Entry entry = guardrails.enter(a, engine);
                if (entry.refusal().isPresent()) {
                    return entry.refusal();
                }
                gate.held.set(entry.ticket());
            }
            if (granted == null && effect != Effect.READ && approvals != null) {
                approvals.autoApproved(call.traceId(), call.tool(), effect.name().toLowerCase(Locale.ROOT), principal(call.caller()),
                        decision == null ? "no policy (none configured)" : decision.reasons().isEmpty() ? "policy"
                                : decision.reasons().get(0).policy());
            }
            AuditEvent execution = events.intent(decision);
            if (granted != null) {
                java.util.Map<String, Object> d = new java.util.LinkedHashMap<>(execution.decision());
                d.put("approval_id", granted.id());
                d.put("approval_status", granted.status().label());
                execution = execution.withDecision(d);
            }
            append(execution);
            intent.set(execution);
            return Optional.empty();
        } catch (ApprovalStoreException e) {
            return Optional.of(new Outcome.Failed(call.tool(), call.traceId(), 0, new Diagnosis("approval_unavailable",
                    "the call needs an approval and none could be obtained, so it was not run: " + redactor.text(String.valueOf(e.getMessage())),
                    "check the approval store (next to the audit database, or the audit PostgreSQL); calls that need approval are "
                            + "refused until it works (fail closed)", ""), ""));
        } catch (RuntimeException e) {
            return Optional.of(auditDown(call, e));
        }
    }

    /** Chains one event of a call, telling the observers how long it took. */
    private void append(AuditEvent event) {
        long start = System.nanoTime();
        io.aihelpdesk.governance.audit.Appended appended = null;
        try {
            appended = audit.append(event);
        } finally {
            observers.audited(System.nanoTime() - start, appended);
        }
    }

    private ApprovalRequest approvalRequest(Gate.Admission a, Effect effect, Decision d, PolicyEngine engine) {
        Invocation call = a.invocation();
        Resource r = resource(a);
        String message = d.reasons().isEmpty() ? "approval required" : d.reasons().get(0).message();
        return new ApprovalRequest(call.traceId(), call.tool(), effect.name().toLowerCase(Locale.ROOT),
                r.type() + ":" + r.name(), CallHash.of(redactor.map(call.arguments())), principal(call.caller()),
                d.reasons().isEmpty() ? "default" : d.reasons().get(0).policy(), message, engine.approvalTerms(d), null);
    }

    /** The call waits for approval: who can give it, how, and how to re-run the call once given. */
    private static Outcome pending(Invocation call, Approval ap) {
        String how = "approve with `helpdesk approvals approve " + ap.id() + "` or POST /v1/approvals/" + ap.id()
                + "/approve, as " + Approvals.approvers(ap) + " (" + ap.approvals() + " of " + ap.quorum()
                + " approvals so far; expires " + ap.expiresAt() + "); then re-run the same call with the same arguments and trace id "
                + call.traceId() + " (MCP: _meta.trace_id, HTTP: X-Trace-ID header, CLI: helpdesk tool --trace)";
        return new Outcome.PendingApproval(call.tool(), call.traceId(), 0, ap.id(), ap.message() + " — " + how);
    }

    private Outcome refusal(Invocation call, Decision d) {
        String message = d.reasons().isEmpty() ? d.verdict().label() : d.reasons().get(0).message();
        if (d.verdict() == Verdict.REQUIRE_APPROVAL) {
            message = message + " — this server cannot collect approvals (no approval store is configured), so the call is refused (fail closed)";
        }
        return new Outcome.Denied(call.tool(), call.traceId(), 0, message,
                d.reasons().stream().map(r -> r.policy() + (r.ruleIndex() >= 0 ? "[" + r.ruleIndex() + "]" : "") + ": " + r.message()).toList(),
                d.policyVersion());
    }

    private Outcome auditDown(Invocation call, RuntimeException e) {
        return new Outcome.Failed(call.tool(), call.traceId(), 0, new Diagnosis("audit_unavailable",
                "the call was not run because the audit store could not record it: " + redactor.text(String.valueOf(e.getMessage())),
                "check the audit database (HELPDESK_AUDIT_DB) is writable and not corrupted; every call must be audited", ""), "");
    }

    private Outcome redact(Outcome o) {
        if (o instanceof Outcome.Succeeded s) {
            return new Outcome.Succeeded(s.tool(), s.traceId(), s.durationMs(), redactor.map(s.data()), redactor.text(s.text()),
                    redactor.text(s.target()));
        }
        if (o instanceof Outcome.Failed f) {
            Diagnosis d = f.diagnosis();
            return new Outcome.Failed(f.tool(), f.traceId(), f.durationMs(), new Diagnosis(d.code(), redactor.text(d.message()),
                    redactor.text(d.hint()), d.sqlState()), redactor.text(f.target()));
        }
        return o;
    }

    private String actionClass(String tool) {
        return invoker.catalog().find(tool).map(d -> d.effect().name().toLowerCase(Locale.ROOT)).orElse(null);
    }

    static Principal principal(Caller c) {
        return new Principal(c.id(), c.kind(), c.roles());
    }

    /**
     * What policies match on. A Kubernetes call is named by its namespace, as in the original
     * ({@code "all"} for calls across namespaces, "" for cluster-scoped ones such as get_nodes), and
     * carries the namespace too so {@code match: {namespace: …}} rules apply.
     */
    private static Resource resource(Gate.Admission a) {
        if (a.tool().target() == TargetKind.HOST) {
            return Resource.host(HostName.VALUE);
        }
        if (a.tool().target() == TargetKind.AGENT) {
            return Resource.agent(a.tool().name().replaceFirst("^a2a_", ""));
        }
        if (a.kubernetes() != null) {
            KubernetesTarget k = a.kubernetes();
            return Resource.kubernetes(k.policyName(), k.namespace(), k.tags().toArray(String[]::new));
        }
        DatabaseTarget db = a.database();
        return Resource.database(db.name(), db.tags().toArray(String[]::new));
    }

    /** This machine's name, looked up once (lazily: the lookup may wait on DNS). */
    private static final class HostName {
        static final String VALUE = lookup();

        private static String lookup() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "localhost";
            }
        }
    }
}
