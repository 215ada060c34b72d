package io.aihelpdesk.tools.triage;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import io.aihelpdesk.tools.inventory.DbServer;
import io.aihelpdesk.tools.inventory.K8sCluster;
import io.aihelpdesk.tools.postgres.TargetOnly;
import java.time.Duration;
import java.util.List;

/** {@code diagnose}: the triage engine as a tool. */
public final class Diagnose {
    private Diagnose() {
    }

    public enum Focus { ALL, DATABASE, KUBERNETES }

    public record Params(
            @Param(TargetOnly.CONNECTION_STRING) String connectionString,
            @Param("Kubernetes context; empty: the inventory cluster of the database, else the current context") String k8sContext,
            @Param("Kubernetes namespace (or inventory database id); empty: the database's k8s_namespace from the inventory. "
                    + "Kubernetes checks run only when a namespace is known") String k8sNamespace,
            @Param(value = "Which checks to run", defaultValue = "all") Focus focus,
            @Param(value = "Time budget in seconds; checks still running then are reported as timeout", defaultValue = "5",
                    min = 1, max = 60) int budgetSeconds) {
    }

    public record Reply(
            @Describe("The database (and namespace) examined") String target,
            @Describe("True when no finding is above info") boolean healthy,
            @Describe("Most important first: by severity, then confidence") List<Finding> findings,
            @Describe("Every evidence-gathering call and how it went") List<CheckRun> checks,
            long durationMs) {
    }

    public static ToolDefinition<Params, Reply> definition() {
        return new ToolDefinition<>("diagnose",
                "Triage a database (and, when it runs in Kubernetes, its pods, services, claims, workloads and nodes) in "
                        + "one call: runs the read-only tools in parallel within a time budget (default 5 s) and returns "
                        + "findings ordered by severity — each with a category, the evidence and the threshold it crossed, "
                        + "an explanation, next steps (tool, arguments, effect) and a playbook. Compound causes (database "
                        + "down because its pod crashes or its service has no endpoints) are one finding. Start here.",
                Effect.READ, TargetKind.DATABASE, Params.class, Reply.class, Diagnose::run);
    }

    static Result<Reply> run(Params p, ToolContext ctx) {
        long start = System.nanoTime();
        Scope scope = scope(p, ctx);
        Triage.Result r = Triage.run(scope, (tool, args) -> ctx.call(tool, args), Duration.ofSeconds(p.budgetSeconds()));
        List<Finding> findings = r.findings().stream().map(f -> f.withNextSteps(f.nextSteps().stream()
                .map(n -> n.availableIf(ctx.catalog().find(n.tool()).isPresent())).toList())).toList();
        String target = ctx.database().display() + (scope.kubernetes() ? " + " + (scope.k8sContext() == null || scope.k8sContext().isEmpty()
                ? "" : scope.k8sContext() + "/") + scope.k8sNamespace() : "");
        Reply reply = new Reply(target, findings.stream().noneMatch(f -> f.severity().alarming()), findings, r.checks(),
                (System.nanoTime() - start) / 1_000_000);
        return Result.of(reply, DiagnosisText.summary(reply));
    }

    /** What to examine: the database as named, and its Kubernetes placement from the arguments or the inventory. */
    static Scope scope(Params p, ToolContext ctx) {
        String context = blankToNull(p.k8sContext());
        String namespace = blankToNull(p.k8sNamespace());
        DbServer db = ctx.database().id().isEmpty() ? null : ctx.inventory().database(ctx.database().id()).orElse(null);
        if (namespace == null && db != null && (db.k8sCluster() != null || db.k8sNamespace() != null)) {
            namespace = db.k8sNamespace() == null ? "default" : db.k8sNamespace();
            if (context == null && db.k8sCluster() != null) {
                K8sCluster c = ctx.inventory().k8sClusters().get(db.k8sCluster());
                context = c == null ? null : c.context();
            }
        }
        Focus focus = p.focus() == null ? Focus.ALL : p.focus();
        return new Scope(p.connectionString(), context, namespace, focus != Focus.KUBERNETES,
                focus != Focus.DATABASE && namespace != null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
