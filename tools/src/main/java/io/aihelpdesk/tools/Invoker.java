package io.aihelpdesk.tools;

import io.aihelpdesk.tools.kubernetes.KubernetesClients;
import io.aihelpdesk.tools.kubernetes.KubernetesDiagnosis;
import io.aihelpdesk.tools.kubernetes.KubernetesSettings;
import io.aihelpdesk.tools.kubernetes.KubernetesTarget;
import io.aihelpdesk.tools.kubernetes.KubernetesTargets;
import io.aihelpdesk.tools.postgres.ConnectionDiagnosis;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTarget;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.SqlSession;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.lang.reflect.RecordComponent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one seam through which every door runs a tool: find the definition, bind and validate the
 * arguments, resolve the target, run the handler in a session bound to that target, and return an
 * {@link Outcome}. Doors translate outcomes and nothing else; governance wraps this seam.
 */
public final class Invoker {
    private static final Logger LOG = LoggerFactory.getLogger(Invoker.class);
    private static final String CONNECTION_STRING = "connection_string";

    private static final String CONTEXT = "context";
    private static final String NAMESPACE = "namespace";

    private final Catalog catalog;
    private final DatabaseTargets databases;
    private final ConnectionPools pools;
    private final KubernetesTargets clusters;

    /** An invoker whose Kubernetes tools use the default kubeconfig lookup. */
    public Invoker(Catalog catalog, DatabaseTargets databases, ConnectionPools pools) {
        this(catalog, databases, pools, new KubernetesTargets(databases.inventory(), new KubernetesClients(KubernetesSettings.defaults())));
    }

    public Invoker(Catalog catalog, DatabaseTargets databases, ConnectionPools pools, KubernetesTargets clusters) {
        this.catalog = catalog;
        this.databases = databases;
        this.pools = pools;
        this.clusters = clusters;
    }

    public Catalog catalog() {
        return catalog;
    }

    /**
     * Runs a call with no gate; tools it calls by name run the same way. Doors never use this:
     * they go through the governance pipeline.
     */
    public Outcome invoke(Invocation call) {
        return invoke(call, Gate.OPEN, this::invoke, Progress.NONE);
    }

    /**
     * Runs a call, asking the gate after validation and target resolution and before the handler;
     * tools the handler calls by name are asked of the same gate.
     */
    public Outcome invoke(Invocation call, Gate gate) {
        return invoke(call, gate, nested -> invoke(nested, gate), Progress.NONE);
    }

    /**
     * Runs a call as {@link #invoke(Invocation, Gate)} does, with the runner for the tools the
     * handler calls by name ({@link ToolContext#call}) and where it reports progress. Governance
     * passes its own pipeline as {@code nested} so nested calls are governed and audited.
     */
    public Outcome invoke(Invocation call, Gate gate, NestedRunner nested, Progress progress) {
        long start = System.nanoTime();
        ToolDefinition<?, ?> definition = catalog.find(call.tool()).orElse(null);
        if (definition == null) {
            List<String> similar = catalog.similar(call.tool());
            return new Outcome.Invalid(call.tool(), call.traceId(), elapsed(start), List.of(new Violation("",
                    "unknown tool '" + call.tool() + "'" + (similar.isEmpty() ? "" : "; did you mean " + similar + "?"))));
        }
        return run(definition, call, gate, new Scope(nested, progress), start);
    }

    /** What a handler gets besides its target: the runner of nested calls and the progress sink. */
    private record Scope(NestedRunner nested, Progress progress) {
    }

