package io.aihelpdesk.tools.faults;

/**
 * Produces one kind of fault state on a target ({@code sql}, {@code connections}, {@code process},
 * {@code config}, {@code replication}, {@code kubernetes}). Every change it makes is registered on
 * {@code undo} as soon as it is made, so a failure half-way through still tears down cleanly.
 */
public interface Injector {
    /** The catalog {@code type} this injector handles. */
    String type();

    void inject(Fault fault, Step step, UndoStack undo) throws Exception;
}
