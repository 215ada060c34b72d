package io.aihelpdesk.tools;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tool, declared once. Every door (MCP stdio and HTTP, the CLI, REST, A2A and chat) renders its
 * name, description and schemas from this declaration and runs it through the {@link Invoker}.
 * {@code annotations} are extra facts a door may publish with the tool (MCP {@code _meta}), e.g. which
 * of our agents a remote A2A agent replaces.
 */
public record ToolDefinition<P extends Record, R extends Record>(
        String name,
        String description,
        Effect effect,
        TargetKind target,
        Class<P> params,
        Class<R> result,
        ToolHandler<P, R> handler,
        java.util.function.Function<P, Effect> effectOf,
        java.util.Map<String, String> annotations) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{2,63}");

    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name '" + name + "' must be snake_case, 3-64 chars");
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(handler, "handler");
        annotations = annotations == null ? java.util.Map.of() : java.util.Map.copyOf(annotations);
    }

    /** A tool whose effect is the same for every call. */
    public ToolDefinition(String name, String description, Effect effect, TargetKind target, Class<P> params,
                          Class<R> result, ToolHandler<P, R> handler) {
        this(name, description, effect, target, params, result, handler, null, null);
    }

    /** A tool whose effect may depend on the call ({@code effectOf}, see {@link #effectFor}). */
    public ToolDefinition(String name, String description, Effect effect, TargetKind target, Class<P> params,
                          Class<R> result, ToolHandler<P, R> handler, java.util.function.Function<P, Effect> effectOf) {
        this(name, description, effect, target, params, result, handler, effectOf, null);
    }

    /**
     * The effect of one call: {@code effectOf} applied to its bound parameters when the tool declares
     * one (e.g. scaling to zero replicas is destructive, other scales are writes), else {@link #effect()}.
     * Policy and the audit's action class use this, so one tool can be governed by what a call does.
     */
    @SuppressWarnings("unchecked")
    public Effect effectFor(Record boundParams) {
        if (effectOf == null || boundParams == null || !params.isInstance(boundParams)) {
            return effect;
        }
        Effect e = effectOf.apply((P) boundParams);
        return e == null ? effect : e;
    }

    /** Shorthand for the common case: a read-only tool against one PostgreSQL target. */
    public static <P extends Record, R extends Record> ToolDefinition<P, R> databaseRead(
            String name, String description, Class<P> params, Class<R> result, ToolHandler<P, R> handler) {
        return new ToolDefinition<>(name, description, Effect.READ, TargetKind.DATABASE, params, result, handler);
    }
}