    private <P extends Record, R extends Record> Outcome run(ToolDefinition<P, R> def, Invocation call, Gate gate,
                                                             Scope scope, long start) {
        Arguments.Bound<P> bound = Arguments.bind(def.params(), call.arguments());
        if (!bound.violations().isEmpty()) {
            return new Outcome.Invalid(def.name(), call.traceId(), elapsed(start), bound.violations());
        }
        DatabaseTarget target = null;
        if (def.target() == TargetKind.DATABASE) {
            try {
                target = databases.resolve((String) call.arguments().get(CONNECTION_STRING));
            } catch (IllegalArgumentException e) {
                return new Outcome.Invalid(def.name(), call.traceId(), elapsed(start),
                        List.of(new Violation(CONNECTION_STRING, e.getMessage())));
            } catch (ToolFailure e) {
                return new Outcome.Failed(def.name(), call.traceId(), elapsed(start), e.diagnosis(), "");
            }
        }
        KubernetesTarget cluster = null;
        KubernetesClient kubernetes = null;
        if (def.target() == TargetKind.KUBERNETES) {
            try {
                cluster = clusters.resolve(component(bound.value(), CONTEXT), component(bound.value(), NAMESPACE),
                        !hasComponent(def.params(), NAMESPACE));
                kubernetes = clusters.clients().client(cluster.context());
            } catch (IllegalArgumentException e) {
                return new Outcome.Invalid(def.name(), call.traceId(), elapsed(start),
                        List.of(new Violation(e.getMessage().contains("context") ? CONTEXT : NAMESPACE, e.getMessage())));
            } catch (ToolFailure e) {
                return new Outcome.Failed(def.name(), call.traceId(), elapsed(start), e.diagnosis(), "");
            }
        }
        String targetName = target != null ? target.display() : cluster != null ? cluster.display() : "";
        List<String> commands = Collections.synchronizedList(new ArrayList<>());
        Gate.Admission admission = new Gate.Admission(def, call, bound.value(), target, cluster,
                Collections.unmodifiableList(commands));
        Optional<Outcome> stopped = gate.admit(admission);
        if (stopped.isPresent()) {
            return stopped.get();
        }
        try (SqlSession session = target == null ? null
                : new SqlSession(pools, target, def.name(), call.traceId(), call.caller().id(), def.effect() == Effect.READ, commands)) {
            Result<R> result = def.handler().handle(bound.value(), new ToolContext(call, target, session, cluster,
                    kubernetes, databases.inventory(), catalog, scope.nested(), scope.progress(),
                    (unit, count) -> gate.limitBlastRadius(admission, unit, count)));
            Map<String, Object> data = Json.toMap(result.data());
            return new Outcome.Succeeded(def.name(), call.traceId(), elapsed(start), data,
                    TextRenderer.render(result.summary(), data), targetName);
        } catch (ToolFailure e) {
            return new Outcome.Failed(def.name(), call.traceId(), elapsed(start), e.diagnosis(), targetName);
        } catch (KubernetesClientException e) {
            if (cluster == null) {
                return internalError(def, call, start, e, targetName);
            }
            return new Outcome.Failed(def.name(), call.traceId(), elapsed(start),
                    KubernetesDiagnosis.of(e, cluster, clusters.clients().settings().requestTimeout().toMillis()), targetName);
        } catch (SQLException e) {
            if (target == null) {
                return internalError(def, call, start, e, targetName);
            }
            return new Outcome.Failed(def.name(), call.traceId(), elapsed(start),
                    ConnectionDiagnosis.of(e, target, pools.connectTimeoutMs(target.spec())), targetName);
        } catch (Exception e) {
            return internalError(def, call, start, e, targetName);
        }
    }

    private static Outcome internalError(ToolDefinition<?, ?> def, Invocation call, long start, Exception e, String targetName) {
        LOG.error("{} failed unexpectedly (trace {})", def.name(), call.traceId(), e);
        return new Outcome.Failed(def.name(), call.traceId(), elapsed(start), new Diagnosis("internal_error",
                def.name() + " failed unexpectedly: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                "this is a bug in aiHelpDesk; the server log has the stack trace for trace " + call.traceId(), ""), targetName);
    }

    /** The string value of a params record's component (null when it has none), e.g. {@code namespace}. */
    private static String component(Record params, String name) {
        for (RecordComponent c : params.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                try {
                    Object v = c.getAccessor().invoke(params);
                    return v == null ? null : v.toString();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + name + " of " + params.getClass().getName(), e);
                }
            }
        }
        return null;
    }

    private static boolean hasComponent(Class<? extends Record> params, String name) {
        for (RecordComponent c : params.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
