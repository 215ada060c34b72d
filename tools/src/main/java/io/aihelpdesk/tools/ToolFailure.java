package io.aihelpdesk.tools;

/** Thrown by a handler (or the invoker) when a call cannot complete; carries the diagnosis. */
public final class ToolFailure extends Exception {
    private final transient Diagnosis diagnosis;

    public ToolFailure(Diagnosis diagnosis) {
        super(diagnosis.render());
        this.diagnosis = diagnosis;
    }

    public ToolFailure(Diagnosis diagnosis, Throwable cause) {
        super(diagnosis.render(), cause);
        this.diagnosis = diagnosis;
    }

    public Diagnosis diagnosis() {
        return diagnosis;
    }
}
