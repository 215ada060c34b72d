package io.aihelpdesk.server.lab;

import io.aihelpdesk.tools.faults.Fault;
import io.aihelpdesk.tools.faults.Injector;
import io.aihelpdesk.tools.faults.Step;
import io.aihelpdesk.tools.faults.UndoStack;

/**
 * The {@code config} injector: rewrites the lab target's connection string in the inventory — a
 * wrong {@code password}, a {@code dbname} that does not exist, or {@code endpoint: blackhole} (an
 * address that accepts TCP and never answers). Undo writes the previous connection string back.
 */
final class ConfigInjector implements Injector {
    private final Lab lab;

    ConfigInjector(Lab lab) {
        this.lab = lab;
    }

    @Override
    public String type() {
        return "config";
    }

    @Override
    public void inject(Fault fault, Step step, UndoStack undo) throws Exception {
        LabTarget before = lab.currentTarget();
        LabTarget t = before;
        if (step.options().containsKey("password")) {
            t = t.withPassword(step.option("password", ""));
        }
        if (step.options().containsKey("dbname")) {
            t = t.withDbname(step.option("dbname", ""));
        }
        if ("blackhole".equals(step.option("endpoint", ""))) {
            t = t.withEndpoint("127.0.0.1", lab.blackhole().port());
        }
        undo.push("restore the connection string of " + Lab.TARGET, () -> lab.retarget(before));
        lab.retarget(t);
    }
}
