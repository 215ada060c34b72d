package io.aihelpdesk.tools.incident;

import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.ToolContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundle's top findings: the triage engine ({@code diagnose}) run by name as a nested,
 * governed call over the same database and Kubernetes placement, within what is left of the
 * budget. Its full reply is {@code triage/diagnose.json}; the most important findings go into the
 * manifest and {@code summary.md}.
 */
final class TriageStep {
    static final String TOOL = "diagnose";
    /** Findings carried into the manifest and summary; the rest are in triage/diagnose.json. */
    static final int TOP = 5;
    /** The engine's own budget, within the bundle's. */
    static final int MAX_SECONDS = 10;

    private TriageStep() {
    }

    /** Why the engine did not run, or null when it may. */
    static String skipReason(ToolContext ctx, String connectionString) {
        if (ctx.catalog().find(TOOL).isEmpty()) {
            return "the triage engine (" + TOOL + ") is not in this server's catalog";
        }
        if (connectionString == null || connectionString.isBlank()) {
            return "no database to diagnose";
        }
        return null;
    }

    /** Runs the engine and returns its top findings (empty when it found nothing above info or did not answer). */
    static List<Manifest.TopFinding> run(ToolContext ctx, String connectionString, String k8sContext, String k8sNamespace,
                                         BundleContents out) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("connection_string", connectionString);
        if (k8sContext != null && !k8sContext.isBlank()) {
            args.put("k8s_context", k8sContext);
        }
        if (k8sNamespace != null && !k8sNamespace.isBlank()) {
            args.put("k8s_namespace", k8sNamespace);
        }
        args.put("budget_seconds", (int) Math.max(1, Math.min(MAX_SECONDS, out.remainingMs() / 1000 - 1)));
        String item = "triage/" + TOOL;
        Outcome o = NestedCalls.run(ctx, out, item, TOOL, args);
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof Outcome.Succeeded s)) {
            out.error(item, o.text());
            return List.of();
        }
        out.json(item + ".json", s.data());
        out.text(item + ".txt", s.text() + "\n");
        List<Manifest.TopFinding> top = new ArrayList<>();
        if (s.data().get("findings") instanceof List<?> findings) {
            for (Object f : findings) {
                if (f instanceof Map<?, ?> m && top.size() < TOP && !"info".equalsIgnoreCase(String.valueOf(m.get("severity")))) {
                    top.add(new Manifest.TopFinding(String.valueOf(m.get("severity")).toLowerCase(java.util.Locale.ROOT),
                            String.valueOf(m.get("category")), String.valueOf(m.get("title"))));
                }
            }
        }
        return top;
    }
}
