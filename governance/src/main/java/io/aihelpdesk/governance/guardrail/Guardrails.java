package io.aihelpdesk.governance.guardrail;

import io.aihelpdesk.governance.audit.AuditStore;
import io.aihelpdesk.governance.policy.Action;
import io.aihelpdesk.governance.policy.GuardrailSettings;
import io.aihelpdesk.governance.policy.PolicyEngine;
import io.aihelpdesk.governance.policy.Resource;
import io.aihelpdesk.governance.redact.Redactor;
import io.aihelpdesk.tools.Gate;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.kubernetes.KubernetesTarget;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The hard limits of the policy file's {@code guardrails} section, enforced by the pipeline after
 * the policy decision: a guardrail refusal wins over an allow verdict and over any approval.
 * {@link #check} holds the limits that depend only on the call (protected resources, change
 * freezes, dry-run-first) and runs before an approval is asked for; {@link #enter} takes the call's
 * share of the shared limits (rate limits, the target's circuit breaker and bulkhead) right before
 * the handler runs, and its {@link Ticket} gives them back with the outcome. Every refusal is an
 * {@link Outcome.Denied} whose reason is {@code guardrail_<name>}; the pipeline audits it like any denial.
 */
public final class Guardrails {
    private final RateLimits rates;
    private final TargetCircuits circuits;
    private final TargetBulkheads bulkheads = new TargetBulkheads();
    private final DryRunFirst dryRuns;
    private final Clock clock;

    /** @param clock the pipeline's clock: freezes, rate windows, circuit waits and dry-run windows use it */
    public Guardrails(AuditStore audit, Redactor redactor, Clock clock) {
        this.clock = clock;
        this.rates = new RateLimits(clock);
        this.circuits = new TargetCircuits(clock);
        this.dryRuns = new DryRunFirst(audit, redactor, clock);
    }

    /** What a call admitted by {@link #enter} holds until it has finished. */
    public interface Ticket {
        Ticket NONE = (outcome, ran) -> { };

        /**
         * Gives back the call's place in its target's bulkhead and tells the circuit breaker how it
         * went. {@code ran} is false when the call stopped before its handler (nothing reached the target).
         */
        void release(Outcome outcome, boolean ran);
    }

    /** Either a refusal or the ticket of an admitted call. */
    public record Entry(Optional<Outcome> refusal, Ticket ticket) {
    }

    /** Protected resources, change freezes and dry-run-first: refuses or lets the call go on to approval/execution. */
    public Optional<Outcome> check(Gate.Admission a, Resource resource, PolicyEngine engine) {
        GuardrailSettings s = engine.guardrails();
        Action action = action(a);
        for (GuardrailSettings.Protection p : s.protectedResources()) {
            if (p.covers(resource) && !p.allows(action)) {
                return refuse(a, engine, new Refusal("protected_resource", resource.type() + " " + display(resource)
                        + " is protected (" + p.where() + "): it allows only " + labels(p.allowed()) + ", not " + action.label(),
                        "act on another resource, or ask an administrator to change guardrails.protected_resources"));
            }
        }
        for (GuardrailSettings.Freeze f : s.freezes()) {
            if (f.activeAt(clock.instant()) && !f.allows(action)) {
                return refuse(a, engine, new Refusal("change_freeze", "change freeze '" + f.name() + "' is in force at "
                        + clock.instant() + " (" + f.window() + ") and allows only " + labels(f.allowed())
                        + (f.message() == null ? "" : ": " + f.message()), "wait until the freeze ends; no approval lifts it"));
            }
        }
        if (s.dryRunFirstMinutes() != null && action == Action.DESTRUCTIVE) {
            Optional<Refusal> r = dryRuns.check(a, s.dryRunFirstMinutes());
            if (r.isPresent()) {
                return refuse(a, engine, r.get());
            }
        }
        return Optional.empty();
    }

    /** Rate limits, then the target's circuit breaker, then its bulkhead. */
    public Entry enter(Gate.Admission a, PolicyEngine engine) {
        GuardrailSettings s = engine.guardrails();
        Optional<Refusal> limited = rates.acquire(s, a.invocation().caller().id(), action(a));
        if (limited.isPresent()) {
            return new Entry(refuse(a, engine, limited.get()), Ticket.NONE);
        }
        String target = target(a);
        if (target == null) {
            return new Entry(Optional.empty(), Ticket.NONE);
        }
        TargetCircuits.Circuit circuit = null;
        if (s.circuitBreaker() != null) {
            TargetCircuits.Result r = circuits.enter(s.circuitBreaker(), target);
            if (r.refusal().isPresent()) {
                return new Entry(refuse(a, engine, r.refusal().get()), Ticket.NONE);
            }
            circuit = r.circuit();
        }
        TargetBulkheads.Place place = null;
        if (s.maxConcurrentCalls() != null) {
            TargetBulkheads.Result r = bulkheads.enter(s.maxConcurrentCalls(), target, a.invocation().traceId());
            if (r.refusal().isPresent()) {
                if (circuit != null) {
                    circuit.finished(null, false);
                }
                return new Entry(refuse(a, engine, r.refusal().get()), Ticket.NONE);
            }
            place = r.place();
        }
        TargetCircuits.Circuit c = circuit;
        TargetBulkheads.Place p = place;
        return new Entry(Optional.empty(), (outcome, ran) -> {
            if (p != null) {
                p.release();
            }
            if (c != null) {
                c.finished(outcome, ran);
            }
        });
    }

    /** The circuit breaker state of each target seen so far ({@code database shop} → closed, open or half_open). */
    public java.util.Map<String, String> circuits() {
        return circuits.states();
    }

    /** The blast-radius limit of one call: empty to proceed, else the refusal naming the limit and the numbers. */
    public Optional<String> limitBlastRadius(PolicyEngine engine, String unit, long count) {
        Long max = engine == null ? null : engine.guardrails().blastRadius().get(unit);
        if (max == null || count <= max) {
            return Optional.empty();
        }
        // ToolContext adds what to do (fewer per call, or raise the limit) to this message.
        return Optional.of("blast_radius guardrail: this call would affect " + count + " " + unit + "; at most " + max
                + " " + unit + " per call are allowed (guardrails.blast_radius)");
    }

    /**
     * A call its handler stopped with {@code guardrail_*} (the blast-radius check inside the tool) as
     * the denial it is, like every other guardrail refusal; any other outcome unchanged.
     */
    public static Outcome asDenial(Outcome o, PolicyEngine engine) {
        if (o instanceof Outcome.Failed f && f.diagnosis().code().startsWith(Refusal.PREFIX)) {
            return new Outcome.Denied(f.tool(), f.traceId(), f.durationMs(), f.diagnosis().message() + " — " + f.diagnosis().hint(),
                    List.of(f.diagnosis().code()), engine == null ? "" : engine.version());
        }
        return o;
    }

    private Optional<Outcome> refuse(Gate.Admission a, PolicyEngine engine, Refusal r) {
        return Optional.of(r.outcome(a.invocation(), 0, engine.version()));
    }

    /** The action class of this call: its per-call effect (scaling to zero is destructive). */
    private static Action action(Gate.Admission a) {
        return Action.valueOf(a.effect().name());
    }

    /** What circuits and bulkheads are per: the database, or the Kubernetes cluster (context); null for the host. */
    private static String target(Gate.Admission a) {
        if (a.database() != null) {
            return "database " + a.database().display();
        }
        KubernetesTarget k = a.kubernetes();
        if (k != null) {
            return "cluster " + (k.context().isEmpty() ? "in-cluster" : k.context());
        }
        return null;
    }

    private static String display(Resource r) {
        return r.name().isEmpty() ? "(cluster-scoped)" : r.name();
    }

    private static String labels(java.util.Set<Action> actions) {
        return actions.stream().sorted().map(Action::label).toList().toString();
    }
}
