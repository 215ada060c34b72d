package io.aihelpdesk.server.observe;

import io.aihelpdesk.governance.Pipeline;
import io.aihelpdesk.governance.PipelineObserver;
import io.aihelpdesk.governance.approval.ApprovalQuery;
import io.aihelpdesk.governance.approval.ApprovalStatus;
import io.aihelpdesk.governance.approval.Approvals;
import io.aihelpdesk.governance.audit.Appended;
import io.aihelpdesk.governance.policy.Verdict;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's Prometheus metrics: every governed tool call (by tool, effect and outcome, with a
 * latency histogram), policy decisions, guardrail refusals, audit appends and chain length, pending
 * approvals, and — read at each scrape — connection pool usage and circuit breaker states per target.
 * Label values come from the catalog and fixed vocabularies only: a tool name the catalog does not
 * have is counted as {@code unknown}, so callers cannot mint new series.
 */
final class ToolMetrics implements PipelineObserver {
    static final String UNKNOWN = "unknown";
    private static final Duration[] CALL_BUCKETS = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120);
    private static final Duration[] APPEND_BUCKETS = seconds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1);
    private static final List<String> CIRCUIT_STATES = List.of("closed", "open", "half_open");
    /** Registered at 0 from the start, so rate() and increase() see the first refusal (others appear when they happen). */
    private static final List<String> GUARDRAILS = List.of("protected_resource", "change_freeze", "dry_run_first", "rate_limit",
            "circuit_breaker", "bulkhead", "blast_radius");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer appends;
    private final Counter appendFailures;
    private final AtomicLong chainLength = new AtomicLong();
    private final MultiGauge pools;
    private final MultiGauge poolMax;
    private final MultiGauge circuits;
    private final Pipeline pipeline;
    private final ConnectionPools connectionPools;

    ToolMetrics(Pipeline pipeline, Approvals approvals, ConnectionPools connectionPools) {
        this.pipeline = pipeline;
        this.connectionPools = connectionPools;
        // the process itself: heap and non-heap pools, threads, CPU, uptime (nothing to close, unlike the GC binder)
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(registry);
        this.appends = Timer.builder("helpdesk.audit.append").description("Time to chain one audit event of a tool call durably")
                .serviceLevelObjectives(APPEND_BUCKETS).register(registry);
        this.appendFailures = Counter.builder("helpdesk.audit.append.failures")
                .description("Audit appends that failed (the call was refused or reported audit_unavailable)").register(registry);
        Gauge.builder("helpdesk.audit.chain.length", chainLength, AtomicLong::get)
                .description("Sequence number of the newest audit event this server appended").register(registry);
        if (approvals != null) {
            Gauge.builder("helpdesk.approvals.pending", approvals, ToolMetrics::pending)
                    .description("Approvals waiting for a decision (read from the approval store at each scrape; at most 1000)")
                    .register(registry);
        }
        GUARDRAILS.forEach(this::refusals);
        for (String effect : List.of("read", "write", "destructive")) {
            for (Verdict v : Verdict.values()) {
                decisions(effect, v);
            }
        }
        this.pools = MultiGauge.builder("helpdesk.db.pool.connections")
                .description("Connections of each database target's pool by state (active, idle, pending = callers waiting)").register(registry);
        this.poolMax = MultiGauge.builder("helpdesk.db.pool.max").description("Maximum size of each database target's pool").register(registry);
        this.circuits = MultiGauge.builder("helpdesk.circuit.state")
                .description("1 for the current state of each target's circuit breaker (guardrails.circuit_breaker), 0 for the others")
                .register(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public Call started(Invocation call) {
        return this::count;
    }

    private void count(Ended e) {
        String tool = e.effect() == null || e.outcome() == null ? UNKNOWN : e.outcome().tool();
        Timer.builder("helpdesk.tool.calls").description("Governed tool calls by tool, effect and outcome, with their latency")
                .tags("tool", tool, "effect", e.effect() == null ? UNKNOWN : e.effect(), "outcome", outcome(e.outcome()))
                .serviceLevelObjectives(CALL_BUCKETS).register(registry).record(e.nanos(), TimeUnit.NANOSECONDS);
        String guardrail = e.guardrail();
        if (guardrail != null) {
            refusals(guardrail.substring("guardrail_".length())).increment();
        }
    }

    /** succeeded, denied, pending_approval, invalid, failed; error when the pipeline threw. */
    static String outcome(Outcome o) {
        if (o == null) {
            return "error";
        }
        if (o instanceof Outcome.Succeeded) {
            return "succeeded";
        }
        if (o instanceof Outcome.Denied) {
            return "denied";
        }
        if (o instanceof Outcome.PendingApproval) {
            return "pending_approval";
        }
        return o instanceof Outcome.Invalid ? "invalid" : "failed";
    }

    @Override
    public void decided(String effect, Verdict verdict) {
        decisions(effect, verdict).increment();
    }

    private Counter decisions(String effect, Verdict verdict) {
        return Counter.builder("helpdesk.policy.decisions").description("Policy decisions by the call's effect and the verdict")
                .tags("effect", effect, "verdict", verdict.label()).register(registry);
    }

    private Counter refusals(String guardrail) {
        return Counter.builder("helpdesk.guardrail.refusals").description("Calls refused by a guardrail of the policy file")
                .tag("guardrail", guardrail).register(registry);
    }

    @Override
    public void audited(long nanos, Appended appended) {
        appends.record(nanos, TimeUnit.NANOSECONDS);
        if (appended == null) {
            appendFailures.increment();
        } else {
            chainLength.accumulateAndGet(appended.seq(), Math::max);
        }
    }

    /** Reads the per-target gauges (pools come and go, circuits appear on first use); called before each scrape. */
    void refresh() {
        List<MultiGauge.Row<?>> connections = new ArrayList<>();
        List<MultiGauge.Row<?>> max = new ArrayList<>();
        for (ConnectionPools.Usage u : connectionPools.usage()) {
            Tags t = Tags.of("target", u.target(), "mode", u.readOnly() ? "ro" : "rw");
            connections.add(MultiGauge.Row.of(t.and("state", "active"), u.active()));
            connections.add(MultiGauge.Row.of(t.and("state", "idle"), u.idle()));
            connections.add(MultiGauge.Row.of(t.and("state", "pending"), u.pending()));
            max.add(MultiGauge.Row.of(t, u.max()));
        }
        pools.register(connections, true);
        poolMax.register(max, true);
        List<MultiGauge.Row<?>> states = new ArrayList<>();
        for (Map.Entry<String, String> c : pipeline.circuits().entrySet()) {
            for (String state : CIRCUIT_STATES) {
                states.add(MultiGauge.Row.of(Tags.of("target", c.getKey(), "state", state), state.equals(c.getValue()) ? 1 : 0));
            }
        }
        circuits.register(states, true);
    }

    private static double pending(Approvals approvals) {
        try {
            return approvals.list(new ApprovalQuery(ApprovalStatus.PENDING, null, null, null, 1000)).size();
        } catch (RuntimeException e) {
            return Double.NaN; // the store is down: no number rather than a wrong one
        }
    }

    private static Duration[] seconds(double... values) {
        Duration[] d = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = Duration.ofNanos((long) (values[i] * 1e9));
        }
        return d;
    }
}
