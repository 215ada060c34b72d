package io.aihelpdesk.server.cli;

import io.aihelpdesk.server.Helpdesk;
import io.aihelpdesk.tools.Invocation;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.Outcome;
import io.aihelpdesk.tools.Progress;
import io.aihelpdesk.tools.config.ConfigException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code helpdesk bundle create|list|show}: incident bundles from the shell, through the same
 * governed pipeline as MCP (the calls are the tools create_incident_bundle, list_incidents and
 * get_incident, audited like any other). Exit status as {@code helpdesk tool}.
 */
@Command(name = "bundle", mixinStandardHelpOptions = true, description = "Create, list and read incident bundles.",
        subcommands = {BundleCommand.Create.class, BundleCommand.ListBundles.class, BundleCommand.Show.class})
final class BundleCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** Options every bundle subcommand shares. */
    static final class Common {
        @Mixin
        ServerOptions options;

        @Option(names = "--incident-dir", paramLabel = "DIR",
                description = "Directory of bundles and their index. Default: $HELPDESK_INCIDENT_DIR or ~/.local/state/aihelpdesk/incidents.")
        Path incidentDir;

        @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
        ToolCommand.Format format = ToolCommand.Format.TEXT;

        int run(String tool, Map<String, Object> args, Progress progress) throws ConfigException {
            try (Helpdesk helpdesk = options.open(incidentDir)) {
                Outcome outcome = helpdesk.pipeline().run(new Invocation(tool, args, options.localCaller("cli"), null, "cli"), progress);
                if (format == ToolCommand.Format.JSON) {
                    System.out.println(Json.writePretty(ToolCommand.json(outcome)));
                } else {
                    (outcome instanceof Outcome.Succeeded ? System.out : System.err).println(outcome.text());
                }
                return ToolCommand.exitCode(outcome);
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Collect a diagnostic bundle (create_incident_bundle).",
            footer = {"", "Example: helpdesk bundle create --infra-key demo -d 'checkout is slow' --target demo --layers database,os,storage"})
    static final class Create implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--infra-key", paramLabel = "KEY", description = "Inventory id or label of the affected system.")
        String infraKey;

        @Option(names = {"--description", "-d"}, paramLabel = "TEXT", description = "What happened.")
        String description;

        @Option(names = {"--target", "-t"}, paramLabel = "T", description = "connection_string: inventory id, libpq string or URI.")
        String target;

        @Option(names = "--k8s-context", paramLabel = "CTX", description = "Kubernetes context of the database's cluster.")
        String k8sContext;

        @Option(names = "--k8s-namespace", paramLabel = "NS", description = "Kubernetes namespace of the database.")
        String k8sNamespace;

        @Option(names = "--callback-url", paramLabel = "URL", description = "POST the result JSON here when done.")
        String callbackUrl;

        @Option(names = "--layers", paramLabel = "LIST", description = "Comma-separated: database, kubernetes, os, storage.")
        String layers;

        @Option(names = "--budget", paramLabel = "SECONDS", description = "Overall time budget (default 60).")
        Integer budget;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> args = new LinkedHashMap<>();
            put(args, "infra_key", infraKey);
            put(args, "description", description);
            put(args, "connection_string", target);
            put(args, "k8s_context", k8sContext);
            put(args, "k8s_namespace", k8sNamespace);
            put(args, "callback_url", callbackUrl);
            put(args, "layers", layers);
            put(args, "budget_seconds", budget);
            return common.run("create_incident_bundle", args,
                    (done, total, message) -> System.err.printf("[%.0f/%.0f] %s%n", done, total, message));
        }

        private static void put(Map<String, Object> args, String key, Object value) {
            if (value != null) {
                args.put(key, value);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List incident bundles, newest first (list_incidents).")
    static final class ListBundles implements Callable<Integer> {
        @Mixin
        Common common;

        @Override
        public Integer call() throws Exception {
            return common.run("list_incidents", Map.of(), Progress.NONE);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a bundle's summary and manifest, or one file (get_incident).",
            footer = {"", "Example: helpdesk bundle show 1a2b3c4d --file database/get_lock_info.txt"})
    static final class Show implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(index = "0", paramLabel = "ID", description = "Incident id.")
        String id;

        @Option(names = "--file", paramLabel = "PATH", description = "One file of the bundle, e.g. summary.md or os/top.txt.")
        String file;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("incident_id", id);
            if (file != null) {
                args.put("file", file);
            }
            return common.run("get_incident", args, Progress.NONE);
        }
    }
}
