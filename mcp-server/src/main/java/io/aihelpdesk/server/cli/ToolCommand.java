package io.aihelpdesk.server.cli;

import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code helpdesk tool NAME}: call one tool from the shell through the same invocation seam as MCP.
 * Exit status: 0 succeeded, 1 the tool failed, 2 invalid arguments, 3 denied, 4 waiting for approval.
 */
@Command(name = "tool", mixinStandardHelpOptions = true, description = "Call one tool, as an MCP client would.",
        footer = {"", "Example: helpdesk tool get_lock_info --target demo", "         helpdesk tool get_table_stats --target demo --arg table_name=orders --format json",
                  "         helpdesk tool get_playbook --target demo --arg id=pb_table_bloat"})
final class ToolCommand implements Callable<Integer> {
    enum Format { TEXT, JSON }

    @Mixin
    ServerOptions options;

    @Parameters(index = "0", paramLabel = "NAME", description = "Tool name (see `helpdesk tools`).")
    String name;

    @Option(names = {"--target", "-t"}, paramLabel = "T", description = "The target: connection_string for database tools "
            + "(inventory id, libpq string or URI), namespace for Kubernetes tools (namespace or inventory database id), "
            + "target for get_playbook.")
    String target;

    @Option(names = {"--arg", "-a"}, paramLabel = "KEY=VALUE", description = "A tool argument; repeat for more.")
    List<String> args = List.of();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    Format format = Format.TEXT;

    @Option(names = "--trace", paramLabel = "TRACE_ID",
            description = "Trace id of the call; re-run a call that waited for approval with the trace id it was given.")
    String trace;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                System.err.println("--arg expects KEY=VALUE, got '" + a + "'");
                return 2;
            }
            arguments.put(a.substring(0, eq), a.substring(eq + 1));
        }
        try (Helpdesk helpdesk = options.open()) {
            if (target != null) {
                arguments.put(targetParameter(helpdesk, name), target);
            }
            Outcome outcome = helpdesk.pipeline().run(new Invocation(name, arguments, options.localCaller("cli"), trace, "cli"));
            if (format == Format.JSON) {
                System.out.println(Json.writePretty(json(outcome)));
            } else {
                (outcome instanceof Outcome.Succeeded ? System.out : System.err).println(outcome.text());
            }
            return exitCode(outcome);
        }
    }

    /** Which argument {@code --target} fills: namespace, a tool's own {@code target}, else connection_string. */
    static String targetParameter(Helpdesk helpdesk, String tool) {
        if (helpdesk.catalog().find(tool).map(d -> d.target() == TargetKind.KUBERNETES).orElse(false)) {
            return "namespace";
        }
        Object properties = helpdesk.catalog().find(tool).map(d -> helpdesk.catalog().inputSchema(tool).get("properties")).orElse(null);
        return properties instanceof Map<?, ?> m && m.containsKey("target") ? "target" : "connection_string";
    }

    /** 0 succeeded, 1 failed, 2 invalid arguments, 3 denied by policy, 4 waiting for approval. */
    static int exitCode(Outcome outcome) {
        if (outcome instanceof Outcome.Succeeded) {
            return 0;
        }
        if (outcome instanceof Outcome.Invalid) {
            return 2;
        }
        if (outcome instanceof Outcome.Denied) {
            return 3;
        }
        return outcome instanceof Outcome.PendingApproval ? 4 : 1;
    }

    static Map<String, Object> json(Outcome outcome) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tool", outcome.tool());
        out.put("trace_id", outcome.traceId());
        out.put("duration_ms", outcome.durationMs());
        if (outcome instanceof Outcome.Succeeded s) {
            out.put("status", "succeeded");
            out.put("target", s.target());
            out.put("result", s.data());
        } else if (outcome instanceof Outcome.Invalid i) {
            out.put("status", "invalid");
            out.put("violations", i.violations());
        } else if (outcome instanceof Outcome.Failed f) {
            out.put("status", "failed");
            out.put("diagnosis", f.diagnosis());
        } else if (outcome instanceof Outcome.Denied d) {
            out.put("status", "denied");
            out.put("reasons", d.reasons());
            out.put("policy_version", d.policyVersion());
        } else if (outcome instanceof Outcome.PendingApproval a) {
            out.put("status", "pending_approval");
            out.put("approval_id", a.approvalId());
        }
        out.put("text", outcome.text());
        return out;
    }
}
