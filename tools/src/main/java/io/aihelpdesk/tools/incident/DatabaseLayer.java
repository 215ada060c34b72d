package io.aihelpdesk.tools.incident;

import io.aihelpdesk.tools.Catalog;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolContext;
import io.aihelpdesk.tools.ToolDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code database} layer: every READ database tool of the catalog that needs nothing but its
 * target, each run by name through {@link ToolContext#call} (so policy decides and the audit chain
 * records each one), written as {@code database/<tool>.json} and {@code .txt}; then a short
 * activity sample, several snapshots of sessions and wait events a second apart, so a transient
 * pile-up shows. When {@code check_connection} fails the database is unreachable and the other
 * tools are not tried (each is recorded as skipped, with the reason).
 */
final class DatabaseLayer {
    static final String FIRST = "check_connection";
    static final int SAMPLES = 3;
    static final long SAMPLE_INTERVAL_MS = 1000;

    private DatabaseLayer() {
    }

    /** The READ database tools that need no argument but {@code connection_string}, check_connection first. */
    static List<String> tools(Catalog catalog) {
        List<String> out = new ArrayList<>();
        for (ToolDefinition<?, ?> d : catalog.all()) {
            Object required = catalog.inputSchema(d.name()).get("required");
            boolean needsMore = required instanceof List<?> r && r.stream().anyMatch(p -> !"connection_string".equals(p));
            if (d.effect() == Effect.READ && d.target() == TargetKind.DATABASE && !needsMore) {
                out.add(d.name());
            }
        }
        if (out.remove(FIRST)) {
            out.add(0, FIRST);
        }
        return out;
    }

    /** Collects into {@code out}; returns the server version when check_connection succeeded, else null. */
    static String collect(ToolContext ctx, String connectionString, BundleContents out) {
        List<String> tools = tools(ctx.catalog());
        String version = null;
        String unreachable = null;
        for (String tool : tools) {
            String item = "database/" + tool;
            if (unreachable != null && !out.expired()) {
                out.error(item, "skipped: " + unreachable);
                continue;
            }
            Outcome o = NestedCalls.run(ctx, out, item, tool, Map.of("connection_string", connectionString));
            if (o == null) {
                continue;
            }
            if (o instanceof Outcome.Succeeded s) {
                out.json(item + ".json", s.data());
                out.text(item + ".txt", s.text() + "\n");
                if (tool.equals(FIRST) && s.data().get("version") instanceof String v) {
                    version = v;
                }
            } else {
                out.error(item, o.text());
                if (tool.equals(FIRST) && o instanceof Outcome.Failed) {
                    unreachable = "the database is unreachable (" + FIRST + " failed)";
                }
            }
        }
        if (unreachable == null) {
            sample(ctx, connectionString, out);
        } else {
            out.error("database/activity_sample", "skipped: " + unreachable);
        }
        return version;
    }

    /** Snapshots of non-idle sessions and wait events, {@value #SAMPLE_INTERVAL_MS} ms apart. */
    private static void sample(ToolContext ctx, String connectionString, BundleContents out) {
        String item = "database/activity_sample";
        List<Map<String, Object>> snapshots = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < SAMPLES; i++) {
            if (out.expired() || (i > 0 && !pause(out))) {
                out.cut(item + " (snapshots " + (i + 1) + "-" + SAMPLES + ")");
                break;
            }
            Map<String, Object> snap = new LinkedHashMap<>();
            snap.put("at", Instant.now().toString());
            text.append("## snapshot ").append(i + 1).append(" at ").append(snap.get("at")).append("\n\n");
            for (String tool : List.of("get_active_connections", "get_wait_events")) {
                Outcome o = NestedCalls.run(ctx, out, item + " (snapshot " + (i + 1) + ", " + tool + ")", tool,
                        Map.of("connection_string", connectionString));
                if (o != null) {
                    snap.put(tool, o instanceof Outcome.Succeeded s ? s.data() : Map.of("error", o.text()));
                    text.append(o.text()).append("\n\n");
                }
            }
            snapshots.add(snap);
        }
        if (!snapshots.isEmpty()) {
            out.json(item + ".json", Map.of("interval_ms", SAMPLE_INTERVAL_MS, "snapshots", snapshots));
            out.text(item + ".txt", text.toString());
        }
    }

    /** Waits one interval unless that would overrun the budget; false when it would. */
    private static boolean pause(BundleContents out) {
        if (out.remainingMs() <= SAMPLE_INTERVAL_MS) {
            return false;
        }
        try {
            Thread.sleep(SAMPLE_INTERVAL_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
