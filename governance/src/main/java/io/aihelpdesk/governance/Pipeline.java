package io.aihelpdesk.governance;

import io.aihelpdesk.governance.audit.AuditEvent;
import io.aihelpdesk.governance.audit.AuditStore;
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
 * validates the arguments and resolves the target; at its gate the policy decides and the intent
 * is chained into the audit store <em>before</em> the handler runs (no durable audit, no
 * execution); the outcome is redacted and chained as its own event. Denials, invalid calls and
 * failures are audited like successes.
 */
public final class Pipeline {
    private final Invoker invoker;
    private final Supplier<PolicyEngine> policy;
    private final AuditStore audit;
    private final Redactor redactor;
    private final Clock clock;

    /**
     * @param policy the policy in force, asked on every call so reloads apply; null when no policy
     *               file is configured (nothing is enforced, everything is still audited)
     */
    public Pipeline(Invoker invoker, Supplier<PolicyEngine> policy, AuditStore audit, Redactor redactor, Clock clock) {
        this.invoker = invoker;
        this.policy = policy;
        this.audit = audit;
        this.redactor = redactor;
        this.clock = clock;
    }

    public Catalog catalog() {
        return invoker.catalog();
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
        AtomicReference<AuditEvent> intent = new AtomicReference<>();
        AtomicReference<List<String>> commands = new AtomicReference<>(List.of());
        Outcome outcome = redact(invoker.invoke(call, admission -> {
            commands.set(admission.commands());
            return admit(admission, intent);
        }, this::run, progress));
        AuditEvents events = new AuditEvents(call, redactor, actionClass(call.tool()));
        try {
            audit.append(intent.get() == null ? events.stopped(outcome)
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

    private Optional<Outcome> admit(Gate.Admission a, AtomicReference<AuditEvent> intent) {
        DatabaseTarget db = a.database();
        if (db != null) {
            redactor.remember(db.spec().password());
        }
        Invocation call = a.invocation();
        AuditEvents events = new AuditEvents(call, redactor, a.tool().effect().name().toLowerCase(Locale.ROOT));
        Decision decision = null;
        try {
            if (policy != null && a.tool().target() != TargetKind.NONE) {
                decision = policy.get().evaluate(new PolicyRequest(principal(call.caller()), resource(a),
                        Action.valueOf(a.tool().effect().name()), clock.instant()));
                audit.append(events.decision(decision));
                if (decision.verdict() != Verdict.ALLOW) {
                    return Optional.of(refusal(call, decision));
                }
            }
            AuditEvent execution = events.intent(decision);
            audit.append(execution);
            intent.set(execution);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(auditDown(call, e));
        }
    }

    private Outcome refusal(Invocation call, Decision d) {
        String message = d.reasons().isEmpty() ? d.verdict().label() : d.reasons().get(0).message();
        if (d.verdict() == Verdict.REQUIRE_APPROVAL) {
            message = message + " — this server cannot collect approvals yet, so the call is refused (fail closed)";
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
