package io.aihelpdesk.server.cli;

import io.aihelpdesk.server.lab.FaultLab;
import io.aihelpdesk.server.lab.Lab;
import io.aihelpdesk.server.lab.LabClient;
import io.aihelpdesk.server.lab.LabControl;
import io.aihelpdesk.tools.faults.FaultCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code helpdesk lab up|down|status}: the fault-injection lab — an embedded PostgreSQL primary with
 * a streaming replica and a simulated Kubernetes cluster, registered in an inventory file. {@code up}
 * runs in the foreground (Ctrl-C or {@code lab down} from another shell stops it).
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Start (up), stop (down) or show (status) the fault-injection lab.",
        footer = {"", "Example: helpdesk lab up &   then   helpdesk fault run --html report.html   then   helpdesk lab down"})
final class LabCommand implements Callable<Integer> {
    enum Action { UP, DOWN, STATUS }

    @Parameters(index = "0", paramLabel = "ACTION", description = "up, down or status")
    Action action;

    @Option(names = "--dir", paramLabel = "DIR", description = "Lab directory (data, inventory, kubeconfig). Default: ~/.local/state/aihelpdesk/lab")
    Path dir;

    static Path defaultDir() {
        return Path.of(System.getProperty("user.home", "."), ".local", "state", "aihelpdesk", "lab");
    }

    @Override
    public Integer call() throws Exception {
        Path d = dir == null ? defaultDir() : dir;
        Optional<LabClient> running = LabClient.find(d);
        switch (action) {
            case DOWN -> {
                if (running.isEmpty()) {
                    System.err.println("no lab is running from " + d);
                    return 1;
                }
                System.err.print(running.get().send("/down", Map.of()));
                return 0;
            }
            case STATUS -> {
                if (running.isEmpty()) {
                    System.out.println("no lab is running from " + d);
                    return 1;
                }
                System.out.println("lab running from " + d + "; inventory " + d.resolve("inventory.yaml") + "; "
                        + running.get().send("/status", Map.of()).trim());
                return 0;
            }
            default -> {
                if (running.isPresent()) {
                    System.err.println("a lab is already running from " + d + " (helpdesk lab down stops it)");
                    return 1;
                }
                return up(d);
            }
        }
    }

    private int up(Path d) throws Exception {
        if (Files.exists(d)) {
            // Leftovers of a lab that was killed: end its servers (they name the directory), then remove it.
            io.aihelpdesk.server.demo.DemoDatabase.stopInterrupted(d);
        }
        System.err.println("Starting the lab: embedded PostgreSQL primary + streaming replica, simulated Kubernetes cluster…");
        Lab lab = Lab.start(d);
        FaultLab faults = new FaultLab(lab);
        LabControl control = new LabControl(faults, FaultCatalog.builtin());
        Thread hook = new Thread(() -> {
            for (String id : faults.injected()) {
                FaultCatalog.builtin().find(id).ifPresent(faults::teardown);
            }
            ServeCommand.closeQuietly(control);
            ServeCommand.closeQuietly(lab);
        });
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("""
                Lab is up (%s).
                  inventory:   %s   (database ids: %s, %s)
                  kubeconfig:  %s   (context %s, namespace %s — a SIMULATED cluster)
                Try:
                  helpdesk fault list
                  helpdesk fault run --html report.html
                  helpdesk fault inject --id db-lock-contention   /   helpdesk fault teardown --id db-lock-contention
                  helpdesk diagnose --inventory %s --kubeconfig %s --target lab
                Stop with Ctrl-C or `helpdesk lab down`.""".formatted(d, lab.inventoryFile(), Lab.TARGET, Lab.REPLICA,
                lab.kubeconfig(), lab.k8sContext(), lab.namespace(), lab.inventoryFile(), lab.kubeconfig()));
        System.out.flush();
        control.awaitDown();
        Runtime.getRuntime().removeShutdownHook(hook);
        hook.run();
        return 0;
    }
}
