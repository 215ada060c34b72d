package io.aihelpdesk.server.lab;

import io.aihelpdesk.tools.faults.Fault;
import io.aihelpdesk.tools.faults.Injector;
import io.aihelpdesk.tools.faults.Step;
import io.aihelpdesk.tools.faults.UndoStack;

/**
 * The {@code process} injector: {@code stop} (fast shutdown), {@code kill} (SIGKILL, crash recovery
 * on the next start) or {@code restart} the lab's primary (or {@code target: replica}). Undo
 * starts it again with its settings.
 */
final class ProcessInjector implements Injector {
    private final Lab lab;

    ProcessInjector(Lab lab) {
        this.lab = lab;
    }

    @Override
    public String type() {
        return "process";
    }

    @Override
    public void inject(Fault fault, Step step, UndoStack undo) throws Exception {
        LabPostgres pg = "replica".equals(step.option("target", "primary")) ? lab.replica() : lab.primary();
        String action = step.option("action", "stop");
        undo.push("start " + pg.name() + " and wait for the replica to stream again", () -> {
            pg.start();
            lab.awaitStreaming();
        });
        switch (action) {
            case "stop" -> pg.stop();
            case "kill" -> pg.kill();
            case "restart" -> {
                pg.stop();
                pg.start();
            }
            default -> throw new IllegalArgumentException("fault " + fault.id() + ": unknown process action '" + action
                    + "' (known: stop, kill, restart)");
        }
    }
}
