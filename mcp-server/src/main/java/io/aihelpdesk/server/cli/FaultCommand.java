package io.aihelpdesk.server.cli;

import io.aihelpdesk.server.lab.ChatAgent;
import io.aihelpdesk.server.lab.FaultLab;
import io.aihelpdesk.server.lab.FaultRunner;
import io.aihelpdesk.server.lab.Lab;
import io.aihelpdesk.server.lab.LabClient;
import io.aihelpdesk.tools.Json;
import io.aihelpdesk.tools.faults.Fault;
import io.aihelpdesk.tools.faults.FaultCatalog;
import io.aihelpdesk.tools.faults.FaultReport;
import io.aihelpdesk.tools.faults.HtmlReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code helpdesk fault list|inject|teardown|run}: the fault catalog against the lab. {@code run}
 * uses a running lab ({@code helpdesk lab up}) or starts one for the run and stops it after.
 * Exit status of {@code run}: 0 when every fault passes strictly, 1 otherwise.
 */
@Command(name = "fault", mixinStandardHelpOptions = true, description = "List, inject, tear down or run the catalog's faults in the lab.",
        footer = {"", "Examples: helpdesk fault list", "          helpdesk fault run --categories database --report out.json --html out.html",
            "          helpdesk fault inject --id db-max-connections   (needs `helpdesk lab up`)"})
final class FaultCommand implements Callable<Integer> {
    enum Action { LIST, INJECT, TEARDOWN, RUN }

    enum AgentKind { DIAGNOSE, CHAT }

    @Parameters(index = "0", paramLabel = "ACTION", description = "list, inject, teardown or run")
    Action action;

    @Option(names = "--id", paramLabel = "ID", description = "The fault (inject, teardown).")
    String id;

    @Option(names = "--ids", paramLabel = "ID,…", split = ",", description = "Run only these faults.")
    List<String> ids = List.of();

    @Option(names = "--categories", paramLabel = "C,…", split = ",", description = "Run only these categories (database, kubernetes, compound).")
    List<String> categories = List.of();

    @Option(names = "--agent", paramLabel = "AGENT", description = "diagnose (default: the deterministic triage engine) or chat (the orchestrator chat gets each fault's prompt; "
            + "with HELPDESK_MODEL_VENDOR set a model answers, else the offline keyword router).")
    AgentKind agent = AgentKind.DIAGNOSE;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the JSON report here.")
    Path report;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML report here.")
    Path html;

    @Option(names = "--dir", paramLabel = "DIR", description = "Lab directory. Default: ~/.local/state/aihelpdesk/lab")
    Path dir;

    private static final tools.jackson.core.type.TypeReference<Map<String, Object>> MAP = new tools.jackson.core.type.TypeReference<>() {
    };

    @Override
    public Integer call() throws Exception {
        FaultCatalog catalog = FaultCatalog.builtin();
        Path d = dir == null ? LabCommand.defaultDir() : dir;
        return switch (action) {
            case LIST -> list(catalog);
            case INJECT, TEARDOWN -> control(catalog, d);
            case RUN -> run(catalog, d);
        };
    }

    /**
     * Runs in a lab started for this run. Ctrl-C during the run tears down the fault in progress and
     * stops the lab (the shutdown hook), so nothing is left behind.
     */
    private static FaultReport runInOwnLab(List<Fault> selected, String agentName) throws Exception {
        Path tmp = Files.createTempDirectory("aihelpdesk-lab-");
        Lab lab = Lab.start(tmp);
        FaultLab faults = new FaultLab(lab);
        Thread hook = new Thread(() -> {
            for (String id : faults.injected()) {
                FaultCatalog.builtin().find(id).ifPresent(faults::teardown);
            }
            ServeCommand.closeQuietly(lab);
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return new FaultRunner(faults, ChatAgent.named(agentName, lab, io.aihelpdesk.server.config.Environment.current())).run(selected, System.err::println);
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
            hook.run();
        }
    }

    private String agentName() {
        return agent.name().toLowerCase(java.util.Locale.ROOT);
    }

    private int list(FaultCatalog catalog) {
        System.out.printf("%-30s %-11s %-9s %-24s %s%n", "ID", "CATEGORY", "SEVERITY", "EXPECTED DIAGNOSIS", "NAME");
        for (Fault f : catalog.faults()) {
            System.out.printf("%-30s %-11s %-9s %-24s %s%n", f.id(), f.category(), f.severity(), f.evaluation().category(), f.name());
        }
        return 0;
    }

    private int control(FaultCatalog catalog, Path d) throws Exception {
        if (id == null || catalog.find(id).isEmpty()) {
            System.err.println(id == null ? "--id is required" : "unknown fault id '" + id + "'; `helpdesk fault list` shows the catalog");
            return 2;
        }
        Optional<LabClient> lab = LabClient.find(d);
        if (lab.isEmpty()) {
            System.err.println("no lab is running from " + d + ": start one with `helpdesk lab up` (the lab process holds the fault's sessions)");
            return 1;
        }
        System.err.print(lab.get().send(action == Action.INJECT ? "/inject" : "/teardown", Map.of("id", id)));
        return 0;
    }

    private int run(FaultCatalog catalog, Path d) throws Exception {
        List<Fault> selected = catalog.select(ids, categories);
        Optional<LabClient> running = LabClient.find(d);
        Map<String, Object> json;
        String text;
        if (running.isPresent()) {
            String body = running.get().run(Map.of("ids", String.join(",", ids), "categories", String.join(",", categories),
                    "agent", agentName()), System.err::println);
            json = Json.mapper().readValue(body, MAP);
            text = null;
        } else {
            System.err.println("No lab running from " + d + "; starting one for this run (helpdesk lab up keeps one running)…");
            FaultReport r = runInOwnLab(selected, agentName());
            json = r.toJson();
            text = html == null ? null : HtmlReport.render(r);
        }
        if (report != null) {
            Files.writeString(report, Json.writePretty(json));
        }
        if (html != null) {
            Files.writeString(html, text != null ? text : HtmlReport.render(FaultReport.fromJson(json, catalog)));
        }
        Map<?, ?> summary = (Map<?, ?>) json.get("summary");
        System.out.println("faults: " + summary.get("total") + ", passed: " + summary.get("passed") + ", strict: " + summary.get("strict_passed")
                + ", pass rate " + summary.get("pass_rate") + (report == null ? "" : "; report " + report) + (html == null ? "" : "; html " + html));
        return ((Number) summary.get("strict_passed")).longValue() == ((Number) summary.get("total")).longValue() ? 0 : 1;
    }
}
