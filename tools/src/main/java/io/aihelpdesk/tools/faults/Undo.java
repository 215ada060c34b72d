package io.aihelpdesk.tools.faults;

/** Restores what one injection step changed. Runs once; must work after a partial or failed injection. */
@FunctionalInterface
public interface Undo {
    void run() throws Exception;
}
