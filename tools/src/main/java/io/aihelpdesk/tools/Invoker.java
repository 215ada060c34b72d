package io.aihelpdesk.tools;

import io.aihelpdesk.tools.postgres.ConnectionDiagnosis;
import io.aihelpdesk.tools.postgres.ConnectionPools;
import io.aihelpdesk.tools.postgres.DatabaseTarget;
import io.aihelpdesk.tools.postgres.DatabaseTargets;
import io.aihelpdesk.tools.postgres.SqlSession;
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

    private final Catalog catalog;
    private final DatabaseTargets databases;
    private final ConnectionPools pools;

    public Invoker(Catalog catalog, DatabaseTargets databases, ConnectionPools pools) {
        this.catalog = catalog;
        this.databases = databases;
        this.pools = pools;
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

    /** Runs a call, asking the gate after validation and target resolution and before the handler. */
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
        String targetName = target == null ? "" : target.display();
        List<String> commands = Collections.synchronizedList(new ArrayList<>());
        Optional<Outcome> stopped = gate.admit(new Gate.Admission(def, call, bound.value(), target,
                Collections.unmodifiableList(commands)));
        if (stopped.isPresent()) {
            return stopped.get();
        }
        try (SqlSession session = target == null ? null
                : new SqlSession(pools, target, def.name(), call.traceId(), call.caller().id(), def.effect() == Effect.READ, commands)) {
            Result<R> result = def.handler().handle(bound.value(), new ToolContext(call, target, session,
                    databases.inventory(), catalog, scope.nested(), scope.progress()));
            Map<String, Object> data = Json.toMap(result.data());
            return new Outcome.Succeeded(def.name(), call.traceId(), elapsed(start), data,
                    TextRenderer.render(result.summary(), data), targetName);
        } catch (ToolFailure e) {
            return new Outcome.Failed(def.name(), call.traceId(), elapsed(start), e.diagnosis(), targetName);
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

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
