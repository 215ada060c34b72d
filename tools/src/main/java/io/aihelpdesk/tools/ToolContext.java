package io.aihelpdesk.tools;

import io.aihelpdesk.tools.inventory.Inventory;
import io.aihelpdesk.tools.kubernetes.KubernetesTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.aihelpdesk.tools.postgres.DatabaseTarget;
import io.aihelpdesk.tools.postgres.SqlRunner;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a handler may use for one call: the capabilities bound to the resolved target and the
 * limits of this call. It deliberately offers nothing that reaches another target directly; a tool
 * that needs other tools (incident bundles, triage) runs them by name with {@link #call}, which goes
 * through the same governance as a door's call.
 */
public final class ToolContext {
    /** Row cap for list results unless a tool documents its own. */
    public static final int DEFAULT_ROW_LIMIT = 100;
    /** Door prefix of nested calls: {@code nested:<calling tool>[/<its nested tool>…]}. */
    public static final String NESTED_DOOR = "nested:";
    /** How deep tools may call tools; deeper chains are refused as invalid. */
    static final int MAX_NESTING = 3;

    private final Invocation invocation;
    private final DatabaseTarget database;
    private final SqlRunner sql;
    private final Inventory inventory;
    private final KubernetesTarget cluster;
    private final KubernetesClient kubernetes;
    private final Catalog catalog;
    private final NestedRunner nested;
    private final Progress progress;
    private final java.util.function.BiFunction<String, Long, java.util.Optional<String>> blastRadius;

    ToolContext(Invocation invocation, DatabaseTarget database, SqlRunner sql, KubernetesTarget cluster,
                KubernetesClient kubernetes, Inventory inventory, Catalog catalog, NestedRunner nested, Progress progress,
                java.util.function.BiFunction<String, Long, java.util.Optional<String>> blastRadius) {
        this.invocation = invocation;
        this.database = database;
        this.sql = sql;
        this.cluster = cluster;
        this.kubernetes = kubernetes;
        this.inventory = inventory;
        this.catalog = catalog;
        this.nested = nested;
        this.progress = progress;
        this.blastRadius = blastRadius;
    }

    public Invocation invocation() {
        return invocation;
    }

    /** The SQL capability of a {@link TargetKind#DATABASE} tool. */
    public SqlRunner sql() {
        if (sql == null) {
            throw new IllegalStateException(invocation.tool() + " is not a database tool");
        }
        return sql;
    }

    public DatabaseTarget database() {
        if (database == null) {
            throw new IllegalStateException(invocation.tool() + " is not a database tool");
        }
        return database;
    }

    /**
     * The fabric8 client of a {@link TargetKind#KUBERNETES} tool, bound to the resolved context. Use
     * {@link #cluster()} for the namespace: the client's own default namespace is not the target.
     */
    public KubernetesClient kubernetes() {
        if (kubernetes == null) {
            throw new IllegalStateException(invocation.tool() + " is not a Kubernetes tool");
        }
        return kubernetes;
    }

    /** Where a Kubernetes tool acts: context, namespace (null = all), inventory database and pod selector. */
    public KubernetesTarget cluster() {
        if (cluster == null) {
            throw new IllegalStateException(invocation.tool() + " is not a Kubernetes tool");
        }
        return cluster;
    }

    /** The inventory, without secrets beyond what the inventory file itself holds. */
    public Inventory inventory() {
        return inventory;
    }

    /** The tools this server offers (to find which ones a nested collection may run). */
    public Catalog catalog() {
        return catalog;
    }

    /** Where to report progress of a long call; {@link Progress#NONE} unless the door shows it. */
    public Progress progress() {
        return progress;
    }

    /**
     * Checks a change against the guardrails' blast-radius limit before making it: a tool that is
     * about to affect {@code count} {@code unit}s (sessions, pods, rows) calls this with the size of
     * its preview. Throws {@link ToolFailure} with code {@code guardrail_blast_radius} and the
     * governance message (limit and numbers) when one call may not affect that many.
     */
    public void limitBlastRadius(String unit, long count) throws ToolFailure {
        java.util.Optional<String> refusal = blastRadius.apply(unit, count);
        if (refusal.isPresent()) {
            throw new ToolFailure(new Diagnosis("guardrail_blast_radius", refusal.get(),
                    "narrow the call (fewer " + unit + " per call) or ask an administrator to raise the limit in the policy file's guardrails", ""));
        }
    }

    /**
     * Runs another tool by name, as the same caller under the same trace id, through the same
     * governance as this call: policy decides it and it is audited as its own event, with door
     * {@code nested:<this tool>}. Returns its outcome (never throws for a failed, denied or
     * unknown tool). A tool that is already in the chain of callers, or a chain deeper than
     * {@value #MAX_NESTING}, is refused as {@link Outcome.Invalid} without running.
     */
    public Outcome call(String tool, Map<String, Object> arguments) {
        List<String> chain = chain();
        if (chain.contains(tool) || chain.size() >= MAX_NESTING) {
            return new Outcome.Invalid(tool, invocation.traceId(), 0, List.of(new Violation("",
                    "nested call refused: " + String.join(" → ", chain) + " → " + tool
                            + (chain.contains(tool) ? " is a cycle" : " is deeper than " + MAX_NESTING + " levels"))));
        }
        String door = NESTED_DOOR + String.join("/", chain);
        return nested.run(new Invocation(tool, arguments, invocation.caller(), invocation.traceId(), door));
    }

    /** The tools from the outermost caller to this one. */
    private List<String> chain() {
        String door = invocation.door();
        if (!door.startsWith(NESTED_DOOR)) {
            return List.of(invocation.tool());
        }
        List<String> parents = new java.util.ArrayList<>(Arrays.asList(door.substring(NESTED_DOOR.length()).split("/")));
        parents.add(invocation.tool());
        return parents;
    }
}
