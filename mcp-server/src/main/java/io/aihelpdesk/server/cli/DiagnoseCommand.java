package io.aihelpdesk.server.cli;

import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code helpdesk diagnose}: the triage engine from the shell, through the same governed pipeline as
 * MCP (the call is the {@code diagnose} tool; its steps are audited as nested calls).
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Triage a database (and its Kubernetes placement): findings by severity with evidence and next steps.",
        footer = {"", "Exit status: 0 healthy, 5 findings above info, 1 failed, 2 invalid, 3 denied (as `helpdesk tool`).",
            "Example: helpdesk diagnose --target prod-orders", "         helpdesk diagnose --target demo --format json"})
final class DiagnoseCommand implements Callable<Integer> {
    static final int UNHEALTHY = 5;

    @Mixin
    ServerOptions options;

    @Option(names = {"--target", "-t"}, paramLabel = "T", required = true,
            description = "The database: inventory id (preferred), libpq string or URI.")
    String target;

    @Option(names = "--k8s-context", paramLabel = "C", description = "Kubernetes context (default: the inventory's cluster of the database).")
    String context;

    @Option(names = "--k8s-namespace", paramLabel = "N", description = "Kubernetes namespace (default: the database's k8s_namespace).")
    String namespace;

    @Option(names = "--focus", paramLabel = "F", description = "all (default), database or kubernetes.")
    String focus;

    @Option(names = "--budget", paramLabel = "SECONDS", description = "Time budget (default 5).")
    Integer budget;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    ToolCommand.Format format = ToolCommand.Format.TEXT;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("connection_string", target);
        put(args, "k8s_context", context);
        put(args, "k8s_namespace", namespace);
        put(args, "focus", focus);
        put(args, "budget_seconds", budget);
        try (Helpdesk helpdesk = options.open()) {
            Outcome outcome = helpdesk.pipeline().run(new Invocation("diagnose", args, options.localCaller("cli"), null, "cli"));
            if (format == ToolCommand.Format.JSON) {
                System.out.println(Json.writePretty(ToolCommand.json(outcome)));
            } else {
                (outcome instanceof Outcome.Succeeded ? System.out : System.err).println(outcome.text());
            }
            if (outcome instanceof Outcome.Succeeded s && !Boolean.TRUE.equals(s.data().get("healthy"))) {
                return UNHEALTHY;
            }
            return ToolCommand.exitCode(outcome);
        }
    }

    private static void put(Map<String, Object> args, String key, Object value) {
        if (value != null) {
            args.put(key, value);
        }
    }
}
