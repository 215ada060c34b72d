package io.aihelpdesk.server.lab;

import io.aihelpdesk.tools.faults.Fault;
import io.aihelpdesk.tools.faults.Injector;
import io.aihelpdesk.tools.faults.Step;
import io.aihelpdesk.tools.faults.UndoStack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Injects catalog faults into a {@link Lab} and tears them down. Each injected fault keeps its own
 * undo stack; teardown runs it (sessions ended, server started, connection string restored, replay
 * resumed, slot dropped, cluster objects restored) and then the teardown step's own script — also
 * after an injection that failed half-way.
 */
public final class FaultLab {
    private final Lab lab;
    private final Map<String, Injector> injectors = new LinkedHashMap<>();
    private final Map<String, UndoStack> active = new java.util.concurrent.ConcurrentHashMap<>();

    public FaultLab(Lab lab) {
        this.lab = lab;
        for (Injector i : List.of(new SqlInjector(lab), new ConnectionsInjector(lab), new ProcessInjector(lab),
                new ConfigInjector(lab), new ReplicationInjector(lab), new KubernetesInjector(lab.cluster()))) {
            injectors.put(i.type(), i);
        }
    }

    public Lab lab() {
        return lab;
    }

    /**
     * Injects {@code fault}; on failure everything it had done is undone before the error is thrown.
     * No lock is held while injecting, so a teardown (Ctrl-C) can always run.
     */
    public void inject(Fault fault) throws Exception {
        UndoStack undo = new UndoStack();
        if (active.putIfAbsent(fault.id(), undo) != null) {
            throw new IllegalStateException("fault " + fault.id() + " is already injected; tear it down first");
        }
        try {
            apply(fault, fault.inject(), undo);
        } catch (Exception | Error e) {
            List<String> failures = teardown(fault);
            if (!failures.isEmpty()) {
                e.addSuppressed(new IllegalStateException("teardown after the failed injection: " + String.join("; ", failures)));
            }
            throw e;
        }
    }

    private void apply(Fault fault, Step step, UndoStack undo) throws Exception {
        if ("compound".equals(step.type())) {
            for (Step s : step.steps()) {
                apply(fault, s, undo);
            }
            return;
        }
        Injector i = injectors.get(step.type());
        if (i == null) {
            throw new IllegalArgumentException("fault " + fault.id() + ": no injector for type '" + step.type() + "'");
        }
        i.inject(fault, step, undo);
    }

    /** Restores the state before {@code fault}; returns what could not be restored (empty: all restored). */
    public List<String> teardown(Fault fault) {
        UndoStack undo = active.remove(fault.id());
        List<String> failures = new ArrayList<>(undo == null ? List.of() : undo.unwind());
        try {
            if ("sql".equals(fault.teardown().type())) {
                SqlInjector.teardown(lab, fault.teardown());
            }
        } catch (Exception e) {
            failures.add("teardown script: " + e.getMessage());
        }
        return failures;
    }

    public List<String> injected() {
        return List.copyOf(active.keySet());
    }
}
